// Keeps fixtures/ (what the tests read, vendored into the repository) in step with shared/ (the read-only folder
// beside the clone where new reference files arrive). `node scripts/sync-fixtures.mjs` copies files that are new or
// changed in shared/tokenizers and shared/reference-vectors; `--check` changes nothing and exits 1 when a vendored
// file differs from its shared copy (files only in shared/ are listed, not fatal: nothing reads them yet).
// Without a shared/ folder (a user's clone) there is nothing to compare and the script says so.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const VENDORED = ['tokenizers', 'reference-vectors'];
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(process.env.NLPFT_SHARED ?? join(root, '..', 'shared'));
const fixtures = join(root, 'fixtures');
const check = process.argv.includes('--check');

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

if (!existsSync(shared) || !statSync(shared).isDirectory()) {
  console.log(`sync-fixtures: no shared folder at ${shared}; fixtures/ stays as committed`);
  process.exit(0);
}

const differing = [];
const added = [];
for (const part of VENDORED) {
  if (!existsSync(join(shared, part))) continue;
  for (const from of filesUnder(join(shared, part))) {
    const rel = relative(shared, from);
    const to = join(fixtures, rel);
    if (!existsSync(to)) added.push(rel);
    else if (!readFileSync(from).equals(readFileSync(to))) differing.push(rel);
    else continue;
    if (!check) {
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
  }
}

const list = (files) => files.map((f) => `  ${f}`).join('\n');
if (check) {
  if (added.length > 0)
    console.log(
      `sync-fixtures: in shared/ but not vendored (run node scripts/sync-fixtures.mjs):\n${list(added)}`,
    );
  if (differing.length > 0) {
    console.error(`sync-fixtures: vendored files differ from shared/:\n${list(differing)}`);
    process.exit(1);
  }
  console.log(`sync-fixtures: fixtures/ matches ${shared} (${VENDORED.join(', ')})`);
} else {
  console.log(
    `sync-fixtures: copied ${added.length} new and ${differing.length} changed files from ${shared}` +
      (added.length + differing.length > 0 ? `\n${list([...added, ...differing])}` : ''),
  );
}
