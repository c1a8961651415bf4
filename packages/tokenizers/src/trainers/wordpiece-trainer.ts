import { learnBpe } from './bpe-trainer';
import type { BpeTrainerOptions } from './bpe-trainer';
import type { PhaseProgress } from './phase-progress';
import type { WordPieceModelJson } from './types';

/** Options of the WordPiece trainer; defaults are those of Hugging Face's `WordPieceTrainer`. */
export interface WordPieceTrainerOptions extends Omit<
  BpeTrainerOptions,
  'continuingSubwordPrefix'
> {
  /**
   * Prefix of subwords that continue a word.
   * @defaultValue '##'
   */
  continuingSubwordPrefix?: string;
  /**
   * Token for words the model cannot split.
   * @defaultValue '[UNK]'
   */
  unkToken?: string;
  /**
   * Longer words encode as the unknown token.
   * @defaultValue 100
   */
  maxInputCharsPerWord?: number;
}

/**
 * Trains a WordPiece model section from word counts. As in Hugging Face, this is BPE training with the `##`
 * continuing prefix, whose vocabulary becomes the WordPiece vocabulary. `subwordOrder` fixes the ids of the
 * prefixed characters (`##a`), which Hugging Face assigns in hash-map order, to replay one of its runs.
 * @throws {TokenizerError} `INVALID_OPTION` for invalid sizes.
 * @see https://github.com/huggingface/tokenizers/blob/main/tokenizers/src/models/wordpiece/trainer.rs
 */
export function trainWordPieceModel(
  wordCounts: ReadonlyMap<string, number>,
  options: WordPieceTrainerOptions = {},
  reporter?: PhaseProgress,
  subwordOrder?: readonly string[],
): WordPieceModelJson {
  const prefix = options.continuingSubwordPrefix ?? '##';
  const { vocab } = learnBpe(
    wordCounts,
    { ...options, continuingSubwordPrefix: prefix },
    reporter,
    subwordOrder,
  );
  const vocabJson = Object.create(null) as Record<string, number>;
  vocab.forEach((t, i) => (vocabJson[t] = i));
  return {
    type: 'WordPiece',
    unk_token: options.unkToken ?? '[UNK]',
    continuing_subword_prefix: prefix,
    max_input_chars_per_word: options.maxInputCharsPerWord ?? 100,
    vocab: vocabJson,
  };
}
