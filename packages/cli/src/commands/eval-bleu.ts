import { corpusBleu, sentenceBleu } from '@nlpft/metrics';
import type { BleuOptions } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import {
  SCORE_OPTIONS,
  readSystemAndReferences,
  scoreCorpusOrSegments,
  scoreLine,
} from './eval-shared';

/** `nlpft eval bleu`: corpus BLEU as sacrebleu 2.4.3's command line prints it. */
export const evalBleuCommand = defineCommand({
  name: 'eval bleu',
  summary: "BLEU of a system output against reference files, as sacrebleu's CLI prints it",
  usage: 'REF [REF...] [-i HYP] [options]',
  description:
    'Files hold one segment per line; several reference files give several references per segment.\n' +
    'Same numbers, signature and line as `sacrebleu REF -i HYP -m bleu` (sacrebleu 2.4.3).',
  arguments: [{ name: 'REF', description: 'reference files', variadic: true, required: true }],
  options: {
    ...SCORE_OPTIONS,
    tokenize: {
      type: 'string',
      choices: ['13a', 'intl', 'char', 'zh', 'none'],
      default: '13a',
      description: 'tokenizer applied before counting n-grams',
    },
    lowercase: { type: 'boolean', description: 'case-insensitive BLEU' },
    smoothMethod: {
      type: 'string',
      choices: ['exp', 'floor', 'add-k', 'none'],
      default: 'exp',
      description: 'smoothing of zero n-gram counts',
    },
    smoothValue: {
      type: 'number',
      min: 0,
      max: 1_000_000,
      description: 'value for floor / add-k smoothing',
    },
    maxNgramOrder: {
      type: 'integer',
      min: 1,
      max: 20,
      description: 'highest n-gram order (default 4)',
    },
    effectiveOrder: { type: 'boolean', description: 'stop at the highest order with matches' },
    force: { type: 'boolean', description: 'score tokenized-looking input without a warning' },
  },
  examples: [
    'nlpft eval bleu refs.txt -i hyps.txt',
    'cat hyps.txt | nlpft eval bleu refs.a.txt refs.b.txt --tokenize intl --json',
    'nlpft eval bleu refs.txt -i hyps.txt --sentence-level --width 2',
  ],
  async run({ options, positionals }, io) {
    const { hypotheses, references } = await readSystemAndReferences(
      options.input,
      positionals,
      io,
      'nlpft eval bleu',
    );
    const bleuOptions: BleuOptions = {
      tokenize: options.tokenize,
      lowercase: options.lowercase,
      smoothMethod: options.smoothMethod,
      useEffectiveOrder: options.effectiveOrder,
      force: options.force,
      onWarning: (w) => void io.stderr.write(`sacreBLEU: ${w.message}\n`),
    };
    if (options.smoothValue !== undefined) bleuOptions.smoothValue = options.smoothValue;
    if (options.maxNgramOrder !== undefined) bleuOptions.maxNgramOrder = options.maxNgramOrder;
    const scores = scoreCorpusOrSegments(
      hypotheses,
      references,
      options.sentenceLevel,
      (h, r) => corpusBleu(h, r, bleuOptions),
      (h, r) => sentenceBleu(h, r, bleuOptions),
    );
    for (const s of scores) {
      // `formatted` is "BLEU = 48.89 <verbose>"; sacrebleu's line keeps the verbose part.
      const verbose = s.formatted.slice(s.formatted.indexOf(' ', 'BLEU = '.length) + 1);
      io.stdout.write(
        scoreLine('BLEU', s.score, s.signature, options.width, options.json, verbose) + '\n',
      );
    }
  },
});
