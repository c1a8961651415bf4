import { countThroughPipeline, trainedTokenizerJson } from './assemble-tokenizer-json';
import type { PipelineOptions } from './assemble-tokenizer-json';
import { trainUnigramModel } from './unigram-trainer';
import type { UnigramTrainerOptions } from './unigram-trainer';
import type { TrainedTokenizerJson, TrainingTexts } from './types';

/** Options of `trainUnigram`. */
export interface TrainUnigramOptions extends UnigramTrainerOptions, PipelineOptions {
  /**
   * The Metaspace replacement character for spaces.
   * @defaultValue '▁'
   */
  replacement?: string;
  /**
   * When to add the replacement in front of the text: `always`, `first` or `never`.
   * @defaultValue 'always'
   */
  prependScheme?: 'always' | 'first' | 'never';
}

/**
 * Trains a SentencePiece-style Unigram tokenizer and returns its complete `tokenizer.json`: NFKC normalization, runs
 * of spaces collapsed, `Metaspace` pre-tokenizer and decoder, unknown token `<unk>` at id 0 by default.
 * @throws {TokenizerError} `INVALID_OPTION`, `UNSUPPORTED_TYPE` or `INVALID_INPUT` as `trainWordPiece`.
 * @example const json = await trainUnigram(lines, { vocabSize: 8000, specialTokens: ['<pad>', '</s>'] });
 * @see https://huggingface.co/docs/tokenizers/api/trainers#tokenizers.trainers.UnigramTrainer
 */
export async function trainUnigram(
  texts: TrainingTexts,
  options: TrainUnigramOptions = {},
): Promise<TrainedTokenizerJson> {
  const specialTokens = options.specialTokens ?? [];
  const unkToken = 'unkToken' in options ? options.unkToken : '<unk>';
  const replacement = options.replacement ?? '\u2581';
  const prependScheme = options.prependScheme ?? 'always';
  const metaspace = { type: 'Metaspace', replacement, prepend_scheme: prependScheme, split: true };
  const { reporter, counts, ...pipeline } = await countThroughPipeline(texts, options, {
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' },
      ],
    },
    preTokenizer: metaspace,
  });
  const model = trainUnigramModel(counts, { ...options, specialTokens, unkToken }, reporter);
  const ids = new Map<string, number>();
  model.vocab.forEach(([t], i) => {
    if (!ids.has(t)) ids.set(t, i);
  });
  return trainedTokenizerJson(model, options, {
    pipeline,
    specialTokens,
    idOf: (t) => ids.get(t),
    defaultPostProcessor: null,
    defaultDecoder: metaspace,
  });
}
