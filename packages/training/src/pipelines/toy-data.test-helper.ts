// The toy language of @nlpft/test-utils with its WordPiece tokenizer, for the pipeline tests.
import { TOY_WORDPIECE } from '@nlpft/test-utils';
import { Tokenizer, trainWordPiece } from '@nlpft/tokenizers';

export { TINY, keywordTask, tempFolder, toyCorpus } from '@nlpft/test-utils';

/** The toy tokenizer, trained and loaded; `specialTokens` replaces the default BERT ones. */
export async function toyTokenizer(specialTokens?: readonly string[]): Promise<Tokenizer> {
  const json = await trainWordPiece([...TOY_WORDPIECE.corpus], {
    ...TOY_WORDPIECE.options,
    ...(specialTokens ? { specialTokens: [...specialTokens] } : {}),
  });
  return Tokenizer.fromJSON(json);
}
