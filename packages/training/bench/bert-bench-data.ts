/** What bench/bert-base-step.ts and its worker share: the config, the batch, memory readings. */
import { readFileSync } from 'node:fs';
import type { BatchTensor } from '@nlpft/onnx';

export interface BenchConfig {
  vocab: number;
  hidden: number;
  layers: number;
  heads: number;
  inter: number;
  batch: number;
  seq: number;
  labels: number;
  threads: number;
  steps: number;
  /** Gradient checkpointing on both sides. */
  checkpoint?: boolean;
}

/** Resident, peak resident (VmHWM) and JS-side memory in MB. */
export interface MemorySample {
  rss: number;
  hwm: number;
  heap: number;
  arrayBuffers: number;
}

export function memory(): MemorySample {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  const m = process.memoryUsage();
  return {
    rss: kb('VmRSS') / 1024,
    hwm: kb('VmHWM') / 1024,
    heap: m.heapUsed / 2 ** 20,
    arrayBuffers: m.arrayBuffers / 2 ** 20,
  };
}

/** The batch both sides train on: seeded token ids, full attention, labels in [0, labels). */
export function benchBatch(cfg: BenchConfig): Record<string, BatchTensor> {
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const n = cfg.batch * cfg.seq;
  const dims = [cfg.batch, cfg.seq];
  return {
    input_ids: {
      data: BigInt64Array.from({ length: n }, () => BigInt(Math.floor(rand() * cfg.vocab))),
      dims,
    },
    attention_mask: { data: new BigInt64Array(n).fill(1n), dims },
    token_type_ids: { data: new BigInt64Array(n), dims },
    labels: {
      data: BigInt64Array.from({ length: cfg.batch }, () =>
        BigInt(Math.floor(rand() * cfg.labels)),
      ),
      dims: [cfg.batch],
    },
  };
}
