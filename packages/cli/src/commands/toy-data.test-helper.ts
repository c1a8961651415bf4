// The toy language of @nlpft/test-utils with its WordPiece tokenizer file, for the command tests.
import { TOY_WORDPIECE } from '@nlpft/test-utils';
import { trainWordPiece } from '@nlpft/tokenizers';

export { TINY, keywordTask, toyCorpus } from '@nlpft/test-utils';

/** The tokenizer.json of the toy tokenizer; `specialTokens` replaces the default BERT ones. */
export async function toyTokenizerJson(
  specialTokens?: readonly string[],
): Promise<Awaited<ReturnType<typeof trainWordPiece>>> {
  return trainWordPiece([...TOY_WORDPIECE.corpus], {
    ...TOY_WORDPIECE.options,
    ...(specialTokens ? { specialTokens: [...specialTokens] } : {}),
  });
}
