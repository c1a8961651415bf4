// Test helpers (not exported): the committed fixture models, PyTorch's reference outputs and the word-level
// tokenizer the fixtures were made with (scripts/export_models.py: lowercase, \w+|[^\w\s], vocab.json, [UNK]=1).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DecodingTokenizerLike, EncodingLike } from './types';

export const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Path of a fixture model folder's model.onnx. */
export function fixtureModel(name: string): string {
  return join(fixturesDir, name, 'model.onnx');
}

export interface RefTensor {
  dims: number[];
  data: number[];
}

/** Every field some case of reference.json has; each case has a subset (see scripts/export_models.py). */
export interface RefCase {
  texts: string[] | [string, string][];
  input_ids: number[][];
  attention_mask: number[][];
  token_type_ids: number[][];
  position_ids: number[][];
  logits: RefTensor;
  last_hidden_state: RefTensor;
  start_logits: RefTensor;
  end_logits: RefTensor;
  token_log_probs: RefTensor;
  cls_logits: RefTensor;
  per_text: { ids: number[]; token_log_probs: number[]; perplexity: number }[];
  corpus_perplexity: number;
  text: string;
  ids: number[];
  max_length: number;
  stride: number;
  nll_sum: number;
  tokens: number;
  perplexity: number;
  max_new_tokens: number;
  generations: { prompt: string; prompt_ids: number[]; greedy_ids: number[] }[];
  choices: string[];
  mc_token_ids: number[][];
  mc_logits: RefTensor;
}

let reference: { cases: Record<string, RefCase> } | undefined;
/** A case of fixtures/reference.json (PyTorch outputs). */
export function refCase(name: string): RefCase {
  reference ??= JSON.parse(readFileSync(join(fixturesDir, 'reference.json'), 'utf8')) as {
    cases: Record<string, RefCase>;
  };
  const c = reference.cases[name];
  if (!c) throw new Error(`reference.json has no case ${name}`);
  return c;
}

const vocab = JSON.parse(readFileSync(join(fixturesDir, 'vocab.json'), 'utf8')) as string[];

/** The fixtures' word-level tokenizer; `bert` adds [CLS] a [SEP] b [SEP], otherwise no special tokens. */
export function wordTokenizer(
  style: 'bert' | 'gpt',
): DecodingTokenizerLike & { vocabSize: number } {
  const ids = new Map(vocab.map((w, i) => [w, i]));
  const words = (text: string): { ids: number[]; offsets: [number, number][] } => {
    const out = { ids: [] as number[], offsets: [] as [number, number][] };
    for (const m of text.toLowerCase().matchAll(/\w+|[^\w\s]/g)) {
      out.ids.push(ids.get(m[0]) ?? 1);
      out.offsets.push([m.index, m.index + m[0].length]);
    }
    return out;
  };
  return {
    vocabSize: vocab.length,
    tokenToId: (t) => ids.get(t),
    encode(text, pair, options = {}): EncodingLike {
      const a = words(text);
      if (style === 'gpt' || options.addSpecialTokens === false) {
        const b = pair === undefined || pair === null ? { ids: [], offsets: [] } : words(pair);
        return {
          ids: [...a.ids, ...b.ids],
          offsets: [...a.offsets, ...b.offsets],
          typeIds: [...a.ids.map(() => 0), ...b.ids.map(() => 1)],
        };
      }
      const encIds = [2, ...a.ids, 3];
      const offsets: [number, number][] = [[0, 0], ...a.offsets, [0, 0]];
      const typeIds = encIds.map(() => 0);
      if (pair !== undefined && pair !== null) {
        const b = words(pair);
        encIds.push(...b.ids, 3);
        offsets.push(...b.offsets, [0, 0]);
        typeIds.push(...b.ids.map(() => 1), 1);
      }
      return { ids: encIds, offsets, typeIds };
    },
    decode: (list, options = {}) =>
      list
        .filter((i) => !(options.skipSpecialTokens && i < 5))
        .map((i) => vocab[i] ?? `<${i}>`)
        .join(' '),
  };
}

/** Largest absolute difference between two number sequences of equal length (throws on a length mismatch). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs((a[i] as number) - (b[i] as number)));
  return m;
}

/** A rows-of-ids array as an int64 tensor. */
export function int64(rows: number[][]): { type: 'int64'; data: BigInt64Array; dims: number[] } {
  return {
    type: 'int64',
    data: BigInt64Array.from(rows.flat(), (v) => BigInt(v)),
    dims: [rows.length, rows[0]?.length ?? 0],
  };
}

/** fixtures/recipe-reference.json: the recipes re-stated in PyTorch by scripts/recipe_reference.py. */
export interface RecipeReference {
  sliding_window: {
    id: string;
    max_length: number;
    stride: number;
    text: string;
    ids: number[];
    nll_sum: number;
    tokens: number;
    perplexity: number;
    windows: { begin: number; end: number; scored: number }[];
  }[];
  greedy_vocab: {
    tokenizer_vocab_size: number;
    model_vocab_size: number;
    max_new_tokens: number;
    generations: {
      prompt: string;
      prompt_ids: number[];
      unmasked_ids: number[];
      greedy_ids: number[];
    }[];
  };
}

let recipes: RecipeReference | undefined;
export function recipeReference(): RecipeReference {
  recipes ??= JSON.parse(
    readFileSync(join(fixturesDir, 'recipe-reference.json'), 'utf8'),
  ) as RecipeReference;
  return recipes;
}

/**
 * The word tokenizer claiming all 1000 rows of the GPT-2 fixtures' output vocabulary (ids past vocab.json decode as
 * `<id>`), so generation may pick any row, as PyTorch's unmasked greedy reference does.
 */
export function fullVocabTokenizer(): DecodingTokenizerLike & { vocabSize: number } {
  return { ...wordTokenizer('gpt'), vocabSize: 1000 };
}
