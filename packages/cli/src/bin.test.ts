import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runNlpft, tempDir } from './commands/run-nlpft.test-helper';

// The built executable; the root `pnpm test` builds every package before vitest runs.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');

describe('dist/bin.js', () => {
  it('runs as a process: --help, eval bleu on files and stdin, and exit code 2 for an unknown command', async () => {
    const help = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toBe((await runNlpft(['--help'])).stdout);

    const dir = tempDir();
    writeFileSync(join(dir, 'ref.txt'), 'The cat sat on a mat.\n');
    const bleu = spawnSync(process.execPath, [bin, 'eval', 'bleu', 'ref.txt'], {
      cwd: dir,
      input: 'The cat sat on the mat.\n',
      encoding: 'utf8',
    });
    expect(bleu.stderr).toBe('');
    expect(bleu.status).toBe(0);
    // sacrebleu 2.4.3: BLEU = 48.89 for this pair (13a tokens: 6/7 unigrams, 4/6 bigrams, 2/5, 1/4 match).
    expect(bleu.stdout).toBe(
      'BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.4.3 = 48.9 85.7/66.7/40.0/25.0 (BP = 1.000 ratio = 1.000 hyp_len = 7 ref_len = 7)\n',
    );

    const unknown = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error[UNKNOWN_COMMAND]: nlpft: unknown command "frobnicate"');
  });
});
