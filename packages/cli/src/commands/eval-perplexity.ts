import { perplexity, pyFormatFixed } from '@nlpft/metrics';
import { defineCommand } from '../cli/define-command';
import { CliError } from '../cli/errors';
import { readInputLines } from '../cli/read-input';

/** One sequence's contribution: its summed negative log-likelihood (nats) and token count. */
export interface SequenceNll {
  readonly nll: number;
  readonly tokens: number;
}

type TokenValueKind = 'logprobs' | 'nll' | 'probs';

function isNumberArray(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number');
}

/** Sum NLL and count of per-token values, through @nlpft/metrics' `perplexity` (which checks them). */
function fromTokenValues(values: readonly number[], from: TokenValueKind): SequenceNll {
  const r = perplexity(values, { from, onWarning: () => {} });
  return { nll: r.meanNll * r.numTokens, tokens: r.numTokens };
}

/**
 * Reads one line of a perplexity file:
 * - numbers separated by spaces, or a JSON array of numbers: the sequence's per-token values (`from`);
 * - `{"tokenLogProbs": [...]}` (what `nlpft predict --task score` prints): per-token log-probabilities;
 * - `{"nll": N, "tokens": T}`: the summed NLL of T tokens;  `{"loss": L, "tokens": T}`: the mean NLL (a training
 *   loss in nats) of T tokens.
 * @throws {CliError} `INVALID_INPUT` naming the line.
 */
export function parsePerplexityLine(
  line: string,
  from: TokenValueKind,
  where: string,
): SequenceNll {
  const text = line.trim();
  if (!text.startsWith('{') && !text.startsWith('[')) {
    const values = text.split(/\s+/).map(Number);
    if (values.some(Number.isNaN)) {
      throw new CliError(
        'INVALID_INPUT',
        `${where}: expected numbers, JSON array or JSON object, got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    return fromTokenValues(values, from);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new CliError('INVALID_INPUT', `${where}: not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
  if (isNumberArray(data)) return fromTokenValues(data, from);
  const record = (data ?? {}) as Record<string, unknown>;
  if (isNumberArray(record['tokenLogProbs']))
    return fromTokenValues(record['tokenLogProbs'], 'logprobs');
  const tokens = record['tokens'];
  const nll = record['nll'];
  const loss = record['loss'];
  if (typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0) {
    if (typeof nll === 'number' && Number.isFinite(nll)) return { nll, tokens };
    if (typeof loss === 'number' && Number.isFinite(loss)) return { nll: loss * tokens, tokens };
  }
  throw new CliError(
    'INVALID_INPUT',
    `${where}: expected "tokenLogProbs" (an array of numbers), or "tokens" (a count) with a finite "nll" or "loss"; got keys ${Object.keys(record).join(', ') || 'none'}`,
  );
}

/** `nlpft eval perplexity`: corpus perplexity exp(Σ NLL / Σ tokens) from per-token or per-sequence values. */
export const evalPerplexityCommand = defineCommand({
  name: 'eval perplexity',
  summary: 'perplexity from per-token log-probabilities or per-sequence loss/tokens (JSONL)',
  usage: '[FILE...] [options]',
  description:
    'One sequence per line, either: per-token values separated by spaces or as a JSON array (log-probabilities\n' +
    'in nats, or see --from); {"tokenLogProbs": [...]} as `nlpft predict --task score` prints; {"nll": N, "tokens": T}\n' +
    '(summed NLL); or {"loss": L, "tokens": T} (mean NLL per token, as a training loss). Corpus perplexity is\n' +
    'exp(Σ NLL / Σ tokens), tokens pooled over sequences (not the mean of per-sequence perplexities).',
  arguments: [{ name: 'FILE', description: 'input files; stdin when none or "-"', variadic: true }],
  options: {
    from: {
      type: 'string',
      choices: ['logprobs', 'nll', 'probs'],
      default: 'logprobs',
      description: 'what bare per-token values are (natural log)',
    },
    perSequence: { type: 'boolean', description: 'also print each sequence’s perplexity' },
    width: {
      type: 'integer',
      min: 0,
      max: 20,
      default: 3,
      description: 'decimals in the text output',
    },
    json: { type: 'boolean', description: 'print JSON' },
  },
  examples: [
    'nlpft eval perplexity logprobs.txt',
    'nlpft predict -m gpt2/model.onnx -t gpt2/tokenizer.json --task score texts.txt | nlpft eval perplexity --json',
    'nlpft eval perplexity losses.jsonl --per-sequence',
  ],
  async run({ options, positionals }, io) {
    const prog = 'nlpft eval perplexity';
    const lines = await readInputLines(positionals, io, `${prog}: input`);
    const sequences: SequenceNll[] = [];
    lines.forEach((line, i) => {
      if (line.trim() !== '') {
        sequences.push(parsePerplexityLine(line, options.from, `${prog}: line ${i + 1}`));
      }
    });
    if (sequences.length === 0)
      throw new CliError('INVALID_INPUT', `${prog}: the input has no sequences`);
    let nll = 0;
    let tokens = 0;
    for (const s of sequences) {
      nll += s.nll;
      tokens += s.tokens;
    }
    const meanNll = nll / tokens;
    const value = Math.exp(meanNll);
    const perSequence = sequences.map((s) => Math.exp(s.nll / s.tokens));
    if (options.json) {
      const out: Record<string, unknown> = {
        perplexity: value,
        meanNll,
        tokens,
        sequences: sequences.length,
      };
      if (options.perSequence) out['perSequence'] = perSequence;
      // JSON has no ∞ or NaN; write them as the strings "Infinity" and "NaN" (JavaScript's and numpy's spelling).
      const finite = (_: string, v: unknown): unknown =>
        typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
      io.stdout.write(JSON.stringify(out, finite, 1) + '\n');
      return;
    }
    const w = options.width;
    const text = options.perSequence
      ? perSequence.map((p, i) => `${i + 1}\t${pyFormatFixed(p, w)}`)
      : [];
    text.push(
      `PPL|sequences:${sequences.length}|tokens:${tokens} = ${pyFormatFixed(value, w)} (NLL = ${pyFormatFixed(meanNll, w + 1)} nats/token)`,
    );
    io.stdout.write(text.join('\n') + '\n');
  },
});
