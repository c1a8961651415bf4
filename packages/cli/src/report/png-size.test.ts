import { describe, expect, it } from 'vitest';
import { pngSize } from './png-size';

/** The start of a PNG built by hand from the spec: signature and IHDR (CRC left zero; pngSize reads no further). */
function png(width: number, height: number): Uint8Array {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8; // bit depth
  ihdr[17] = 2; // colour type: RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

describe('pngSize', () => {
  it('reads width and height from the IHDR chunk', () => {
    expect(pngSize(png(1280, 70000))).toEqual({ width: 1280, height: 70000 });
  });

  it('reads sizes above 2^31 as unsigned', () => {
    expect(pngSize(png(0x80000001, 1))?.width).toBe(2147483649);
  });

  it('returns undefined for other bytes', () => {
    expect(pngSize(new TextEncoder().encode('GIF89a, not a PNG at all'))).toBeUndefined();
    expect(pngSize(new Uint8Array(3))).toBeUndefined();
  });
});
