import { VocabTable } from './vocab-table';

/**
 * The vocabulary side of a `Model` whose tokens live in one {@link VocabTable}: WordPiece, BPE and WordLevel
 * (Unigram keeps a score beside each piece and has its own).
 * @internal
 */
export abstract class VocabTableModel {
  protected readonly vocab: VocabTable;

  /** @param vocab token → id (a `Map`, or the table `Tokenizer.fromString` scans from the file). */
  constructor(vocab: ReadonlyMap<string, number> | VocabTable) {
    this.vocab = vocab instanceof VocabTable ? vocab : VocabTable.fromMap(vocab);
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.get(token);
  }
  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }
  /** Number of entries in the model's vocabulary (added tokens excluded). */
  getVocabSize(): number {
    return this.vocab.size;
  }
  /** The vocabulary as a plain object, token to id. */
  getVocab(): Record<string, number> {
    return Object.fromEntries(this.vocab.entries());
  }
}
