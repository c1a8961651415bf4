import { countThroughPipeline, trainedTokenizerJson } from './assemble-tokenizer-json';
import type { PipelineOptions } from './assemble-tokenizer-json';
import { trainBpeModel } from './bpe-trainer';
import type { BpeTrainerOptions } from './bpe-trainer';
import { byteLevelAlphabet } from './training-splitter';
import type { TrainedTokenizerJson, TrainingTexts } from './types';

/** Options of `trainByteLevelBpe`. */
export interface TrainByteLevelBpeOptions
  extends Omit<BpeTrainerOptions, 'initialAlphabet'>, PipelineOptions {
  /**
   * Add a space before the first word so it encodes like the others (RoBERTa-style `add_prefix_space`).
   * @defaultValue false
   */
  addPrefixSpace?: boolean;
  /**
   * Trim offsets to exclude the leading space in the post-processor.
   * @defaultValue true
   */
  trimOffsets?: boolean;
}

/**
 * Trains a byte-level BPE tokenizer (GPT-2 / RoBERTa) and returns its complete `tokenizer.json`: every text is
 * split with GPT-2's pattern and mapped byte by byte to printable characters, the 256 byte characters are always
 * in the alphabet (no unknown token needed), and the decoder is `ByteLevel`. The post-processor is
 * `RobertaProcessing` when the special tokens include `<s>` and `</s>`, else `ByteLevel`. Defaults follow
 * Hugging Face's Python `ByteLevelBPETokenizer.train` (vocabulary 30000, `minFrequency` 2).
 * @throws {TokenizerError} `INVALID_OPTION`, `UNSUPPORTED_TYPE` or `INVALID_INPUT` as `trainWordPiece`.
 * @example const json = await trainByteLevelBpe(lines, { vocabSize: 8000, specialTokens: ['<|endoftext|>'] });
 * @see https://huggingface.co/docs/tokenizers/api/pre-tokenizers#tokenizers.pre_tokenizers.ByteLevel
 */
export async function trainByteLevelBpe(
  texts: TrainingTexts,
  options: TrainByteLevelBpeOptions = {},
): Promise<TrainedTokenizerJson> {
  const specialTokens = options.specialTokens ?? [];
  const addPrefixSpace = options.addPrefixSpace ?? false;
  const trimOffsets = options.trimOffsets ?? true;
  const byteLevel = {
    type: 'ByteLevel',
    add_prefix_space: addPrefixSpace,
    trim_offsets: trimOffsets,
    use_regex: true,
  };
  const { reporter, counts, ...pipeline } = await countThroughPipeline(texts, options, {
    preTokenizer: byteLevel,
  });
  const model = trainBpeModel(
    counts,
    { minFrequency: 2, ...options, specialTokens, initialAlphabet: byteLevelAlphabet() },
    reporter,
  );
  const idOf = (t: string): number | undefined => model.vocab[t];
  const cls = idOf('<s>');
  const sep = idOf('</s>');
  return trainedTokenizerJson(model, options, {
    pipeline,
    specialTokens,
    idOf,
    defaultPostProcessor:
      cls !== undefined && sep !== undefined
        ? {
            type: 'RobertaProcessing',
            sep: ['</s>', sep],
            cls: ['<s>', cls],
            trim_offsets: trimOffsets,
            add_prefix_space: addPrefixSpace,
          }
        : // a copy, so the output's pre-tokenizer and post-processor stay separate objects
          { ...byteLevel },
    defaultDecoder: {
      type: 'ByteLevel',
      add_prefix_space: true,
      trim_offsets: true,
      use_regex: true,
    },
  });
}
