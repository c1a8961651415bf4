import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedFeatures } from './cached-features';

describe('cachedFeatures', () => {
  it('runs each distinct text once, persists to a file, and checks the extractor', async () => {
    const seen: string[] = [];
    const fake = {
      extract: (t: readonly string[]) => (
        seen.push(...t),
        Promise.resolve(t.map((s) => Float32Array.of(s.length, 1)))
      ),
    };
    const path = join(mkdtempSync(join(tmpdir(), 'feat-')), 'f.json');
    const a = await cachedFeatures(fake, ['ab', 'abc', 'ab'], { cachePath: path });
    expect(seen).toEqual(['ab', 'abc']);
    expect(a.map((v) => v[0])).toEqual([2, 3, 2]);
    const b = await cachedFeatures(fake, ['abc', 'x'], { cachePath: path });
    expect(seen).toEqual(['ab', 'abc', 'x']);
    expect(Array.from(b[0]!)).toEqual([3, 1]);
    writeFileSync(path, '{bad');
    await expect(cachedFeatures(fake, ['ab'], { cachePath: path })).rejects.toMatchObject({
      code: 'CHECKPOINT_CORRUPT',
    });
    const short = { extract: () => Promise.resolve([]) };
    await expect(cachedFeatures(short, ['q'])).rejects.toMatchObject({ code: 'SHAPE_MISMATCH' });
  });
});
