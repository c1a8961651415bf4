import { equals } from '@bufbuild/protobuf';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ModelProtoSchema, TensorProto_DataLocation } from './gen/onnx_pb';
import { readModel, readModelFile } from './read-model';
import { tensorToTypedArray } from './tensor-data';
import { writeModel, writeModelFile } from './write-model';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'io');
const typedBytes = readFileSync(join(fixtures, 'typed-fields.onnx'));
interface Expected {
  tensors: { name: string; dataType: number; dims: number[]; values: (number | string)[] }[];
}
const expected = JSON.parse(readFileSync(join(fixtures, 'expected.json'), 'utf8')) as Expected;

function valuesOf(data: ReturnType<typeof tensorToTypedArray>): (number | string)[] {
  return Array.from(data as ArrayLike<number | bigint | string>, (v) =>
    typeof v === 'bigint' ? Number(v) : v,
  );
}

describe('readModel', () => {
  it('reads every storage form of the Python onnx fixture to the values numpy reads', () => {
    const model = readModel(typedBytes);
    const inits = model.graph?.initializer ?? [];
    expect(inits.map((t) => t.name)).toEqual(expected.tensors.map((t) => t.name));
    for (const want of expected.tensors) {
      const t = inits.find((i) => i.name === want.name);
      expect(t?.dataType).toBe(want.dataType);
      expect(t?.dims.map(Number)).toEqual(want.dims);
      const got = valuesOf(tensorToTypedArray(t!));
      // float32 values pass through JSON as doubles: compare at float32 precision.
      if (want.dataType === 1)
        expect(got).toEqual(want.values.map((v) => Math.fround(v as number)));
      else expect(got).toEqual(want.values);
    }
  });

  it('re-writes the Python-written model byte for byte', () => {
    expect(Buffer.from(writeModel(readModel(typedBytes))).equals(typedBytes)).toBe(true);
  });

  it.each(['bert-tiny', 'gpt2-tiny'])('re-writes the PyTorch-exported %s byte for byte', (name) => {
    const bytes = readFileSync(join(fixtures, '..', 'grad', `${name}.onnx`));
    expect(Buffer.from(writeModel(readModel(bytes))).equals(bytes)).toBe(true);
  });

  it('views raw_data without copying', () => {
    const model = readModel(typedBytes);
    const w = model.graph!.initializer.find((t) => t.name === 'w_raw')!;
    const view = tensorToTypedArray(w) as Float32Array;
    if (w.rawData.byteOffset % 4 === 0) expect(view.buffer).toBe(typedBytes.buffer);
    else expect(view.buffer).not.toBe(typedBytes.buffer);
    expect(view.length).toBe(12);
  });

  it('throws MALFORMED_MODEL on truncated bytes at every cut inside the graph', () => {
    for (let cut = 1; cut < typedBytes.length - 1; cut += 7) {
      const truncated = typedBytes.subarray(0, cut);
      let threw: unknown;
      try {
        readModel(truncated);
      } catch (e) {
        threw = e;
      }
      // A cut between two top-level fields can still parse; then the graph must be absent or intact.
      if (threw === undefined) continue;
      expect(threw).toMatchObject({ code: 'MALFORMED_MODEL' });
    }
    expect(() => readModel(typedBytes.subarray(0, typedBytes.length >> 1))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MODEL' }),
    );
  });

  it('throws MALFORMED_MODEL on text and on empty input', () => {
    expect(() => readModel(new TextEncoder().encode('{"not": "onnx"}'))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MODEL' }),
    );
    expect(() => readModel(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_MODEL' }),
    );
  });

  it('throws INVALID_INPUT when bytes is not a Uint8Array', () => {
    expect(() => readModel('model.onnx' as unknown as Uint8Array)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('survives random byte corruption with a typed error or a parse, never a crash', () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 200; k++) {
      const bad = Uint8Array.from(typedBytes);
      for (let j = 0; j < 4; j++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
      try {
        const m = readModel(bad);
        for (const t of m.graph!.initializer) {
          try {
            tensorToTypedArray(t);
          } catch (e) {
            expect(e).toHaveProperty('name', 'OnnxError');
          }
        }
      } catch (e) {
        expect(e).toMatchObject({ code: 'MALFORMED_MODEL' });
      }
    }
  });
});

describe('readModelFile', () => {
  it('loads external-data initializers written by Python onnx', () => {
    const model = readModelFile(join(fixtures, 'external.onnx'));
    const inline = readModel(typedBytes);
    for (const want of expected.tensors) {
      const t = model.graph!.initializer.find((i) => i.name === want.name)!;
      expect(t.dataLocation).toBe(TensorProto_DataLocation.DEFAULT);
      expect(t.externalData).toEqual([]);
      const ref = inline.graph!.initializer.find((i) => i.name === want.name)!;
      expect(valuesOf(tensorToTypedArray(t))).toEqual(valuesOf(tensorToTypedArray(ref)));
    }
  });

  it('keeps references when loadExternalData is false, and tensorToTypedArray says so', () => {
    const model = readModelFile(join(fixtures, 'external.onnx'), { loadExternalData: false });
    const w = model.graph!.initializer.find((i) => i.name === 'w_raw')!;
    expect(w.dataLocation).toBe(TensorProto_DataLocation.EXTERNAL);
    expect(() => tensorToTypedArray(w)).toThrow(expect.objectContaining({ code: 'EXTERNAL_DATA' }));
  });

  it('throws EXTERNAL_DATA when the data file is missing, truncated or outside the folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-onnx-'));
    const modelBytes = readFileSync(join(fixtures, 'external.onnx'));
    writeFileSync(join(dir, 'external.onnx'), modelBytes);
    expect(() => readModelFile(join(dir, 'external.onnx'))).toThrow(
      expect.objectContaining({ code: 'EXTERNAL_DATA' }),
    );
    writeFileSync(
      join(dir, 'external.onnx.data'),
      readFileSync(join(fixtures, 'external.onnx.data')).subarray(0, 20),
    );
    expect(() => readModelFile(join(dir, 'external.onnx'))).toThrow(
      expect.objectContaining({ code: 'EXTERNAL_DATA' }),
    );
    const escaping = readModel(modelBytes);
    for (const t of escaping.graph!.initializer)
      for (const e of t.externalData) if (e.key === 'location') e.value = '../../etc/passwd';
    writeFileSync(join(dir, 'escape.onnx'), writeModel(escaping));
    expect(() => readModelFile(join(dir, 'escape.onnx'))).toThrow(/leaves the model folder/);
    expect(() => readModelFile(join(dir, 'nope.onnx'))).toThrow(
      expect.objectContaining({ code: 'EXTERNAL_DATA' }),
    );
  });

  it('reads from externalDataDir when given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-onnx-'));
    writeFileSync(join(dir, 'm.onnx'), readFileSync(join(fixtures, 'external.onnx')));
    const model = readModelFile(join(dir, 'm.onnx'), { externalDataDir: fixtures });
    expect(model.graph!.initializer[0]!.rawData.byteLength).toBe(48);
  });
});

describe('writeModelFile', () => {
  it('round-trips through an external data file to an equal model', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-onnx-'));
    const model = readModel(typedBytes);
    writeModelFile(join(dir, 'out.onnx'), model, {
      externalData: { location: 'out.onnx.data', threshold: 8 },
    });
    // the caller's model is unchanged
    expect(Buffer.from(writeModel(model)).equals(typedBytes)).toBe(true);
    const onDisk = readModelFile(join(dir, 'out.onnx'), { loadExternalData: false });
    const external = onDisk.graph!.initializer.filter(
      (t) => t.dataLocation === TensorProto_DataLocation.EXTERNAL,
    );
    expect(external.map((t) => t.name)).toEqual(
      model.graph!.initializer.filter((t) => t.rawData.byteLength >= 8).map((t) => t.name),
    );
    const back = readModelFile(join(dir, 'out.onnx'));
    expect(equals(ModelProtoSchema, back, model)).toBe(true);
  });

  it('writes inline models atomically to the same bytes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlpft-onnx-'));
    writeModelFile(join(dir, 'a.onnx'), readModel(typedBytes));
    expect(readFileSync(join(dir, 'a.onnx')).equals(typedBytes)).toBe(true);
  });

  it('throws INVALID_OPTION / INVALID_INPUT for an escaping location or an unwritable path', () => {
    const model = readModel(typedBytes);
    expect(() =>
      writeModelFile(join(tmpdir(), 'x.onnx'), model, { externalData: { location: '../x.data' } }),
    ).toThrow(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => writeModelFile('/nonexistent-dir/x.onnx', model)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
