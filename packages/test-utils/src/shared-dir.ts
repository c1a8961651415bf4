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
 * The read-only `shared/` folder beside the repository (`NLPFT_SHARED` overrides it).
 * Throws a message that says what is missing and where it was looked for.
 */
export function sharedDir(): string {
  const fromEnv = process.env['NLPFT_SHARED'];
  const dir = fromEnv ? resolve(fromEnv) : resolve(repoRoot(), '..', 'shared');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(
      `test-utils: the shared fixtures folder was not found at ${dir}. It sits beside the repository ` +
        '(../shared) and holds reference-vectors/ and tokenizers/; set NLPFT_SHARED to its path if it lives elsewhere.',
    );
  }
  return dir;
}

/** The absolute path of a file under `shared/`, checked to exist. */
export function sharedPath(...parts: string[]): string {
  const path = join(sharedDir(), ...parts);
  if (!existsSync(path))
    throw new Error(`test-utils: ${path} is missing from the shared fixtures folder`);
  return path;
}
