import { AddedTokenMatcher } from './added-vocabulary';
import type { Model } from './model';
import { NormalizedString } from './normalized-string';
import type { Normalizer } from './normalizers/create-normalizer';
import { toCodePointOffsets } from './offset-units';
import { PipelineSink } from './pipeline-sink';
import type { PreTokenizer } from './pre-tokenizers';
import { RawEncoding } from './raw-encoding';
import type { AddedToken } from './types';
import { wellFormed } from './well-formed';

/**
 * Encodes one sequence as Hugging Face's pipeline does: added tokens that match the raw text, then
 * normalize, added tokens that match the normalized text, pre-tokenize, and the model on each word.
 * Type ids, sequence ids and masks are left to the post-processor.
 * @internal
 */
export class SequenceEncoder {
  /** Added tokens matched before normalization (`normalized: false`). */
  rawMatcher = new AddedTokenMatcher([]);
  /** Added tokens matched in the normalized text (`normalized: true`, their content normalized). */
  normalizedMatcher = new AddedTokenMatcher([]);
  private readonly model: Model;
  private readonly normalizer: Normalizer | null;
  private readonly preTokenizer: PreTokenizer | null;
  private readonly sink = new PipelineSink();
  /** Reused for the words of each piece: pre-tokenizing allocates no array per call. */
  private readonly wordBuf: NormalizedString[] = [];

  constructor(model: Model, normalizer: Normalizer | null, preTokenizer: PreTokenizer | null) {
    this.model = model;
    this.normalizer = normalizer;
    this.preTokenizer = preTokenizer;
  }

  /** Encodes `input` (sequence `seqIndex`); offsets in code points when `codePoints`, else UTF-16 units. */
  encode(input: string, seqIndex: number, codePoints: boolean): RawEncoding {
    const text = wellFormed(input);
    const enc = new RawEncoding();
    const sink = this.sink;
    sink.encoding = enc;
    sink.typeId = seqIndex;
    sink.wordIndex = 0;
    if (text.length > 0) {
      const root = new NormalizedString(text, null, 0, 0);
      const pieces = this.rawMatcher.find(text, false);
      if (pieces === null) this.plain(root);
      else {
        for (const p of pieces) {
          const slice = root.slice(p.start, p.end);
          if (p.token) this.emitAdded(slice, p.token);
          else this.plain(slice);
        }
      }
    }
    if (codePoints) toCodePointOffsets(text, enc.offsets);
    sink.encoding = null;
    return enc;
  }

  private emitAdded(n: NormalizedString, t: AddedToken): void {
    const sink = this.sink;
    sink.piece = n;
    sink.push(t.id, n.text, 0, n.text.length);
    sink.wordIndex++;
  }

  /** A piece with no raw added token: normalize it, then split out the normalized added tokens. */
  private plain(n: NormalizedString): void {
    if (this.normalizer) {
      this.normalizer.normalize(n);
      if (n.text.length === 0) return;
    }
    const pieces = this.normalizedMatcher.find(n.text, false);
    if (pieces === null) {
      this.words(n);
      return;
    }
    for (const p of pieces) {
      const slice = n.slice(p.start, p.end);
      if (p.token) this.emitAdded(slice, p.token);
      else this.words(slice);
    }
  }

  /** Pre-tokenizes a normalized piece and runs the model on each word. */
  private words(n: NormalizedString): void {
    const sink = this.sink;
    const model = this.model;
    if (this.preTokenizer === null) {
      sink.piece = n;
      model.tokenize(n.text, sink);
      sink.wordIndex++;
      return;
    }
    const buf = this.wordBuf;
    buf.length = 0;
    this.preTokenizer.split(n, buf);
    for (let i = 0; i < buf.length; i++) {
      const w = buf[i]!;
      sink.piece = w;
      model.tokenize(w.text, sink);
      sink.wordIndex++;
    }
    buf.length = 0;
  }
}
