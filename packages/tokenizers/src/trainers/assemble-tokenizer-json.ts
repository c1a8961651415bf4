import { TokenizerError } from '../errors';
import { countWords } from './count-words';
import { PhaseProgress } from './phase-progress';
import { createTrainingSplitter } from './training-splitter';
import type { TrainingSplitter } from './training-splitter';
import type {
  CommonTrainerOptions,
  ComponentJson,
  TrainedAddedToken,
  TrainedTokenizerJson,
  TrainingTexts,
} from './types';

/** Named normalizers for the `normalizer` option. */
export type NormalizerPreset = 'bert' | 'bert-cased' | 'lowercase' | 'nfc' | 'nfkc' | 'none';

/** Pipeline settings shared by the `train…` functions; each component is written to the output as given. */
export interface PipelineOptions {
  /**
   * A preset name or a `tokenizer.json` normalizer object; `null` or `'none'` for no normalizer.
   * @defaultValue the trainer's own (each `train…` function says which)
   */
  normalizer?: NormalizerPreset | ComponentJson | null;
  /** A `tokenizer.json` pre-tokenizer object; `null` for none. @defaultValue the trainer's own */
  preTokenizer?: ComponentJson | null;
  /** A `tokenizer.json` post-processor object; `null` for none. @defaultValue the trainer's own */
  postProcessor?: ComponentJson | null;
  /** A `tokenizer.json` decoder object; `null` for none. @defaultValue the trainer's own */
  decoder?: ComponentJson | null;
  /**
   * Replaces the built-in normalizer + pre-tokenizer when counting words (for components the training pipeline
   * does not implement). It must split exactly as the saved tokenizer will, or the vocabulary will not fit.
   * @defaultValue `undefined` (split with the normalizer and pre-tokenizer)
   */
  split?: TrainingSplitter;
}

/**
 * Resolves a normalizer preset to its `tokenizer.json` object.
 * @throws {TokenizerError} `INVALID_OPTION` for an unknown preset name.
 */
function normalizerJson(
  n: NormalizerPreset | ComponentJson | null | undefined,
): ComponentJson | null {
  if (n === undefined || n === null || n === 'none') return null;
  if (typeof n === 'object') return n;
  switch (n) {
    case 'bert':
    case 'bert-cased': {
      const lowercase = n === 'bert';
      return {
        type: 'BertNormalizer',
        clean_text: true,
        handle_chinese_chars: true,
        strip_accents: null,
        lowercase,
      };
    }
    case 'lowercase':
      return { type: 'Lowercase' };
    case 'nfc':
      return { type: 'NFC' };
    case 'nfkc':
      return { type: 'NFKC' };
    default: {
      const never: never = n;
      throw new TokenizerError(
        'INVALID_OPTION',
        `train: normalizer ${JSON.stringify(never)} is not a preset; use 'bert', 'bert-cased', 'lowercase', 'nfc', 'nfkc', 'none' or a normalizer object`,
      );
    }
  }
}

/** The pipeline a `train…` function counts words through (and writes to its output), with the counts. */
export interface CountedPipeline {
  readonly normalizer: ComponentJson | null;
  readonly preTokenizer: ComponentJson | null;
  readonly reporter: PhaseProgress;
  readonly counts: Map<string, number>;
}

/**
 * Resolves the normalizer and pre-tokenizer (each option, or the trainer's default when it is `undefined`) and counts
 * the words of `texts` through them (or through the custom `split`).
 * @throws {TokenizerError} `INVALID_OPTION` for an unknown normalizer preset; `UNSUPPORTED_TYPE` or `INVALID_INPUT`
 *   from counting.
 */
export async function countThroughPipeline(
  texts: TrainingTexts,
  options: PipelineOptions & CommonTrainerOptions,
  defaults: {
    readonly normalizer?: NormalizerPreset | ComponentJson;
    readonly preTokenizer: ComponentJson;
  },
): Promise<CountedPipeline> {
  const normalizer = normalizerJson(
    options.normalizer === undefined ? defaults.normalizer : options.normalizer,
  );
  const preTokenizer =
    options.preTokenizer === undefined ? defaults.preTokenizer : options.preTokenizer;
  const reporter = reporterFor(options);
  const counts = await countPipelineWords(texts, normalizer, preTokenizer, options.split, reporter);
  return { normalizer, preTokenizer, reporter, counts };
}

/** What {@link trainedTokenizerJson} puts around a trained model. */
export interface TrainedParts {
  /** The pipeline the words were counted through. */
  readonly pipeline: Pick<CountedPipeline, 'normalizer' | 'preTokenizer'>;
  /** Registered in `added_tokens` when the model has them. */
  readonly specialTokens: readonly string[];
  /** The trained model's id of a token. */
  readonly idOf: (token: string) => number | undefined;
  /** Written when `options.postProcessor` is `undefined`. */
  readonly defaultPostProcessor: ComponentJson | null;
  /** Written when `options.decoder` is `undefined`. */
  readonly defaultDecoder: ComponentJson | null;
}

/**
 * The `tokenizer.json` of a trained model: its special tokens in `added_tokens`, the pipeline it was counted through,
 * and the post-processor and decoder options (or the trainer's defaults).
 */
export function trainedTokenizerJson(
  model: TrainedTokenizerJson['model'],
  options: PipelineOptions,
  parts: TrainedParts,
): TrainedTokenizerJson {
  return tokenizerJson({
    addedTokens: specialAddedTokens(parts.specialTokens, parts.idOf),
    normalizer: parts.pipeline.normalizer,
    preTokenizer: parts.pipeline.preTokenizer,
    postProcessor:
      options.postProcessor === undefined ? parts.defaultPostProcessor : options.postProcessor,
    decoder: options.decoder === undefined ? parts.defaultDecoder : options.decoder,
    model,
  });
}

/** Counts words through the pipeline the output tokenizer will use (or the custom `split`). */
async function countPipelineWords(
  texts: TrainingTexts,
  normalizer: ComponentJson | null,
  preTokenizer: ComponentJson | null,
  split: TrainingSplitter | undefined,
  reporter: PhaseProgress,
): Promise<Map<string, number>> {
  return countWords(texts, split ?? createTrainingSplitter(normalizer, preTokenizer), reporter);
}

/** `added_tokens` entries for special tokens, as Hugging Face registers a trainer's special tokens. */
function specialAddedTokens(
  specialTokens: readonly string[],
  idOf: (token: string) => number | undefined,
): TrainedAddedToken[] {
  const out: TrainedAddedToken[] = [];
  const seen = new Set<string>();
  for (const content of specialTokens) {
    const id = idOf(content);
    if (id === undefined || seen.has(content)) continue;
    seen.add(content);
    out.push({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    });
  }
  return out;
}

/**
 * A `TemplateProcessing` post-processor: `first $A last` for one sequence and `first $A last $B:1 last:1` for
 * pairs (BERT's layout with `first = [CLS]`, `last = [SEP]`).
 */
export function templateProcessing(
  first: string | null,
  last: string,
  idOf: (token: string) => number | undefined,
): ComponentJson | null {
  const lastId = idOf(last);
  const firstId = first === null ? undefined : idOf(first);
  if (lastId === undefined || (first !== null && firstId === undefined)) return null;
  const special = (id: string, typeId: number) => ({ SpecialToken: { id, type_id: typeId } });
  const seq = (id: 'A' | 'B', typeId: number) => ({ Sequence: { id, type_id: typeId } });
  const head = first === null ? [] : [special(first, 0)];
  const tokens: Record<string, { id: string; ids: number[]; tokens: string[] }> = {};
  if (first !== null && firstId !== undefined)
    tokens[first] = { id: first, ids: [firstId], tokens: [first] };
  tokens[last] = { id: last, ids: [lastId], tokens: [last] };
  return {
    type: 'TemplateProcessing',
    single: [...head, seq('A', 0), special(last, 0)],
    pair: [...head, seq('A', 0), special(last, 0), seq('B', 1), special(last, 1)],
    special_tokens: tokens,
  };
}

/** Creates the reporter for a `train…` call. */
function reporterFor(options: CommonTrainerOptions): PhaseProgress {
  return new PhaseProgress(options);
}

/** Puts the parts together in Hugging Face's field order. */
function tokenizerJson(parts: {
  addedTokens: TrainedAddedToken[];
  normalizer: ComponentJson | null;
  preTokenizer: ComponentJson | null;
  postProcessor: ComponentJson | null;
  decoder: ComponentJson | null;
  model: TrainedTokenizerJson['model'];
}): TrainedTokenizerJson {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: parts.addedTokens,
    normalizer: parts.normalizer,
    pre_tokenizer: parts.preTokenizer,
    post_processor: parts.postProcessor,
    decoder: parts.decoder,
    model: parts.model,
  };
}
