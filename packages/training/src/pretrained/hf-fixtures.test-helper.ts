/*
 * Test support: the Hugging Face-shaped exports of scripts/export_hf_fixtures.py and their PyTorch references.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BatchTensor } from '@nlpft/onnx';

export const HF_FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'hf');
export const ARCHITECTURES = ['bert', 'distilbert', 'roberta', 'electra', 'gpt2'] as const;
export type Architecture = (typeof ARCHITECTURES)[number];
export const OPSETS = [14, 17] as const;

/** A float32 tensor inside reference.bin. */
export interface BlobRef {
  offset: number;
  dims: number[];
}
export interface NamedBlob extends BlobRef {
  name: string;
}
export interface InitializerRow {
  name: string;
  dims: number[];
  dtype: string;
  key: string | null;
  transposed: boolean;
  keys?: string[];
}
export interface Reference {
  batch: Record<string, number[][]>;
  inputs: string[];
  logits: BlobRef;
  loss: number;
  parameters: { name: string; dims: number[]; weight_decay: number; tied?: string[] }[];
  tied?: Record<string, string>;
  grads: NamedBlob[];
  adamw: { losses_before_step: number[]; params_after: NamedBlob[]; no_decay: string[] };
  dropout: { mean: number; std: number; values: number[]; eval_loss: number };
  initializers: InitializerRow[];
}

export interface Fixture {
  dir: string;
  reference: Reference;
  blob(ref: BlobRef): Float32Array;
  /** The reference batch as graph feeds (int64), labels included. */
  feeds(): Record<string, BatchTensor>;
}

export function loadFixture(name: string): Fixture {
  const dir = join(HF_FIXTURES, name);
  const reference = JSON.parse(readFileSync(join(dir, 'reference.json'), 'utf8')) as Reference;
  const bin = readFileSync(join(dir, 'reference.bin'));
  const floats = new Float32Array(
    bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  );
  return {
    dir,
    reference,
    blob: (ref) => floats.slice(ref.offset, ref.offset + ref.dims.reduce((a, b) => a * b, 1)),
    feeds() {
      const out: Record<string, BatchTensor> = {};
      for (const name of [...reference.inputs, 'labels']) {
        const rows = reference.batch[name];
        if (rows === undefined) continue;
        const flat = rows.flat();
        out[name] = {
          data: BigInt64Array.from(flat, (v) => BigInt(v)),
          dims: Array.isArray(rows[0]) ? [rows.length, rows[0].length] : [rows.length],
        };
      }
      return out;
    },
  };
}

/** max |a − b| / max(max |b|, floor): error relative to the tensor's own scale. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, floor = 0): number {
  let diff = 0;
  let scale = floor;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i]! - b[i]!));
    scale = Math.max(scale, Math.abs(b[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}
