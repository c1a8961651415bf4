import { checkArray, checkObject, checkString, checkTokenizer } from './check-args';
import { TaskInputError } from './errors';
import { seededRandom } from './seeded-random';
import type { TokenizerLike } from './types';

/** Fields of one example, filled into a template's `{name}` placeholders. */
export type PromptFields = Readonly<Record<string, string>>;

/** Options of {@link iclPrompt}. */
export interface IclPromptOptions {
  /** Text before the demonstrations. @defaultValue none */
  instruction?: string;
  /** The pool of solved examples to draw demonstrations from. */
  demonstrations: readonly PromptFields[];
  /** The example to solve; always kept. */
  query: PromptFields;
  /** How a demonstration is written. @defaultValue 'Input: {input}\nOutput: {output}' */
  demonstrationTemplate?: string;
  /** How the query is written (usually the demonstration template without the answer). @defaultValue 'Input: {input}\nOutput:' */
  queryTemplate?: string;
  /** Between instruction, demonstrations and query. @defaultValue '\n\n' */
  separator?: string;
  /** How many demonstrations to draw from the pool. @defaultValue all of them */
  k?: number;
  /** Token budget for the whole prompt (counted with `tokenizer.encode`, no special tokens). @defaultValue no limit */
  maxTokens?: number;
  /** Seed of the draw and order of demonstrations. @defaultValue 0 */
  seed?: number;
  /** `'random'`: a seeded shuffle of the pool; `'given'`: the pool's order (the first `k`). @defaultValue 'random' */
  order?: 'random' | 'given';
}

/** A rendered prompt. */
export interface IclPrompt {
  readonly text: string;
  readonly ids: number[];
  /** Indices into `demonstrations` of those in the prompt, in prompt order. */
  readonly used: number[];
  /** Indices of drawn demonstrations dropped to fit `maxTokens`. */
  readonly dropped: number[];
}

function render(template: string, fields: PromptFields, where: string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = fields[name];
    if (v !== undefined) checkString(v, `${where}.${name}`, 'iclPrompt');
    if (v === undefined) {
      throw new TaskInputError(
        'INVALID_OPTION',
        `iclPrompt: ${where} has no field "${name}" that the template uses; it has ${Object.keys(fields).join(', ') || 'none'}`,
      );
    }
    return v;
  });
}

/**
 * An in-context-learning prompt: instruction, `k` demonstrations (a seeded draw and order from the pool) and the
 * query, fitted to `maxTokens` by dropping demonstrations — those farthest from the query first — never the query.
 * @throws {TaskInputError} `PROMPT_TOO_LONG` when the instruction and query alone exceed `maxTokens`;
 *   `INVALID_OPTION` for a template field an example lacks or a bad `k`.
 * @example
 * iclPrompt(tok, { instruction: 'Classify the sentiment.', demonstrations: train, query: { input: 'A dull film.' }, k: 4, maxTokens: 256, seed: 1 })
 * @see Brown et al. 2020, "Language Models are Few-Shot Learners", §2
 */
export function iclPrompt(tokenizer: TokenizerLike, options: IclPromptOptions): IclPrompt {
  const fn = 'iclPrompt';
  checkTokenizer(tokenizer, fn);
  checkObject(options, 'options', fn, true);
  checkArray(options.demonstrations, 'options.demonstrations', fn);
  options.demonstrations.forEach((d: unknown, i) =>
    checkObject(d, `options.demonstrations[${i}]`, fn, true),
  );
  checkObject(options.query, 'options.query', fn, true);
  for (const key of [
    'instruction',
    'demonstrationTemplate',
    'queryTemplate',
    'separator',
  ] as const) {
    if (options[key] !== undefined) checkString(options[key], `options.${key}`, fn);
  }
  const {
    instruction,
    demonstrations,
    query,
    demonstrationTemplate = 'Input: {input}\nOutput: {output}',
    queryTemplate = 'Input: {input}\nOutput:',
    separator = '\n\n',
    k = demonstrations.length,
    maxTokens = Infinity,
    seed = 0,
    order = 'random',
  } = options;
  if (!Number.isInteger(k) || k < 0 || k > demonstrations.length) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `iclPrompt: k must be an integer in [0, ${demonstrations.length}], got ${k}`,
    );
  }
  const pool = demonstrations.map((_, i) => i);
  if (order === 'random') {
    // Fisher–Yates with a seeded generator: the draw and the order repeat for a seed.
    const rand = seededRandom(seed);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
  }
  const drawn = pool.slice(0, k);
  const demoTexts = drawn.map((i) =>
    render(demonstrationTemplate, demonstrations[i]!, `demonstrations[${i}]`),
  );
  const queryText = render(queryTemplate, query, 'query');
  const build = (keep: number): string =>
    [
      ...(instruction === undefined ? [] : [instruction]),
      ...demoTexts.slice(demoTexts.length - keep),
      queryText,
    ].join(separator);
  const count = (text: string): number[] =>
    tokenizer.encode(text, null, { addSpecialTokens: false }).ids.slice();

  // Keep the m demonstrations nearest the query, m as large as fits. Token counts grow with m, so search for it.
  let ids = count(build(drawn.length));
  let keep = drawn.length;
  if (ids.length > maxTokens) {
    const bare = count(build(0));
    if (bare.length > maxTokens) {
      throw new TaskInputError(
        'PROMPT_TOO_LONG',
        `iclPrompt: the instruction and query take ${bare.length} tokens, more than maxTokens ${maxTokens}; shorten them or raise the budget`,
      );
    }
    let lo = 0;
    let hi = drawn.length - 1;
    ids = bare;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const tryIds = count(build(mid));
      if (tryIds.length <= maxTokens) lo = mid;
      else hi = mid - 1;
    }
    keep = lo;
    if (keep > 0) ids = count(build(keep));
  }
  return {
    text: build(keep),
    ids,
    used: drawn.slice(drawn.length - keep),
    dropped: drawn.slice(0, drawn.length - keep),
  };
}
