import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CodePointRanges } from './code-point-ranges';

describe('CodePointRanges', () => {
  it('reads "gap,length" pairs in base 36, gaps counted from the previous end', () => {
    // [0x21, 0x24) then [0x24 + 1, 0x24 + 1 + 36)
    const r = new CodePointRanges('x,3 1,10');
    expect([0x20, 0x21, 0x23, 0x24, 0x25, 0x48, 0x49].map((c) => r.has(c))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it('the committed unicode-tables.ts is what the generator makes', () => {
    const script = fileURLToPath(
      new URL('../scripts/generate-unicode-tables.mjs', import.meta.url),
    );
    expect(() =>
      execFileSync(process.execPath, [script, '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
