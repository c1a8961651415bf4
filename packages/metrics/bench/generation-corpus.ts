/**
 * The benchmark corpus, generated from a seeded PRNG (mulberry32) so every run scores the same texts: 3,000
 * sentence pairs of 20–30 words (a reference and a perturbed "translation" with substitutions, drops,
 * insertions and a block move) and 1,000 three-line summary pairs.
 */
import { mulberry32 } from '@nlpft/test-utils';

const rand = mulberry32(20261126);
const ROOTS = (
  'time year people way day man thing woman life child world school state family student group country ' +
  'problem hand part place case week company system program question work government number night point ' +
  'home water room mother area money story fact month lot right study book eye job word business issue side ' +
  'kind head house service friend father power hour game line end member law car city community name ' +
  'president team minute idea kid body information back parent face others level office door health person ' +
  'art war history party result change morning reason research girl guy moment air teacher force education ' +
  'run walk talk play move live believe hold bring happen write provide sit stand lose pay meet include ' +
  'continue learn lead understand watch follow stop create speak read allow add spend grow open offer ' +
  'remember love consider appear buy wait serve die send expect build stay fall cut reach kill remain ' +
  'relate condition nation generous happy agree hope connect develop govern inform educate organize'
).split(' ');
const SUFFIXES = [
  '',
  '',
  '',
  '',
  's',
  'ed',
  'ing',
  'er',
  'ly',
  'ness',
  'ation',
  'ful',
  'ment',
  'al',
  'ize',
];
const FUNCTION_WORDS =
  'the of and to a in is it that for on with as was at by from be this have or'.split(' ');

/** A Zipf-ish vocabulary: function words are frequent, content words follow. */
const VOCAB: string[] = [];
for (const r of ROOTS) for (const s of SUFFIXES) VOCAB.push(r + s);

function word(): string {
  if (rand() < 0.35) return FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)] as string;
  const u = rand();
  return VOCAB[Math.floor(u * u * VOCAB.length)] as string;
}

function sentence(length: number): string[] {
  const words: string[] = [];
  for (let i = 0; i < length; i++) words.push(word());
  if (rand() < 0.5) words[Math.floor(rand() * length)] += ',';
  return words;
}

/** A "translation": the reference with substitutions, drops, insertions and a block move. */
function perturb(ref: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of ref) {
    const u = rand();
    if (u < 0.1) out.push(word());
    else if (u < 0.15) continue;
    else if (u < 0.2) out.push(w, word());
    else out.push(w);
  }
  if (out.length > 8 && rand() < 0.6) {
    const start = Math.floor(rand() * (out.length - 4));
    const block = out.splice(start, 1 + Math.floor(rand() * 3));
    out.splice(Math.floor(rand() * out.length), 0, ...block);
  }
  return out;
}

function capitalize(words: string[]): string {
  const s = words.join(' ');
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

export const hyps: string[] = [];
export const refs: string[] = [];
for (let i = 0; i < 3000; i++) {
  const ref = sentence(20 + Math.floor(rand() * 11));
  refs.push(capitalize(ref));
  hyps.push(capitalize(perturb(ref)));
}
export const targets: string[] = [];
export const predictions: string[] = [];
for (let i = 0; i < 1000; i++) {
  const lines = [0, 1, 2].map(() => sentence(12 + Math.floor(rand() * 10)));
  targets.push(lines.map(capitalize).join('\n'));
  predictions.push(lines.map((l) => capitalize(perturb(l))).join('\n'));
}
