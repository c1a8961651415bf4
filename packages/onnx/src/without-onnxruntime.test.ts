/**
 * onnxruntime-node is an optional peer dependency: these tests install the built package into a folder where
 * onnxruntime-node cannot be resolved and use it from ESM, CJS and TypeScript there. They read the built `dist/`
 * (`pnpm build` first; `pnpm test` does).
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Graph } from './graph';
import { addSoftmaxCrossEntropyLoss } from './losses/add-loss';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = join(packageDir, '..', '..');

/** The same tiny classifier in the parent (from src) and in the child scripts (from dist). */
const GRAPH_SOURCE = `const g = new onnx.Graph();
g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 3] });
g.addInitializer({ name: 'w', type: 'float32', dims: [3, 4], data: Float32Array.from({ length: 12 }, (_, i) => i / 8) });
g.addNode('MatMul', ['x', 'w'], ['logits']);
onnx.addSoftmaxCrossEntropyLoss(g, 'logits');`;

/** Round-trips the graph through bytes, then asks for a training session; prints what happened as JSON. */
const USE_SOURCE = `const back = onnx.graphFromModel(onnx.readModel(onnx.writeModel(onnx.graphToModel(g))));
const result = {
  ortResolvable: canResolveOrt(),
  ops: back.nodes.map((n) => n.opType),
  w: Array.from(back.initializers.get('w').data),
};
try {
  await onnx.createGradientSession(back, { trainable: ['w'] });
  result.session = 'opened';
} catch (e) {
  result.code = e.code;
  result.message = e.message;
}
console.log(JSON.stringify(result));`;

const ESM = `import * as onnx from '@nlpft/onnx';
const canResolveOrt = () => { try { import.meta.resolve('onnxruntime-node'); return true; } catch { return false; } };
${GRAPH_SOURCE}
${USE_SOURCE}`;

const CJS = `const onnx = require('@nlpft/onnx');
const canResolveOrt = () => { try { require.resolve('onnxruntime-node'); return true; } catch { return false; } };
(async () => {
${GRAPH_SOURCE}
${USE_SOURCE}
})();`;

// Types only: the declarations must compile without onnxruntime-node's (skipLibCheck off, no ambient types).
const CONSUMER_TS = `import { Graph, graphToModel, writeModel, createGradientSession } from '@nlpft/onnx';
import type { ModelProto, OnnxErrorCode, TensorProto } from '@nlpft/onnx';
const model: ModelProto = graphToModel(new Graph());
const bytes: Uint8Array = writeModel(model);
const first: TensorProto | undefined = model.graph?.initializer[0];
const code: OnnxErrorCode = 'RUNTIME_MISSING';
const open = (): Promise<unknown> => createGradientSession(model, { trainable: [] });
export { bytes, first, code, open };`;

interface ChildResult {
  ortResolvable: boolean;
  ops: string[];
  w: number[];
  session?: string;
  code?: string;
  message?: string;
}

let dir: string;
// pnpm and npx put the workspace's hoisted packages on NODE_PATH (onnxruntime-node among them); a user's shell
// has no such path.
const CHILD_ENV = { ...process.env, NODE_PATH: undefined };

beforeAll(() => {
  if (!existsSync(join(packageDir, 'dist', 'index.js')))
    throw new Error('packages/onnx/dist is missing: run `pnpm exec tsup` in packages/onnx first');
  dir = mkdtempSync(join(tmpdir(), 'nlpft-onnx-without-ort-'));
  const installed = join(dir, 'node_modules', '@nlpft', 'onnx');
  mkdirSync(installed, { recursive: true });
  cpSync(join(packageDir, 'package.json'), join(installed, 'package.json'));
  cpSync(join(packageDir, 'dist'), join(installed, 'dist'), { recursive: true });
  // The one runtime dependency, linked from the workspace.
  const protobuf = realpathSync(join(packageDir, 'node_modules', '@bufbuild', 'protobuf'));
  mkdirSync(join(dir, 'node_modules', '@bufbuild'));
  symlinkSync(protobuf, join(dir, 'node_modules', '@bufbuild', 'protobuf'), 'dir');
});

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

function runChild(file: string, source: string): ChildResult {
  writeFileSync(join(dir, file), source);
  return JSON.parse(
    execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8', env: CHILD_ENV }),
  ) as ChildResult;
}

function expected(): { ops: string[]; w: number[] } {
  const g = new Graph();
  g.inputs.push({ name: 'x', type: 'float32', shape: ['batch', 3] });
  g.addInitializer({
    name: 'w',
    type: 'float32',
    dims: [3, 4],
    data: Float32Array.from({ length: 12 }, (_, i) => i / 8),
  });
  g.addNode('MatMul', ['x', 'w'], ['logits']);
  addSoftmaxCrossEntropyLoss(g, 'logits');
  return { ops: g.nodes.map((n) => n.opType), w: Array.from({ length: 12 }, (_, i) => i / 8) };
}

describe('@nlpft/onnx without onnxruntime-node installed', () => {
  it.each([
    ['ESM import', 'use.mjs', ESM],
    ['CJS require', 'use.cjs', CJS],
  ])(
    '%s builds, writes and reads a graph, and the runner throws RUNTIME_MISSING',
    (_, file, source) => {
      const result = runChild(file, source);
      expect(result.ortResolvable).toBe(false);
      expect({ ops: result.ops, w: result.w }).toEqual(expected());
      expect(result.session).toBeUndefined();
      expect(result.code).toBe('RUNTIME_MISSING');
      expect(result.message).toContain('npm install onnxruntime-node');
    },
  );

  it('its declarations type-check under node16 resolution with skipLibCheck off', () => {
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER_TS);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          types: [],
          skipLibCheck: false,
          target: 'ES2022',
          lib: ['ES2022'],
          module: 'node16',
          moduleResolution: 'node16',
        },
        files: ['consumer.ts'],
      }),
    );
    // Throws with tsc's diagnostics (a missing 'onnxruntime-node' module, say) when they do not compile.
    execFileSync(join(repoRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
  });
});
