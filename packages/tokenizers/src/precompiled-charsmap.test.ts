import { describe, expect, it } from 'vitest';
import { decodeBase64 } from './precompiled-charsmap';
import { mulberry32 } from '@nlpft/test-utils';

/** The reference: the old validation (standard alphabet, at most two `=` at the end), then `atob`. */
function viaAtob(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) throw new Error('alphabet');
  return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
}

function outcome(f: () => Uint8Array): number[] | 'throws' {
  try {
    return Array.from(f());
  } catch {
    return 'throws';
  }
}

describe('decodeBase64', () => {
  it('decodes what atob decodes, padded or not, for every length up to 64 bytes', () => {
    const r = mulberry32(2);
    for (let n = 0; n <= 64; n++) {
      const bytes = Uint8Array.from({ length: n }, () => Math.floor(r() * 256));
      const b64 = btoa(String.fromCharCode(...bytes));
      expect(decodeBase64(b64)).toEqual(bytes);
      expect(decodeBase64(b64.replace(/=+$/, ''))).toEqual(bytes);
    }
  });

  it.each([
    'QQ==',
    'QQ',
    'QQ=',
    'Q===',
    'Q',
    'QR==',
    'QQ==QQ==',
    'QQ Q',
    'QQ\n',
    'QQé=',
    '',
    '====',
  ])('%j: same bytes or same failure as atob', (s) => {
    expect(outcome(() => decodeBase64(s))).toEqual(outcome(() => viaAtob(s)));
  });
});
