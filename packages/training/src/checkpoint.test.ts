import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCheckpoint, parseCheckpoint, saveCheckpoint, serializeCheckpoint } from './checkpoint';
import type { Checkpoint } from './checkpoint';
import { Adam } from './optimizer';

describe('checkpoints', () => {
  const params = { w: Float32Array.of(1.5, -0, Number.MIN_VALUE, 3.4028234663852886e38) };
  const opt = new Adam(params, { learningRate: 0.1 });
  opt.step({ w: Float32Array.of(0.1, 0.2, 0.3, 0.4) });
  const c: Checkpoint = {
    step: 3,
    epoch: 1,
    order: [2, 0, 1],
    batchIndex: 1,
    rng: [1, 2, 3, 4],
    params,
    optimizer: opt.stateDict(),
    best: null,
    badEvals: 0,
    pending: { lossSum: 0.5, count: 1 },
  };
  it('round-trip bit-exactly through an atomic file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ckpt-')), 'c.json');
    saveCheckpoint(path, c);
    const back = loadCheckpoint(path);
    expect(new Uint32Array(back.params.w!.buffer)).toEqual(new Uint32Array(params.w.buffer));
    expect(back.optimizer.buffers).toEqual(c.optimizer.buffers);
    expect({ ...back, params: null, optimizer: null }).toEqual({
      ...c,
      params: null,
      optimizer: null,
    });
  });
  it('name what is wrong with CHECKPOINT_CORRUPT', () => {
    expect(() => parseCheckpoint('{')).toThrow(/not valid JSON/);
    expect(() => parseCheckpoint('{"format":"x"}')).toThrow(/\$\.format/);
    const broken = JSON.parse(serializeCheckpoint(c)) as Record<string, unknown>;
    delete broken.rng;
    expect(() => parseCheckpoint(JSON.stringify(broken))).toThrow(/\$\.rng is missing/);
    const bad = JSON.parse(serializeCheckpoint(c)) as { params: Record<string, string> };
    bad.params.w = Buffer.from([1, 2, 3]).toString('base64');
    expect(() => parseCheckpoint(JSON.stringify(bad))).toThrow(/\$\.params\.w/);
    const dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
    writeFileSync(join(dir, 'x.json'), 'nope');
    try {
      loadCheckpoint(join(dir, 'x.json'));
    } catch (e) {
      expect((e as { code: string }).code).toBe('CHECKPOINT_CORRUPT');
    }
  });
});
