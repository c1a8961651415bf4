import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';

/**
 * Trains a BERT-style uncased WordPiece tokenizer (`[PAD] [UNK] [CLS] [SEP] [MASK]`, `[CLS] A [SEP] B [SEP]`
 * template) on `texts`. `vocabSize` must not exceed the model's embedding rows.
 */
export async function trainTokenizer(
  texts: readonly string[],
  vocabSize: number,
): Promise<Tokenizer> {
  return Tokenizer.fromJSON(await trainWordPiece(texts, { vocabSize }));
}
