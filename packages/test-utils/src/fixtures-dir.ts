import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the repository root is: the nearest folder above this file holding `pnpm-workspace.yaml`. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('test-utils: no pnpm-workspace.yaml above ' + import.meta.url);
    dir = parent;
  }
}

/**
 * The repository's `fixtures/` folder (reference vectors, tokenizer files), vendored so that a fresh clone needs
 * nothing beside it. `NLPFT_FIXTURES` points the tests at another copy, e.g. a newer `shared/`.
 */
export function fixturesDir(): string {
  const fromEnv = process.env['NLPFT_FIXTURES'];
  const dir = fromEnv ? resolve(fromEnv) : join(repoRoot(), 'fixtures');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `test-utils: the fixtures folder was not found at ${dir}. It is part of the repository ` +
        '(fixtures/, with reference-vectors/ and tokenizers/); NLPFT_FIXTURES overrides where it is looked for.',
    );
  }
  return dir;
}

/** The absolute path of a file under `fixtures/`, checked to exist. */
export function fixturePath(...parts: string[]): string {
  const path = join(fixturesDir(), ...parts);
  if (!existsSync(path)) throw new Error(`test-utils: ${path} is missing from the fixtures folder`);
  return path;
}
