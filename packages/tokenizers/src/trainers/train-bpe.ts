import { countThroughPipeline, trainedTokenizerJson } from './assemble-tokenizer-json';
import type { PipelineOptions } from './assemble-tokenizer-json';
import { trainBpeModel } from './bpe-trainer';
import type { BpeTrainerOptions } from './bpe-trainer';
import type { TrainedTokenizerJson, TrainingTexts } from './types';

/** Options of `trainBpe`: trainer settings, the model's unknown token and the pipeline. */
export interface TrainBpeOptions extends BpeTrainerOptions, PipelineOptions {
  /**
   * Token for characters outside the vocabulary (it should be one of `specialTokens`).
   * @defaultValue none (unknown characters are dropped, as in Hugging Face's BPE without `unk_token`)
   */
  unkToken?: string;
}

/**
 * Trains a character-level BPE tokenizer and returns its complete `tokenizer.json`. Defaults are Hugging Face's
 * `BpeTrainer` ones (vocabulary 30000, no minimum frequency) with no normalizer and the `Whitespace` pre-tokenizer;
 * with `endOfWordSuffix` the decoder is `BPEDecoder`.
 * @throws {TokenizerError} `INVALID_OPTION`, `UNSUPPORTED_TYPE` or `INVALID_INPUT` as `trainWordPiece`.
 * @example const json = await trainBpe(lines, { vocabSize: 8000, specialTokens: ['<unk>'], unkToken: '<unk>' });
 * @see https://huggingface.co/docs/tokenizers/api/trainers#tokenizers.trainers.BpeTrainer
 */
export async function trainBpe(
  texts: TrainingTexts,
  options: TrainBpeOptions = {},
): Promise<TrainedTokenizerJson> {
  const specialTokens = options.specialTokens ?? [];
  const { reporter, counts, ...pipeline } = await countThroughPipeline(texts, options, {
    preTokenizer: { type: 'Whitespace' },
  });
  const model = trainBpeModel(counts, { ...options, specialTokens }, reporter);
  const suffix = options.endOfWordSuffix;
  return trainedTokenizerJson(model, options, {
    pipeline,
    specialTokens,
    idOf: (t) => model.vocab[t],
    defaultPostProcessor: null,
    defaultDecoder: suffix ? { type: 'BPEDecoder', suffix } : null,
  });
}
