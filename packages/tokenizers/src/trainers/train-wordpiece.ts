import {
  countThroughPipeline,
  templateProcessing,
  trainedTokenizerJson,
} from './assemble-tokenizer-json';
import type { PipelineOptions } from './assemble-tokenizer-json';
import { trainWordPieceModel } from './wordpiece-trainer';
import type { WordPieceTrainerOptions } from './wordpiece-trainer';
import type { TrainedTokenizerJson, TrainingTexts } from './types';

/** Options of `trainWordPiece`: trainer settings plus the pipeline; defaults give a BERT-style uncased tokenizer. */
export interface TrainWordPieceOptions extends WordPieceTrainerOptions, PipelineOptions {}

const BERT_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];

/**
 * Trains a WordPiece tokenizer (BERT-style) and returns its complete `tokenizer.json`. Defaults follow Hugging Face's
 * Python `BertWordPieceTokenizer.train`: vocabulary 30000, `minFrequency` 2, `limitAlphabet` 1000, special tokens
 * `[PAD] [UNK] [CLS] [SEP] [MASK]`, the `bert` normalizer, `BertPreTokenizer`, `[CLS] $A [SEP]` template and the
 * WordPiece decoder.
 * @throws {TokenizerError} `INVALID_OPTION` for an invalid option; `UNSUPPORTED_TYPE` for a pipeline component the
 *   trainer cannot apply (pass `split`); `INVALID_INPUT` when `texts` is not an iterable of strings.
 * @example
 * const json = await trainWordPiece(lines, { vocabSize: 8000 });
 * Tokenizer.fromString(JSON.stringify(json)).encode('Hello world');
 * @see https://huggingface.co/docs/tokenizers/api/trainers#tokenizers.trainers.WordPieceTrainer
 */
export async function trainWordPiece(
  texts: TrainingTexts,
  options: TrainWordPieceOptions = {},
): Promise<TrainedTokenizerJson> {
  const specialTokens = options.specialTokens ?? BERT_SPECIALS;
  const { reporter, counts, ...pipeline } = await countThroughPipeline(texts, options, {
    normalizer: 'bert',
    preTokenizer: { type: 'BertPreTokenizer' },
  });
  const model = trainWordPieceModel(
    counts,
    {
      minFrequency: 2,
      limitAlphabet: 1000,
      ...options,
      specialTokens,
    },
    reporter,
  );
  const idOf = (t: string): number | undefined => model.vocab[t];
  const prefix = model.continuing_subword_prefix;
  return trainedTokenizerJson(model, options, {
    pipeline,
    specialTokens,
    idOf,
    defaultPostProcessor: templateProcessing('[CLS]', '[SEP]', idOf),
    defaultDecoder: { type: 'WordPiece', prefix, cleanup: true },
  });
}
