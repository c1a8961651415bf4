import { corpusTer, sentenceTer } from '@nlpft/metrics';
import type { TerOptions } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import {
  SCORE_OPTIONS,
  readSystemAndReferences,
  scoreCorpusOrSegments,
  scoreLine,
} from './eval-shared';

/** `nlpft eval ter`: TER as sacrebleu 2.4.3's command line prints it. */
export const evalTerCommand = defineCommand({
  name: 'eval ter',
  summary: "translation edit rate against reference files, as sacrebleu's CLI prints it",
  usage: 'REF [REF...] [-i HYP] [options]',
  arguments: [{ name: 'REF', description: 'reference files', variadic: true, required: true }],
  options: {
    ...SCORE_OPTIONS,
    normalized: { type: 'boolean', description: 'Tercom normalization' },
    noPunct: { type: 'boolean', description: 'remove punctuation' },
    asianSupport: { type: 'boolean', description: 'split Asian characters' },
    caseSensitive: { type: 'boolean', description: 'do not lowercase' },
  },
  examples: [
    'nlpft eval ter refs.txt -i hyps.txt',
    'nlpft eval ter refs.txt -i hyps.txt --case-sensitive --sentence-level',
  ],
  async run({ options, positionals }, io) {
    const { hypotheses, references } = await readSystemAndReferences(
      options.input,
      positionals,
      io,
      'nlpft eval ter',
    );
    const terOptions: TerOptions = {
      normalized: options.normalized,
      noPunct: options.noPunct,
      asianSupport: options.asianSupport,
      caseSensitive: options.caseSensitive,
    };
    const scores = scoreCorpusOrSegments(
      hypotheses,
      references,
      options.sentenceLevel,
      (h, r) => corpusTer(h, r, terOptions),
      (h, r) => sentenceTer(h, r, terOptions),
    );
    for (const s of scores) {
      io.stdout.write(scoreLine('TER', s.score, s.signature, options.width, options.json) + '\n');
    }
  },
});
