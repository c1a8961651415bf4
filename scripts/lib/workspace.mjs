// Small helpers shared by the repository scripts: where the repo is, which packages it publishes,
// and how to run pnpm from inside a `pnpm run` (pnpm is often not on a fresh machine's PATH).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The pnpm that runs this script (`npm_execpath`), else the pinned one through npx. */
export function pnpmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm(\.c?js)?$/.test(execPath)) {
    return execPath.endsWith('js') ? [process.execPath, execPath] : [execPath];
  }
  const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager;
  return ['npx', '-y', pinned];
}

/** Runs pnpm with `args` in `cwd`, inheriting output; throws on a non-zero exit. */
export function pnpm(args, options = {}) {
  const [cmd, ...pre] = pnpmCommand();
  const result = spawnSync(cmd, [...pre, ...args], { stdio: 'inherit', ...options });
  if (result.status !== 0) throw new Error(`pnpm ${args.join(' ')} exited with ${result.status}`);
}

/** Runs a binary from the root node_modules/.bin, returning its stdout. */
export function bin(name, args, options = {}) {
  return execFileSync(join(root, 'node_modules', '.bin', name), args, {
    encoding: 'utf8',
    ...options,
  });
}

/** The publishable packages: every packages/* folder whose package.json is not private. */
export function publishedPackages() {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((path) => existsSync(join(path, 'package.json')))
    .map((path) => ({
      path,
      manifest: JSON.parse(readFileSync(join(path, 'package.json'), 'utf8')),
    }))
    .filter(({ manifest }) => !manifest.private);
}

/** Prints a line prefixed with the script's name, so CI logs say which step spoke. */
export function say(script, message) {
  console.log(`[${script}] ${message}`);
}
