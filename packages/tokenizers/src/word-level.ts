import type { Model, TokenSink } from './model';
import { TokenizerError } from './errors';
import type { VocabTable } from './vocab-table';
import { VocabTableModel } from './vocab-table-model';

/**
 * WordLevel: each word is looked up whole, unknown words map to the unknown token.
 * Matches Hugging Face's `models::wordlevel::WordLevel`.
 * @see https://huggingface.co/docs/tokenizers/api/models#tokenizers.models.WordLevel
 */
export class WordLevelModel extends VocabTableModel implements Model {
  readonly type = 'WordLevel' as const;
  readonly unkToken: string;

  /** @param vocab token → id (a `Map`, or the table `Tokenizer.fromString` scans from the file). */
  constructor(
    vocab: ReadonlyMap<string, number> | VocabTable,
    options: { unkToken?: string } = {},
  ) {
    super(vocab);
    this.unkToken = options.unkToken ?? '<unk>';
  }

  tokenize(word: string, sink: TokenSink): void {
    const id = this.vocab.get(word);
    if (id !== undefined) {
      sink.push(id, word, 0, word.length);
      return;
    }
    const unk = this.vocab.get(this.unkToken);
    if (unk === undefined) {
      throw new TokenizerError(
        'UNKNOWN_TOKEN',
        `WordLevel: ${JSON.stringify(word.slice(0, 40))} is not in the vocabulary and the unknown token ${JSON.stringify(this.unkToken)} is missing too`,
      );
    }
    sink.push(unk, this.unkToken, 0, word.length);
  }
}
