import { TokenizerError } from '../errors';
import { countWords } from './count-words';
import { ProgressReporter } from './progress-reporter';
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
  /** A preset name or a `tokenizer.json` normalizer object; `null` or `'none'` for no normalizer. */
  normalizer?: NormalizerPreset | ComponentJson | null;
  /** A `tokenizer.json` pre-tokenizer object; `null` for none. */
  preTokenizer?: ComponentJson | null;
  /** A `tokenizer.json` post-processor object; `null` for none. */
  postProcessor?: ComponentJson | null;
  /** A `tokenizer.json` decoder object; `null` for none. */
  decoder?: ComponentJson | null;
  /**
   * Replaces the built-in normalizer + pre-tokenizer when counting words (for components the training pipeline
   * does not implement). It must split exactly as the saved tokenizer will, or the vocabulary will not fit.
   */
  split?: TrainingSplitter;
}

/**
 * Resolves a normalizer preset to its `tokenizer.json` object.
 * @throws {TokenizerError} `INVALID_OPTION` for an unknown preset name.
 */
export function normalizerJson(
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

/** Counts words through the pipeline the output tokenizer will use (or the custom `split`). */
export async function countPipelineWords(
  texts: TrainingTexts,
  normalizer: ComponentJson | null,
  preTokenizer: ComponentJson | null,
  split: TrainingSplitter | undefined,
  reporter: ProgressReporter,
): Promise<Map<string, number>> {
  return countWords(texts, split ?? createTrainingSplitter(normalizer, preTokenizer), reporter);
}

/** `added_tokens` entries for special tokens, as Hugging Face registers a trainer's special tokens. */
export function specialAddedTokens(
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
export function reporterFor(options: CommonTrainerOptions): ProgressReporter {
  return new ProgressReporter(options);
}

/** Puts the parts together in Hugging Face's field order. */
export function tokenizerJson(parts: {
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
