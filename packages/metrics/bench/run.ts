/**
 * Runs every benchmark in this folder (bench/*.ts except this file), one after the other, in one process.
 * Run: npx tsx bench/run.ts   (from packages/metrics; the package's `bench` script)
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .sort();
for (const f of files) {
  console.log(`\n=== bench/${f} ===`);
  await import(pathToFileURL(join(here, f)).href);
}
