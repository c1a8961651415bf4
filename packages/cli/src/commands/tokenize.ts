import type { EncodeInput, Encoding, Tokenizer } from '@nlpft/tokenizers';
import { commandProgress } from '../cli/command-progress';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { OUTPUT_OPTIONS, tokenizerOption } from '../cli/common-options';
import { withOutput } from '../cli/output-sink';
import { readInputLines } from '../cli/read-input';
import { loadTokenizer } from './load-tokenizer';

/** Lines encoded per `encodeBatch` call (and per progress tick). */
const CHUNK = 512;

/** One line of `--format jsonl`. */
interface EncodedLine {
  ids: number[];
  tokens: string[];
  typeIds?: number[];
  attentionMask?: number[];
  offsets?: [number, number][];
}

/** `a<TAB>b` → `[a, b]`, split at the first tab. */
export function splitPair(line: string, index: number, prog: string): readonly [string, string] {
  const tab = line.indexOf('\t');
  if (tab < 0) {
    throw new CliError(
      'INVALID_INPUT',
      `${prog}: line ${index + 1} has no tab; --pair reads "first<TAB>second" per line`,
    );
  }
  return [line.slice(0, tab), line.slice(tab + 1)];
}

/** Applies --max-length/--truncation/--padding to the tokenizer (replacing the file's own settings). */
function configure(
  tokenizer: Tokenizer,
  options: {
    maxLength: number | undefined;
    truncation: boolean;
    padding: 'longest' | 'max-length' | undefined;
    padToken: string | undefined;
  },
  prog: string,
): void {
  const { maxLength, truncation, padding } = options;
  if ((truncation || padding === 'max-length') && maxLength === undefined) {
    throw new CliError(
      'MISSING_OPTION',
      `${prog}: --max-length is required with ${truncation ? '--truncation' : '--padding max-length'}`,
    );
  }
  if (truncation) tokenizer.enableTruncation(maxLength as number);
  if (padding) {
    const padToken = options.padToken ?? '[PAD]';
    const padId = tokenizer.tokenToId(padToken);
    if (padId === undefined) {
      throw new CliError(
        'INVALID_OPTION',
        `${prog}: the pad token ${JSON.stringify(padToken)} is not in the tokenizer's vocabulary; pass --pad-token`,
      );
    }
    tokenizer.enablePadding({
      padToken,
      padId,
      ...(padding === 'max-length' ? { length: maxLength as number } : {}),
    });
  }
}

function formatEncoding(
  e: Encoding,
  format: 'jsonl' | 'ids' | 'tokens',
  extras: { pair: boolean; padding: boolean; offsets: boolean },
): string {
  if (format === 'ids') return e.ids.join(' ');
  if (format === 'tokens') return e.tokens.join(' ');
  const out: EncodedLine = { ids: e.ids, tokens: e.tokens };
  if (extras.pair) out.typeIds = e.typeIds;
  if (extras.padding) out.attentionMask = e.attentionMask;
  if (extras.offsets) out.offsets = e.offsets.map(([s, t]) => [s, t]);
  return JSON.stringify(out);
}

/** `nlpft tokenize`: one text per line in, one encoding per line out. */
export const tokenizeCommand = defineCommand({
  name: 'tokenize',
  summary: 'encode text lines with a tokenizer.json (ids, tokens, offsets as JSONL)',
  usage: '--tokenizer FILE [options] [INPUT...]',
  description:
    'Each input line is one text (with --pair, two texts separated by a tab). Output has one line per input line.\n' +
    '--format jsonl writes {"ids", "tokens"} plus "typeIds" (--pair), "attentionMask" (--padding) and "offsets"\n' +
    '(--offsets: UTF-16 [start, end) into the line). Inputs are read whole; progress goes to stderr.',
  arguments: [
    {
      name: 'INPUT',
      description: 'text files, one text per line; stdin when none or "-"',
      variadic: true,
    },
  ],
  options: {
    tokenizer: tokenizerOption('Hugging Face tokenizer.json'),
    format: {
      type: 'string',
      choices: ['jsonl', 'ids', 'tokens'],
      default: 'jsonl',
      description: 'JSON per line, or space-separated ids or tokens',
    },
    pair: { type: 'boolean', description: 'each line is "first<TAB>second", encoded as a pair' },
    offsets: { type: 'boolean', description: 'add "offsets" to JSONL output' },
    specialTokens: {
      type: 'boolean',
      default: true,
      description: "add the tokenizer's special tokens ([CLS], </s>, …)",
    },
    maxLength: {
      type: 'integer',
      min: 1,
      max: 1_000_000,
      description: 'length for --truncation and --padding max-length',
    },
    truncation: {
      type: 'boolean',
      description: 'cut encodings to --max-length (longest first for pairs)',
    },
    padding: {
      type: 'string',
      choices: ['longest', 'max-length'],
      description: 'pad to the longest input line or to --max-length',
    },
    padToken: { type: 'string', valueName: 'TOKEN', description: 'padding token (default: [PAD])' },
    ...OUTPUT_OPTIONS,
  },
  config: true,
  examples: [
    'nlpft tokenize --tokenizer bert-base-uncased/tokenizer.json sentences.txt',
    'echo "Hello, world!" | nlpft tokenize -t tokenizer.json --format ids',
    'nlpft tokenize -t tokenizer.json --pair --max-length 128 --truncation --padding max-length pairs.tsv -o enc.jsonl',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft tokenize';
    const tokenizer = await loadTokenizer(options.tokenizer, io, `${prog}: --tokenizer`);
    configure(tokenizer, options, prog);
    const lines = await readInputLines(positionals, io, `${prog}: input`);
    const inputs: EncodeInput[] = options.pair
      ? lines.map((line, i) => splitPair(line, i, prog))
      : lines;
    const extras = {
      pair: options.pair,
      padding: options.padding !== undefined,
      offsets: options.offsets,
    };
    const encodeOptions = { addSpecialTokens: options.specialTokens };
    // Padding to the longest line needs the whole input in one batch.
    const chunk = options.padding === 'longest' ? Math.max(1, inputs.length) : CHUNK;
    const progress = commandProgress(io, inputs.length, 'tokenize', options.quiet);
    await withOutput(options.output, io, `${prog}: --output`, (out) => {
      for (let start = 0; start < inputs.length; start += chunk) {
        const batch = inputs.slice(start, start + chunk);
        const text = tokenizer
          .encodeBatch(batch, encodeOptions)
          .map((e) => formatEncoding(e, options.format, extras) + '\n')
          .join('');
        out.write(text);
        progress.tick(batch.length);
      }
    });
    progress.done();
  },
});
