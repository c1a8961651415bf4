import type { MergeRanges, ScannedPieces } from './json-scan';
import {
  readPlainKey,
  scanMergeList,
  scanPieceList,
  scanVocabObject,
  skipValue,
  skipWs,
} from './json-scan';
import type { VocabTable } from './vocab-table';

/** `model.vocab` (an object, or Unigram pieces) and `model.merges` read from the text. @internal */
export interface ScannedSections {
  vocab: VocabTable | null;
  pieces: ScannedPieces | null;
  merges: MergeRanges | null;
}

/**
 * Parses a `tokenizer.json` text with its big sections, `model.vocab` (an object of token → id, or
 * Unigram's `[piece, score]` list) and `model.merges`, read by the scanners of `json-scan.ts` and
 * replaced by `{}` or `[]` in what
 * `JSON.parse` sees. `JSON.parse` of a 120k-token vocabulary builds a dictionary object (a hash insertion
 * per token) that the model then copies; here the tokens go straight into the model's table.
 *
 * Returns null whenever the text is not plainly of that shape (no top-level `model` object, a key written
 * with escapes, a repeated `model`/`vocab`/`merges` key, an id that is not a plain integer, invalid JSON):
 * the caller then takes the `JSON.parse` path, which gives the same result or the same error.
 * @internal
 */
export function scanTokenizerJson(
  text: string,
): { json: unknown; scanned: ScannedSections } | null {
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== 0x7b) return null;
  const cuts: { start: number; end: number; with: string }[] = [];
  const scanned: ScannedSections = { vocab: null, pieces: null, merges: null };
  let models = 0;
  // Top-level object: skip every member but `model`.
  i = skipWs(text, i + 1);
  for (;;) {
    const k = readPlainKey(text, i);
    if (k === null) return null;
    i = skipWs(text, k.end);
    if (text.charCodeAt(i) !== 0x3a) return null;
    i = skipWs(text, i + 1);
    if (k.key === 'model') {
      if (++models > 1 || text.charCodeAt(i) !== 0x7b) return null;
      const end = scanModel(text, i, cuts, scanned);
      if (end < 0) return null;
      i = end;
    } else {
      i = skipValue(text, i);
      if (i < 0) return null;
    }
    i = skipWs(text, i);
    const c = text.charCodeAt(i);
    if (c === 0x2c) i = skipWs(text, i + 1);
    else if (c === 0x7d) break;
    else return null;
  }
  if (scanned.vocab === null && scanned.pieces === null && scanned.merges === null) return null;
  let rest = '';
  let at = 0;
  for (const c of cuts) {
    rest += text.slice(at, c.start) + c.with;
    at = c.end;
  }
  rest += text.slice(at);
  try {
    return { json: JSON.parse(rest) as unknown, scanned };
  } catch {
    return null;
  }
}

/** Walks the `model` object at `i`, scanning `vocab` and `merges`; returns the index after it or -1. */
function scanModel(
  text: string,
  i: number,
  cuts: { start: number; end: number; with: string }[],
  scanned: ScannedSections,
): number {
  let vocabs = 0;
  let mergeLists = 0;
  i = skipWs(text, i + 1);
  if (text.charCodeAt(i) === 0x7d) return i + 1;
  for (;;) {
    const k = readPlainKey(text, i);
    if (k === null) return -1;
    i = skipWs(text, k.end);
    if (text.charCodeAt(i) !== 0x3a) return -1;
    i = skipWs(text, i + 1);
    const c = text.charCodeAt(i);
    const start = i;
    /** Keeps a scanned section and cuts it from what JSON.parse will see. */
    const take = <T extends { end: number }>(
      r: T | null,
      placeholder: string,
      keep: (r: T) => void,
    ): number => {
      if (r === null) return -1;
      keep(r);
      cuts.push({ start, end: r.end, with: placeholder });
      return r.end;
    };
    if (k.key === 'vocab' && ++vocabs > 1) return -1;
    if (k.key === 'merges' && ++mergeLists > 1) return -1;
    if (k.key === 'vocab' && c === 0x7b)
      i = take(scanVocabObject(text, i), '{}', (r) => (scanned.vocab = r.table));
    else if (k.key === 'vocab' && c === 0x5b)
      i = take(scanPieceList(text, i), '[]', (r) => (scanned.pieces = r.pieces));
    else if (k.key === 'merges' && c === 0x5b)
      i = take(scanMergeList(text, i), '[]', (r) => (scanned.merges = r.merges));
    else i = skipValue(text, i);
    if (i < 0) return -1;
    i = skipWs(text, i);
    const d = text.charCodeAt(i);
    if (d === 0x2c) i = skipWs(text, i + 1);
    else if (d === 0x7d) return i + 1;
    else return -1;
  }
}
