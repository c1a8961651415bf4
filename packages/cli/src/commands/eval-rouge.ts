import { corpusRouge, pyFormatFixed } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import { readLines } from '../cli/read-input';
import { SCORE_OPTIONS } from './eval-shared';

/** `nlpft eval rouge`: ROUGE as rouge-score 0.1.2, mean over lines, printed as a sacrebleu-style line. */
export const evalRougeCommand = defineCommand({
  name: 'eval rouge',
  summary: 'ROUGE-1/2/L/Lsum (rouge-score 0.1.2), the mean over lines',
  usage: 'TARGET [-i PREDICTION] [options]',
  description:
    'One summary per line in each file. Prints per type\n' +
    '`rouge1|stem:no|items:N|rouge-score:0.1.2 = F (P = … R = …)`, the mean F, precision and recall in percent\n' +
    '(our line; rouge-score has no such CLI). --json prints the mean as fractions.',
  arguments: [{ name: 'TARGET', description: 'reference summaries', required: true }],
  options: {
    input: SCORE_OPTIONS.input,
    width: SCORE_OPTIONS.width,
    json: SCORE_OPTIONS.json,
    types: {
      type: 'string',
      default: 'rouge1,rouge2,rougeL,rougeLsum',
      description: 'comma-separated ROUGE types',
    },
    stemmer: { type: 'boolean', description: 'Porter-stem tokens longer than 3 characters' },
    sentenceSep: {
      type: 'string',
      valueName: 'STR',
      description: 'split each line into sentences at STR (for rougeLsum)',
    },
    perItem: { type: 'boolean', description: 'also print each line’s P/R/F' },
  },
  examples: [
    'nlpft eval rouge targets.txt -i predictions.txt',
    'nlpft eval rouge targets.txt -i predictions.txt --types rouge1,rougeLsum --stemmer --sentence-sep " <n> "',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft eval rouge';
    const sep = options.sentenceSep;
    const split = (line: string): string => (sep ? line.split(sep).join('\n') : line);
    const targets = (await readLines(positionals[0] as string, io, `${prog}: target`)).map(split);
    const predictions = (await readLines(options.input ?? '-', io, `${prog}: prediction (-i)`)).map(
      split,
    );
    const types = options.types.split(',').map((t) => t.trim());
    const result = corpusRouge(targets, predictions, {
      rougeTypes: types,
      useStemmer: options.stemmer,
    });
    if (options.json) {
      const out: Record<string, unknown> = {
        name: 'ROUGE',
        stemmer: options.stemmer,
        items: targets.length,
        mean: result.mean,
      };
      if (options.perItem) out['per_item'] = result.perItem;
      io.stdout.write(JSON.stringify(out, null, 1) + '\n');
      return;
    }
    const w = options.width;
    const lines: string[] = [];
    if (options.perItem) {
      result.perItem.forEach((item, i) => {
        for (const t of types) {
          const s = item[t];
          if (s) {
            lines.push(
              `${i + 1}\t${t}\tP ${pyFormatFixed(s.precision, w + 3)}\tR ${pyFormatFixed(s.recall, w + 3)}\tF ${pyFormatFixed(s.fmeasure, w + 3)}`,
            );
          }
        }
      });
    }
    const signature = `stem:${options.stemmer ? 'yes' : 'no'}|items:${targets.length}|rouge-score:0.1.2`;
    for (const t of types) {
      const s = result.mean[t];
      if (!s) continue;
      lines.push(
        `${t}|${signature} = ${pyFormatFixed(100 * s.fmeasure, w)} ` +
          `(P = ${pyFormatFixed(100 * s.precision, w)} R = ${pyFormatFixed(100 * s.recall, w)})`,
      );
    }
    io.stdout.write(lines.join('\n') + '\n');
  },
});
