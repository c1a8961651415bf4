// Checks what we publish, not the folder: packs each package with pnpm (so `workspace:^` becomes a
// real range), then runs publint --strict and are-the-types-wrong on the tarball.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, pnpm, publishedPackages, say } from './lib/workspace.mjs';

const out = mkdtempSync(join(tmpdir(), 'nlpft-pack-'));
const failures = [];
try {
  // `node scripts/check-packages.mjs metrics tokenizers` checks only those folders.
  const only = process.argv.slice(2);
  for (const { path, manifest } of publishedPackages()) {
    if (only.length > 0 && !only.some((name) => path.endsWith(`/${name}`))) continue;
    const before = new Set(readdirSync(out));
    pnpm(['pack', '--pack-destination', out], {
      cwd: path,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const tarball = readdirSync(out).find((f) => !before.has(f));
    if (!tarball) throw new Error(`pnpm pack wrote no tarball for ${manifest.name}`);
    const tgz = join(out, tarball);
    say(
      'check-packages',
      `${manifest.name}: ${tarball} (${(statSync(tgz).size / 1024).toFixed(1)} kB packed)`,
    );
    for (const [tool, args] of [
      ['publint', ['--strict', tgz]],
      // node10 resolution cannot see subpath exports; we support Node >= 20, so check node16 and bundlers.
      ['attw', ['--profile', 'node16', '--format', 'table-flipped', tgz]],
    ]) {
      try {
        const output = bin(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
        say('check-packages', `  ${tool}: ok${output.includes('Warning') ? '\n' + output : ''}`);
      } catch (error) {
        failures.push(`${manifest.name}: ${tool}`);
        console.error(String(error.stdout ?? '') + String(error.stderr ?? ''));
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (failures.length > 0) {
  console.error(`[check-packages] failed: ${failures.join(', ')}`);
  process.exit(1);
}
say('check-packages', 'every package passes publint --strict and attw');
