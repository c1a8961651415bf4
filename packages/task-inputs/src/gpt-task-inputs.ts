import { checkArray, checkObject, checkText, checkToken, checkTokenizer } from './check-args';
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

/** Checks what every GPT-1 transformation takes: a tokenizer, its texts and options with the task tokens. */
function checkArgs(
  fn: string,
  tokenizer: unknown,
  texts: readonly (readonly [unknown, string])[],
  options: unknown,
): void {
  checkTokenizer(tokenizer, fn);
  for (const [text, name] of texts) checkText(text, name, fn);
  checkObject(options, 'options', fn, true);
  const tokens = (options as { tokens?: unknown }).tokens;
  if (tokens === undefined) {
    throw new TaskInputError(
      'INVALID_OPTION',
      `${fn}: options.tokens ({ start, delimiter, extract }) is required`,
    );
  }
  checkObject(tokens, 'options.tokens', fn, true);
  for (const k of ['start', 'delimiter', 'extract'] as const)
    checkToken((tokens as Record<string, unknown>)[k], `options.tokens.${k}`, fn);
}

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
 * @throws {TaskInputError} `UNKNOWN_TOKEN` for a task token the tokenizer lacks; `INVALID_OPTION` when `maxLength`
 *   is below the 2 task tokens.
 * @example gptClassification(tok, 'a great movie', { tokens: { start: '_start_', delimiter: '_delimiter_', extract: '_classify_' } })
 * @see https://cdn.openai.com/research-covers/language-unsupervised/language_understanding_paper.pdf
 */
export function gptClassification(
  tokenizer: TokenizerLike,
  text: Text,
  options: GptTaskOptions,
): GptTaskInput {
  checkArgs('gptClassification', tokenizer, [[text, 'text']], options);
  return build('gptClassification', tokenizer, [[text, null]], options, false, 'longest_first')[0]!;
}

/**
 * GPT-1 entailment input: `start premise delim hypothesis extract`.
 * @throws {TaskInputError} `UNKNOWN_TOKEN`; `SEQUENCE_TOO_SHORT` when `only_first`/`only_second` cannot cut enough.
 * @example gptEntailment(tok, 'A man sleeps.', 'A person rests.', { tokens, maxLength: 64 })
 */
export function gptEntailment(
  tokenizer: TokenizerLike,
  premise: Text,
  hypothesis: Text,
  options: GptTaskOptions,
): GptTaskInput {
  checkArgs(
    'gptEntailment',
    tokenizer,
    [
      [premise, 'premise'],
      [hypothesis, 'hypothesis'],
    ],
    options,
  );
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
 * @throws {TaskInputError} `UNKNOWN_TOKEN`; `SEQUENCE_TOO_SHORT`.
 * @example const [ab, ba] = gptSimilarity(tok, 'A cat sits.', 'A cat is sitting.', { tokens })
 */
export function gptSimilarity(
  tokenizer: TokenizerLike,
  a: Text,
  b: Text,
  options: GptTaskOptions,
): [GptTaskInput, GptTaskInput] {
  checkArgs(
    'gptSimilarity',
    tokenizer,
    [
      [a, 'a'],
      [b, 'b'],
    ],
    options,
  );
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
 * A multiple-choice example as the GPT-1 paper writes it (Radford et al. 2018, §3.3): document `z`, question `q` and
 * answers `a_k`, each formatted `[z; q; $; a_k]`. Either of `document` and `question` may be left out.
 */
export interface GptMultipleChoiceExample {
  /** The document `z` (a story, a passage). @defaultValue none */
  readonly document?: Text;
  /** The question `q`, placed right after the document (its tokens follow the document's, no token between). @defaultValue none */
  readonly question?: Text;
  readonly answers: readonly Text[];
}

function tokensOf(tokenizer: TokenizerLike, text: Text): TokenSequence {
  return typeof text === 'string'
    ? tokenizer.encode(text, null, { addSpecialTokens: false })
    : text;
}

/**
 * `[z; q]` for each answer: the document's and the question's ids. With the default `only_first` truncation and a
 * `maxLength`, only the document is cut (from `truncationSide`) so the question and every answer stay whole.
 */
function documentAndQuestion(
  tokenizer: TokenizerLike,
  example: GptMultipleChoiceExample,
  options: GptTaskOptions,
): TokenSequence[] {
  const fn = 'gptMultipleChoice';
  const doc = example.document === undefined ? [] : [...tokensOf(tokenizer, example.document).ids];
  const question =
    example.question === undefined ? [] : [...tokensOf(tokenizer, example.question).ids];
  const { maxLength } = options;
  const cutDocument =
    maxLength !== undefined && (options.truncation ?? 'only_first') === 'only_first';
  return example.answers.map((answer, k) => {
    if (!cutDocument) return { ids: [...doc, ...question] };
    // start, delimiter and extract: the 3 tokens the template adds.
    const room = maxLength - 3 - question.length - tokensOf(tokenizer, answer).ids.length;
    if (room < 0) {
      throw new TaskInputError(
        'SEQUENCE_TOO_SHORT',
        `${fn}: the question and answer ${k} take ${maxLength - room} of maxLength ${maxLength} tokens even without ` +
          'the document; raise maxLength or shorten them',
      );
    }
    const kept =
      doc.length <= room
        ? doc
        : options.truncationSide === 'left'
          ? doc.slice(doc.length - room)
          : doc.slice(0, room);
    return { ids: [...kept, ...question] };
  });
}

/**
 * GPT-1 multiple-choice input: one sequence per answer, `start context delim answer_i extract`, padded to one length
 * and shaped `[numChoices, seq]`; a softmax over the extract-position scores picks the answer. By default only the
 * context is cut when `maxLength` is exceeded, so every answer stays whole. Give `{ document, question, answers }` for
 * the paper's `[z; q; $; a_k]` with the document and question apart: the default truncation then cuts the document
 * only, keeping the question whole too.
 * @throws {TaskInputError} `INCONSISTENT_SHAPES` with no answers; `UNKNOWN_TOKEN`; `SEQUENCE_TOO_SHORT` when the
 *   context (or document) cannot be cut enough for an answer; `INVALID_INPUT` for a text that is not a string or
 *   `{ ids }`.
 * @example gptMultipleChoice(tok, 'Karen was assigned a roommate.', ['She liked her.', 'She hated her.'], { tokens })
 * @example gptMultipleChoice(tok, { document: story, question: 'How did Karen feel?', answers }, { tokens })
 * @see https://cdn.openai.com/research-covers/language-unsupervised/language_understanding_paper.pdf
 */
export function gptMultipleChoice(
  tokenizer: TokenizerLike,
  example: GptMultipleChoiceExample,
  options: GptTaskOptions,
): GptMultipleChoiceInput;
export function gptMultipleChoice(
  tokenizer: TokenizerLike,
  context: Text,
  answers: readonly Text[],
  options: GptTaskOptions,
): GptMultipleChoiceInput;
export function gptMultipleChoice(
  tokenizer: TokenizerLike,
  contextOrExample: Text | GptMultipleChoiceExample,
  answersOrOptions: readonly Text[] | GptTaskOptions,
  maybeOptions?: GptTaskOptions,
): GptMultipleChoiceInput {
  const fn = 'gptMultipleChoice';
  // The example form: an object with `answers` (a TokenSequence has `ids` instead).
  const isExample =
    typeof contextOrExample === 'object' &&
    contextOrExample !== null &&
    'answers' in contextOrExample;
  const options = (isExample ? answersOrOptions : maybeOptions) as GptTaskOptions;
  const answers = isExample ? contextOrExample.answers : (answersOrOptions as readonly Text[]);
  const texts: [unknown, string][] = [];
  if (isExample) {
    const { document, question } = contextOrExample;
    if (document !== undefined) texts.push([document, 'example.document']);
    if (question !== undefined) texts.push([question, 'example.question']);
  } else texts.push([contextOrExample, 'context']);
  checkArgs(fn, tokenizer, texts, options);
  checkArray(answers, isExample ? 'example.answers' : 'answers', fn);
  answers.forEach((a: unknown, i) => checkText(a, `answers[${i}]`, fn));
  if (answers.length === 0) {
    throw new TaskInputError(
      'INCONSISTENT_SHAPES',
      'gptMultipleChoice: answers is empty; pass at least one answer',
    );
  }
  const firsts = isExample
    ? documentAndQuestion(tokenizer, contextOrExample, options)
    : answers.map(() => contextOrExample);
  const rows = build(
    fn,
    tokenizer,
    answers.map((ans, k) => [firsts[k] as Text, ans] as const),
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
