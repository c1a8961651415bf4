// Test helper: seeded random texts mixing scripts (ASCII, accents, CJK, emoji, Cyrillic, Arabic).

export { seededRandom } from './seeded-random';

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
