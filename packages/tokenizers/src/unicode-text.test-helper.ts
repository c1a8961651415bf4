/**
 * Hostile Unicode text for the parity property (`unicode.property.test.ts`): strings built from pieces that
 * stress a tokenizer's character tables and offset bookkeeping. Each piece is a class the fixtures' normalizers,
 * pre-tokenizers and models treat specially, so a shrunk counterexample names the class that broke.
 */
import fc from 'fast-check';

type Range = readonly [number, number];

/** One code point from one of `ranges` (lone surrogates come from `loneSurrogate` only). */
function fromRanges(ranges: readonly Range[]): fc.Arbitrary<string> {
  return fc
    .oneof(...ranges.map(([lo, hi]) => fc.integer({ min: lo, max: hi })))
    .map((c) => String.fromCodePoint(c));
}

function word(chars: fc.Arbitrary<string>, maxLength: number): fc.Arbitrary<string> {
  return fc.array(chars, { minLength: 1, maxLength }).map((cs) => cs.join(''));
}

/** Letters of many scripts, BMP and astral: Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Indic, Thai, … */
const SCRIPT_LETTERS: readonly Range[] = [
  [0x41, 0x5a],
  [0x61, 0x7a],
  [0xc0, 0x24f],
  [0x370, 0x3ff],
  [0x400, 0x4ff],
  [0x531, 0x587],
  [0x5d0, 0x5ea],
  [0x620, 0x64a],
  [0x900, 0x939],
  [0x985, 0x9b9],
  [0xb85, 0xbb9],
  [0xe01, 0xe30],
  [0x10a0, 0x10ff],
  [0x1200, 0x135a],
  [0x3041, 0x3096],
  [0x30a1, 0x30fa],
  [0x4e00, 0x9fff],
  [0xac00, 0xd7a3],
  [0x1100, 0x11ff],
  [0xff21, 0xff5a],
];

/** Combining marks: diacritics, extended and supplement blocks, marks for symbols, half marks, Hebrew points. */
const MARKS: readonly Range[] = [
  [0x300, 0x36f],
  [0x483, 0x489],
  [0x591, 0x5bd],
  [0x64b, 0x65f],
  [0x93c, 0x94d],
  [0xe31, 0xe3a],
  [0x1ab0, 0x1ace],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20f0],
  [0xfe20, 0xfe2f],
  [0x1d165, 0x1d169],
];

/** Astral characters that are assigned in old Unicode versions (Gothic, Linear B, math letters, CJK B, cuneiform). */
const ASTRAL: readonly Range[] = [
  [0x10000, 0x1005d],
  [0x10330, 0x1034a],
  [0x12000, 0x12399],
  [0x1d400, 0x1d7ff],
  [0x1d100, 0x1d1dd],
  [0x20000, 0x2a6df],
  [0x1f300, 0x1f64f],
];

/**
 * Characters assigned in Unicode 10 to 16: Node's ICU classifies them, the binding's crates (Unicode 8/9
 * tables, Oniguruma) may not. The named ones once tokenized differently (issue 23).
 */
const NEWER_NAMED = [0x61d, 0x10d27, 0x10ead, 0x10efb, 0x10f49, 0x10f56].map((c) =>
  String.fromCodePoint(c),
);
const NEWER: readonly Range[] = [
  [0x860, 0x86a], // Syriac Supplement (10.0)
  [0x870, 0x89f], // Arabic Extended-B (14.0), with Cf U+0890–0891 and marks
  [0x10d00, 0x10d39], // Hanifi Rohingya (11.0), marks U+10D24–10D27
  [0x10e80, 0x10eb1], // Yezidi (13.0), hyphen U+10EAD
  [0x10efb, 0x10eff], // Arabic Extended-C marks (15.0/16.0)
  [0x10f30, 0x10f59], // Sogdian (11.0), marks U+10F46–10F50
  [0x11f00, 0x11f59], // Kawi (15.0)
  [0x1e100, 0x1e14f], // Nyiakeng Puachue Hmong (12.0)
  [0x1e290, 0x1e2ae], // Toto (14.0)
  [0x1e4d0, 0x1e4f9], // Nag Mundari (15.0)
  [0x1f90c, 0x1f9ff], // Supplemental Symbols and Pictographs (10.0+)
  [0x2ebf0, 0x2ee5d], // CJK Extension I (15.1)
  [0x31350, 0x323af], // CJK Extension H (15.0)
  [0x10d40, 0x10d8f], // Garay (16.0, unassigned for Node 20)
  [0x1cc00, 0x1ccf9], // Symbols for Legacy Computing Supplement (16.0)
];

/** Decimal digits (Nd) of many scripts, from each script's zero, plus other numbers (No, Nl). */
const DIGIT_ZEROS = [
  0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xde6,
  0xe50, 0xed0, 0xf20, 0x1040, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1b50, 0xa8d0, 0xa900,
  0xff10, 0x104a0, 0x11066, 0x1d7ce, 0x1d7d8, 0x1e950, 0x1fbf0,
];
const OTHER_NUMBERS: readonly Range[] = [
  [0xb2, 0xb3],
  [0xbc, 0xbe],
  [0x2070, 0x2079],
  [0x2150, 0x2189],
  [0x2460, 0x249b],
  [0x3007, 0x3007],
  [0x10107, 0x10133],
];

const WHITESPACE = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\r\n',
  '\v',
  '\f',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2003',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\u180e',
];

/** Format and control characters: zero-width, bidi embeddings and isolates, BOM, soft hyphen, C0/C1 controls. */
const FORMAT: readonly Range[] = [
  [0x0, 0x1f],
  [0x7f, 0x9f],
  [0xad, 0xad],
  [0x61c, 0x61c],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
  [0xe0001, 0xe0001],
];

const NONCHARACTERS: fc.Arbitrary<string> = fc.oneof(
  fromRanges([[0xfdd0, 0xfdef]]),
  fc
    .tuple(fc.integer({ min: 0, max: 16 }), fc.constantFrom(0xfffe, 0xffff))
    .map(([plane, low]) => String.fromCodePoint(plane * 0x10000 + low)),
);

const PRIVATE_USE = fromRanges([
  [0xe000, 0xf8ff],
  [0xf0000, 0xffffd],
  [0x100000, 0x10fffd],
]);

/** A high or low surrogate on its own (glued before a low one it makes a pair, which is fine too). */
export const loneSurrogate: fc.Arbitrary<string> = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((u) => String.fromCharCode(u));

const EMOJI = fromRanges([
  [0x1f466, 0x1f469],
  [0x1f468, 0x1f469],
  [0x1f600, 0x1f64f],
  [0x1f680, 0x1f6c5],
  [0x2764, 0x2764],
  [0x1f9d1, 0x1f9d1],
]);
const SKIN_TONE = fromRanges([[0x1f3fb, 0x1f3ff]]);
const REGIONAL = fromRanges([[0x1f1e6, 0x1f1ff]]);
const TAG_LETTER = fromRanges([[0xe0061, 0xe007a]]);

/** ZWJ sequences (with skin tones and VS16), flags, subdivision tag flags and keycaps. */
const emojiSequence: fc.Arbitrary<string> = fc.oneof(
  fc
    .array(
      fc
        .tuple(EMOJI, fc.option(SKIN_TONE), fc.boolean())
        .map(([e, tone, vs16]) => e + (tone ?? '') + (vs16 ? '\ufe0f' : '')),
      { minLength: 2, maxLength: 6 },
    )
    .map((es) => es.join('\u200d')),
  fc.array(REGIONAL, { minLength: 1, maxLength: 5 }).map((rs) => rs.join('')),
  fc
    .array(TAG_LETTER, { minLength: 1, maxLength: 6 })
    .map((ts) => `\u{1f3f4}${ts.join('')}\u{e007f}`),
  fc.constantFrom('0', '#', '*', '9').map((k) => `${k}\ufe0f\u20e3`),
);

/** A base character followed by a variation selector (standard VS1–16 or supplementary VS17–256). */
const variationSequence: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fromRanges(SCRIPT_LETTERS), EMOJI, fc.constantFrom('', ' ', '\u8fbb', '\u2764')),
    fromRanges([
      [0xfe00, 0xfe0f],
      [0xe0100, 0xe01ef],
    ]),
  )
  .map(([base, vs]) => base + vs);

/** A base (a letter, a space, nothing) with up to 60 combining marks stacked on it (Zalgo). */
const markStack: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fromRanges(SCRIPT_LETTERS), fc.constantFrom('', ' ', 'e', 'A', '\u3042')),
    fc.array(fromRanges(MARKS), { minLength: 1, maxLength: 60 }),
  )
  .map(([base, marks]) => base + marks.join(''));

const digits: fc.Arbitrary<string> = word(
  fc.oneof(
    fc
      .tuple(fc.constantFrom(...DIGIT_ZEROS), fc.integer({ min: 0, max: 9 }))
      .map(([zero, d]) => String.fromCodePoint(zero + d)),
    fromRanges(OTHER_NUMBERS),
  ),
  12,
);

/** One long run without spaces: a letter, a CJK character, a mark, an emoji or a short unit repeated. */
const longRun: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(
      fromRanges(SCRIPT_LETTERS),
      fc.constantFrom('ab', 'a\u0301', '\u0301', '\u{1f600}', '\u{20000}', '.', '1', 'ü'),
    ),
    fc.integer({ min: 50, max: 1200 }),
  )
  .map(([unit, n]) => unit.repeat(n));

/** Words of the fixtures' vocabularies and their special tokens, so pieces also hit known ids. */
const VOCAB_WORDS = [
  'the',
  'Hello',
  'world',
  "don't",
  '!',
  '?',
  '.',
  ',',
  '[CLS]',
  '[SEP]',
  '[MASK]',
  '<s>',
  '</s>',
  '<unk>',
  '<|endoftext|>',
  '<|startoftext|>',
  '▁',
  'Ġ',
  '##ing',
];

/** One piece of hostile text; `weight` favours the classes the binding's tables disagree on most. */
export const unicodePiece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: word(fromRanges(SCRIPT_LETTERS), 10), weight: 4 },
  { arbitrary: markStack, weight: 2 },
  { arbitrary: loneSurrogate, weight: 2 },
  { arbitrary: emojiSequence, weight: 2 },
  { arbitrary: variationSequence, weight: 1 },
  { arbitrary: word(fromRanges(FORMAT), 4), weight: 2 },
  { arbitrary: NONCHARACTERS, weight: 1 },
  { arbitrary: PRIVATE_USE, weight: 1 },
  { arbitrary: word(fromRanges(ASTRAL), 6), weight: 2 },
  { arbitrary: fc.constantFrom(...NEWER_NAMED), weight: 2 },
  { arbitrary: word(fromRanges(NEWER), 6), weight: 3 },
  { arbitrary: longRun, weight: 1 },
  { arbitrary: word(fc.constantFrom(...WHITESPACE), 4), weight: 3 },
  { arbitrary: digits, weight: 2 },
  { arbitrary: fc.constantFrom(...VOCAB_WORDS), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
);

/** Hostile text: up to `maxPieces` pieces, each glued to the last or after a space. */
export function unicodeText(maxPieces = 10): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(unicodePiece, fc.boolean()), { maxLength: maxPieces })
    .map((ps) => ps.map(([p, spaced]) => (spaced ? ` ${p}` : p)).join(''));
}
