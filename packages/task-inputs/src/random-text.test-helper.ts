// Test helper: seeded random texts mixing scripts (ASCII, accents, CJK, emoji, Cyrillic, Arabic).

/** mulberry32: a small seeded PRNG, so generated cases are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = [
  'the', 'a', 'man', 'is', 'playing', 'guitar', 'on', 'stage', 'while', 'crowd', 'cheers', 'loudly',
  'tokenization', 'unbelievable', 'transformers', 'inputs', 'question', 'answer', 'context', '42', '3.14',
  'café', 'naïve', 'résumé', 'Zürich', 'señor', 'crème', 'brûlée', 'Ångström',
  '東京', '北京大学', '日本語', '中文', '한국어', '漢字テスト',
  '😀', '🚀', '👩‍👩‍👧', '🇫🇷', '👍🏽', 'emoji😀mix',
  'Москва', 'привет', 'مرحبا', 'שלום', 'Ελλάδα',
  ',', '.', '!', '?', "don't", '(paren)', 'e-mail', 'U.S.A.',
];

export function randomText(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return out.join(' ');
}
