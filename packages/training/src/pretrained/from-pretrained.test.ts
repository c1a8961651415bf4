import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { graphFromModel, graphToModel, readModelFile, writeModelFile } from '@nlpft/onnx';
import { afterAll, describe, expect, it } from 'vitest';
import { TrainingError } from '../errors';
import { fromPretrained } from './from-pretrained';
import { HF_FIXTURES } from './hf-fixtures.test-helper';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of a fixture folder to break. */
function copyOf(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'nlpft-pretrained-'));
  made.push(dir);
  cpSync(join(HF_FIXTURES, name), dir, { recursive: true });
  return dir;
}

function failure(f: () => unknown): TrainingError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(TrainingError);
    return e as TrainingError;
  }
  throw new Error('expected a TrainingError');
}

function editConfig(dir: string, edit: (c: Record<string, unknown>) => void): void {
  const path = join(dir, 'config.json');
  const c = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(c);
  writeFileSync(path, JSON.stringify(c));
}

describe('fromPretrained on broken folders', () => {
  it('names an unknown model_type and the supported ones', () => {
    const dir = copyOf('bert-opset14');
    editConfig(dir, (c) => (c['model_type'] = 't5'));
    const e = failure(() => fromPretrained(dir));
    expect(e.code).toBe('UNSUPPORTED_MODEL');
    expect(e.message).toMatch(/"t5".*bert, roberta/);
  });

  it('names a missing config, model file or unreadable JSON', () => {
    const dir = copyOf('bert-opset14');
    rmSync(join(dir, 'onnx'), { recursive: true });
    expect(failure(() => fromPretrained(dir)).message).toMatch(
      /no onnx\/model\.onnx or model\.onnx/,
    );
    writeFileSync(join(dir, 'config.json'), '{ not json');
    expect(failure(() => fromPretrained(dir)).code).toBe('INVALID_MODEL_FOLDER');
    rmSync(join(dir, 'config.json'));
    expect(failure(() => fromPretrained(dir)).message).toMatch(/no config\.json/);
  });

  it('finds the optimum-cli layout (model.onnx at the top) too', () => {
    const dir = copyOf('distilbert-opset17');
    cpSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'model.onnx'));
    rmSync(join(dir, 'onnx'), { recursive: true });
    expect(fromPretrained(dir).structure.family).toBe('distilbert');
  });

  it('refuses a config that does not describe the graph', () => {
    const dir = copyOf('gpt2-opset14');
    editConfig(dir, (c) => {
      c['model_type'] = 'bert';
      Object.assign(c, { hidden_size: 32, num_hidden_layers: 2, num_attention_heads: 4 });
    });
    expect(failure(() => fromPretrained(dir)).message).toMatch(/says bert.*graph is a gpt2 body/);
  });

  it('refuses a body parameter the map cannot place, naming it', () => {
    const dir = copyOf('bert-opset14');
    const file = join(dir, 'onnx', 'model.onnx');
    const g = graphFromModel(readModelFile(file));
    // A tensor in the body that no known part owns (DeBERTa-style relative embeddings), used by the graph.
    g.addInitializer({
      name: 'bert.encoder.rel_embeddings.weight',
      type: 'float32',
      dims: [1, 3],
      data: new Float32Array(3),
    });
    const out = g.outputs[0]!.name;
    const node = g.nodes.find((n) => n.outputs.includes(out))!;
    node.outputs = [`${out}_raw`];
    g.addNode('Add', [`${out}_raw`, 'bert.encoder.rel_embeddings.weight'], [out]);
    writeModelFile(file, graphToModel(g));
    const e = failure(() => fromPretrained(dir));
    expect(e.code).toBe('UNSUPPORTED_MODEL');
    expect(e.message).toMatch(/bert\.encoder\.rel_embeddings\.weight/);
  });
});
