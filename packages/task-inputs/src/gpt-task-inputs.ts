import { encodeUnpadded } from './encode-inputs';
import type { WorkEncoding } from './encoding-ops';
import { TaskInputError } from './errors';
import { padInPlace } from './pad-encodings';
import type {
  PairTemplate,
  Side,
  TokenizerLike,
  TokenOrId,
  TokenSequence,
  TruncationStrategy,
} from './types';

/** The three tokens GPT-1 adds for fine-tuning (Radford et al. 2018, §3.3), as vocabulary strings or ids. */
export interface GptTaskTokens {
  readonly start: TokenOrId;
  readonly delimiter: TokenOrId;
  readonly extract: TokenOrId;
}

/** Options shared by the GPT-1 task transformations. */
export interface GptTaskOptions {
  /** The start, delimiter and extract tokens (e.g. added special tokens). */
  tokens: GptTaskTokens;
  /**
   * Longest sequence, special tokens included. Longer inputs are cut by `truncation`, from `truncationSide`.
   * @defaultValue no limit
   */
  maxLength?: number;
  /**
   * Which text loses tokens when an input is too long, with Hugging Face's rules: `'longest_first'` gives each text
   * half the budget unless one is shorter (it then keeps all of it); `'only_first'`/`'only_second'` cut one text.
   * @defaultValue `'longest_first'`; `'only_first'` (the context) for {@link gptMultipleChoice}
   */
  truncation?: Exclude<TruncationStrategy, 'do_not_truncate'>;
  /** Which end of a text is cut. @defaultValue 'right' */
  truncationSide?: Side;
  /** Pad to `maxLength` (`'max_length'`); multiple choice and similarity always pad their sequences to one length. @defaultValue false */
  padding?: 'max_length' | false;
  /** The pad token (GPT-1 has none; its attention mask is 0 anyway). @defaultValue 0 */
  padToken?: TokenOrId;
  /** Where pad tokens go. @defaultValue 'right' */
  paddingSide?: Side;
}

/** One GPT-1 input sequence: ids, attention mask, and where the extract token is (the state a task head reads). */
export interface GptTaskInput {
  readonly ids: number[];
  readonly attentionMask: number[];
  readonly extractIndex: number;
}

/** `[numChoices, seq]` inputs for multiple choice: one row per answer, padded to one length. */
export interface GptMultipleChoiceInput {
  readonly ids: number[][];
  readonly attentionMask: number[][];
  readonly extractIndex: number[];
  readonly dims: [number, number];
}

const templates = new WeakMap<GptTaskTokens, PairTemplate>();

function gptTemplate(tokens: GptTaskTokens): PairTemplate {
  let t = templates.get(tokens);
  if (!t) {
    t = {
      single: [{ special: tokens.start }, { sequence: 'A' }, { special: tokens.extract }],
      pair: [
        { special: tokens.start },
        { sequence: 'A' },
        { special: tokens.delimiter },
        { sequence: 'B' },
        { special: tokens.extract },
      ],
    };
    templates.set(tokens, t);
  }
  return t;
}

type Text = string | TokenSequence;

function build(
  fn: string,
  tokenizer: TokenizerLike,
  pairs: readonly (readonly [Text, Text | null])[],
  options: GptTaskOptions,
  forcePad: boolean,
  defaultTruncation: Exclude<TruncationStrategy, 'do_not_truncate'>,
): GptTaskInput[] {
  if (!options.tokens) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: options.tokens ({ start, delimiter, extract }) is required`,
    );
  }
  const { maxLength, truncationSide = 'right', paddingSide = 'right' } = options;
  const enc = {
    template: gptTemplate(options.tokens),
    maxLength,
    truncation:
      maxLength === undefined
        ? ('do_not_truncate' as const)
        : (options.truncation ?? defaultTruncation),
    truncationSide,
  };
  const seqs: WorkEncoding[] = pairs.map(([a, b]) => encodeUnpadded(tokenizer, a, b, enc, fn));
  const lengths = seqs.map((s) => s.ids.length);
  if (options.padding === 'max_length' || forcePad) {
    padInPlace(
      seqs,
      {
        padding: options.padding === 'max_length' ? 'max_length' : 'longest',
        maxLength,
        paddingSide,
        padToken: options.padToken ?? 0,
        tokenizer,
      },
      fn,
    );
  }
  return seqs.map((s, i) => ({
    ids: s.ids,
    attentionMask: s.attentionMask,
    // The extract token ends the unpadded sequence; left padding shifts it.
    extractIndex: paddingSide === 'left' ? s.ids.length - 1 : lengths[i]! - 1,
  }));
}

/**
 * GPT-1 classification input: `start text extract` (Radford et al. 2018, figure 1).
 * @throws {TaskInputError} `TOKEN_NOT_IN_VOCAB` for a task token the tokenizer lacks; `INVALID_OPTION` when `maxLength`
 *   is below the 2 task tokens.
 * @example gptClassification(tok, 'a great movie', { tokens: { start: '_start_', delimiter: '_delimiter_', extract: '_classify_' } })
 * @see https://cdn.openai.com/research-covers/language-unsupervised/language_understanding_paper.pdf
 */
export function gptClassification(
  tokenizer: TokenizerLike,
  text: Text,
  options: GptTaskOptions,
): GptTaskInput {
  return build('gptClassification', tokenizer, [[text, null]], options, false, 'longest_first')[0]!;
}

/**
 * GPT-1 entailment input: `start premise delim hypothesis extract`.
 * @throws {TaskInputError} `TOKEN_NOT_IN_VOCAB`; `SEQUENCE_TOO_SHORT` when `only_first`/`only_second` cannot cut enough.
 * @example gptEntailment(tok, 'A man sleeps.', 'A person rests.', { tokens, maxLength: 64 })
 */
export function gptEntailment(
  tokenizer: TokenizerLike,
  premise: Text,
  hypothesis: Text,
  options: GptTaskOptions,
): GptTaskInput {
  return build(
    'gptEntailment',
    tokenizer,
    [[premise, hypothesis]],
    options,
    false,
    'longest_first',
  )[0]!;
}

/**
 * GPT-1 similarity input: both orders, `start a delim b extract` and `start b delim a extract`, padded to one length;
 * the model sums the two extract-position states (there is no inherent order between the texts).
 * @throws {TaskInputError} `TOKEN_NOT_IN_VOCAB`; `SEQUENCE_TOO_SHORT`.
 * @example const [ab, ba] = gptSimilarity(tok, 'A cat sits.', 'A cat is sitting.', { tokens })
 */
export function gptSimilarity(
  tokenizer: TokenizerLike,
  a: Text,
  b: Text,
  options: GptTaskOptions,
): [GptTaskInput, GptTaskInput] {
  const [ab, ba] = build(
    'gptSimilarity',
    tokenizer,
    [
      [a, b],
      [b, a],
    ],
    options,
    true,
    'longest_first',
  );
  return [ab!, ba!];
}

/**
 * GPT-1 multiple-choice input: one sequence per answer, `start context delim answer_i extract`, padded to one length
 * and shaped `[numChoices, seq]`; a softmax over the extract-position scores picks the answer. By default only the
 * context is cut when `maxLength` is exceeded, so every answer stays whole.
 * @throws {TaskInputError} `INCONSISTENT_SHAPES` with no answers; `TOKEN_NOT_IN_VOCAB`; `SEQUENCE_TOO_SHORT` when the
 *   context cannot be cut enough for an answer.
 * @example gptMultipleChoice(tok, 'Karen was assigned a roommate.', ['She liked her.', 'She hated her.'], { tokens })
 */
export function gptMultipleChoice(
  tokenizer: TokenizerLike,
  context: Text,
  answers: readonly Text[],
  options: GptTaskOptions,
): GptMultipleChoiceInput {
  if (answers.length === 0) {
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      'gptMultipleChoice: answers is empty; pass at least one answer',
    );
  }
  const rows = build(
    'gptMultipleChoice',
    tokenizer,
    answers.map((ans) => [context, ans] as const),
    options,
    true,
    'only_first',
  );
  return {
    ids: rows.map((r) => r.ids),
    attentionMask: rows.map((r) => r.attentionMask),
    extractIndex: rows.map((r) => r.extractIndex),
    dims: [rows.length, rows[0]!.ids.length],
  };
}
