import { NormalizedString } from './normalized-string';
import type { TokenSink } from './model';
import type { RawEncoding } from './raw-encoding';

/** Collects model tokens into the encoding, mapping offsets through the word's alignment. */
export class PipelineSink implements TokenSink {
  /** The encoding being filled. */
  encoding: RawEncoding | null = null;
  /** The word (or added token) the model is tokenizing: its alignment maps the model's offsets. */
  piece: NormalizedString = new NormalizedString('', null, 0, 0);
  typeId = 0;
  /** Index of `piece` among the sequence's words (the encoding's `wordIds`). */
  wordIndex = 0;
  push(id: number, value: string, start: number, end: number): void {
    const e = this.encoding!;
    const w = this.piece;
    e.ids.push(id);
    e.tokens.push(value);
    if (end > start) e.offsets.push(w.startAt(start), w.endAt(end - 1));
    else {
      const p =
        start < w.text.length
          ? w.startAt(start)
          : w.text.length > 0
            ? w.endAt(w.text.length - 1)
            : w.base;
      e.offsets.push(p, p);
    }
    e.words.push(this.wordIndex);
  }
}
