import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './write-file-atomic';

const folder = () => mkdtempSync(join(tmpdir(), 'nlpft-atomic-'));

describe('writeFileAtomic', () => {
  it('writes a string as UTF-8, bytes as they are and chunks one after another', () => {
    const dir = folder();
    writeFileAtomic(join(dir, 'a.txt'), 'héllo');
    writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 3]));
    writeFileAtomic(join(dir, 'c.bin'), [
      new Uint8Array([1]),
      new Uint8Array(0),
      new Uint8Array([2, 3]),
    ]);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('héllo');
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect([...readFileSync(join(dir, 'c.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).sort()).toEqual(['a.txt', 'b.bin', 'c.bin']);
  });

  it('replaces an existing file and leaves no temp file', () => {
    const dir = folder();
    const path = join(dir, 'f.json');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['f.json']);
  });

  it('creates the folder only when asked', () => {
    const dir = folder();
    expect(() => writeFileAtomic(join(dir, 'x', 'f.txt'), 'a')).toThrow(
      expect.objectContaining({ code: 'ENOENT' }),
    );
    writeFileAtomic(join(dir, 'x', 'y', 'f.txt'), 'a', { createFolder: true });
    expect(readFileSync(join(dir, 'x', 'y', 'f.txt'), 'utf8')).toBe('a');
  });

  it('a failed write leaves the old file unchanged and no temp file, and rethrows the error as it is', () => {
    const dir = folder();
    const path = join(dir, 'target');
    writeFileSync(path, 'old');
    // The second chunk fails mid-write, after the temp file was opened and partly written (a full disk, say).
    const failing = {
      get byteLength(): number {
        throw new Error('disk full');
      },
    } as unknown as Uint8Array;
    expect(() => writeFileAtomic(path, [new Uint8Array([1]), failing])).toThrow('disk full');
    expect(readFileSync(path, 'utf8')).toBe('old');
    expect(readdirSync(dir)).toEqual(['target']);
  });

  it('a failed rename (the target is a folder) leaves the folder and no temp file', () => {
    const dir = folder();
    const target = join(dir, 'taken');
    writeFileAtomic(join(target, 'inside.txt'), 'kept', { createFolder: true });
    expect(() => writeFileAtomic(target, 'new')).toThrow(
      expect.objectContaining({ code: expect.any(String) }),
    );
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readFileSync(join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });

  it('an unwritable folder throws before touching anything', () => {
    if (process.getuid?.() === 0) return; // root writes anywhere
    const dir = folder();
    writeFileSync(join(dir, 'f'), 'old');
    chmodSync(dir, 0o500);
    try {
      expect(() => writeFileAtomic(join(dir, 'f'), 'new')).toThrow(
        expect.objectContaining({ code: 'EACCES' }),
      );
      expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('old');
    } finally {
      chmodSync(dir, 0o700);
    }
  });
});
