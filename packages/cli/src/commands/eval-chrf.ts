import { corpusChrf, sentenceChrf } from '@nlpft/metrics';
import type { ChrfOptions } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import {
  SCORE_OPTIONS,
  readSystemAndReferences,
  scoreCorpusOrSegments,
  scoreLine,
} from './eval-shared';

/** `nlpft eval chrf`: chrF / chrF++ as sacrebleu 2.4.3's command line prints it. */
export const evalChrfCommand = defineCommand({
  name: 'eval chrf',
  summary: "chrF or chrF++ (--word-order 2) against reference files, as sacrebleu's CLI prints it",
  usage: 'REF [REF...] [-i HYP] [options]',
  arguments: [{ name: 'REF', description: 'reference files', variadic: true, required: true }],
  options: {
    ...SCORE_OPTIONS,
    charOrder: {
      type: 'integer',
      min: 1,
      max: 20,
      default: 6,
      description: 'character n-gram order',
    },
    wordOrder: {
      type: 'integer',
      min: 0,
      max: 20,
      default: 0,
      description: 'word n-gram order (2 = chrF++)',
    },
    beta: { type: 'number', min: 0, max: 1000, default: 2, description: 'weight of recall' },
    lowercase: { type: 'boolean', description: 'case-insensitive' },
    whitespace: { type: 'boolean', description: 'keep whitespace in character n-grams' },
    epsSmoothing: { type: 'boolean', description: "sacrebleu's eps smoothing (chrF++.py)" },
  },
  examples: [
    'nlpft eval chrf refs.txt -i hyps.txt',
    'nlpft eval chrf refs.txt -i hyps.txt --word-order 2 --json',
  ],
  async run({ options, positionals }, io) {
    const { hypotheses, references } = await readSystemAndReferences(
      options.input,
      positionals,
      io,
      'nlpft eval chrf',
    );
    const chrfOptions: ChrfOptions = {
      charOrder: options.charOrder,
      wordOrder: options.wordOrder,
      beta: options.beta,
      lowercase: options.lowercase,
      whitespace: options.whitespace,
      epsSmoothing: options.epsSmoothing,
    };
    const name = `chrF${options.beta}${'+'.repeat(options.wordOrder)}`;
    const scores = scoreCorpusOrSegments(
      hypotheses,
      references,
      options.sentenceLevel,
      (h, r) => corpusChrf(h, r, chrfOptions),
      (h, r) => sentenceChrf(h, r, chrfOptions),
    );
    for (const s of scores) {
      io.stdout.write(scoreLine(name, s.score, s.signature, options.width, options.json) + '\n');
    }
  },
});
