import { existsSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { repoRoot } from '@nlpft/test-utils';
import { describe, expect, it } from 'vitest';
import { resolveChromium } from './chromium-binary';

describe('resolveChromium', () => {
  it('without CHROMIUM_PATH, inflates the npm-shipped build under node_modules, once', async () => {
    const first = await resolveChromium({});
    expect(first.source).toBe('@sparticuz/chromium');
    expect(relative(repoRoot(), first.executablePath).split(sep)[0]).toBe('node_modules');
    const stat = statSync(first.executablePath);
    expect(stat.size).toBeGreaterThan(100_000_000);
    expect(stat.mode & 0o111).not.toBe(0);
    const again = await resolveChromium({});
    expect(again.executablePath).toBe(first.executablePath);
    expect(statSync(again.executablePath).mtimeMs).toBe(stat.mtimeMs); // not inflated a second time
  }, 120_000);

  it('takes CHROMIUM_PATH when it names a file, and names it when it does not', async () => {
    const shipped = (await resolveChromium({})).executablePath;
    expect(await resolveChromium({ CHROMIUM_PATH: shipped })).toEqual({
      executablePath: shipped,
      source: 'CHROMIUM_PATH',
    });
    await expect(resolveChromium({ CHROMIUM_PATH: '/no/such/chromium' })).rejects.toThrow(
      expect.objectContaining({
        code: 'BROWSER_NOT_FOUND',
        message: 'CHROMIUM_PATH is /no/such/chromium, but there is no file there',
      }),
    );
    expect(existsSync('/no/such/chromium')).toBe(false);
  }, 120_000);
});
