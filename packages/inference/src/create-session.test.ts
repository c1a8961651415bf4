import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSession } from './create-session';
import { fixtureModel, fixturesDir, int64, maxAbsDiff, refCase } from './test-fixtures';

// float32 models: ORT and PyTorch differ by rounding only (~1e-6 here); the bound is 1e-4.
const TOL = 1e-4;

describe('createSession', () => {
  it('loads from a path, maps HF names and reads config.json beside the model', async () => {
    const model = await createSession(fixtureModel('bert-tiny-cls'));
    expect(model.provider).toBe('cpu');
    expect(model.io.inputIds).toBe('input_ids');
    expect(model.io.tokenTypeIds).toBe('token_type_ids');
    expect(model.io.logits).toBe('logits');
    expect(model.io.pastKeyValues).toEqual([]);
    expect(model.config?.id2label).toEqual({ 0: 'negative', 1: 'neutral', 2: 'positive' });
    expect(model.config?.maxPositions).toBe(64);
    await model.dispose();
  });

  it('reads config.json one folder up for the transformers.js layout (config.json, onnx/model.onnx)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nlpft-layout-'));
    mkdirSync(join(root, 'onnx'));
    copyFileSync(fixtureModel('bert-tiny-cls'), join(root, 'onnx', 'model.onnx'));
    copyFileSync(join(fixturesDir, 'bert-tiny-cls', 'config.json'), join(root, 'config.json'));
    const model = await createSession(join(root, 'onnx', 'model.onnx'));
    expect(model.config?.id2label?.[2]).toBe('positive');
    await model.dispose();
    rmSync(root, { recursive: true });
  });

  it('loads from bytes and maps past_key_values / present pairs per layer', async () => {
    const bytes = readFileSync(fixtureModel('gpt2-tiny-with-past'));
    const model = await createSession(new Uint8Array(bytes));
    expect(model.config).toBeUndefined();
    expect(model.io.pastKeyValues).toEqual([
      { key: 'past_key_values.0.key', value: 'past_key_values.0.value' },
      { key: 'past_key_values.1.key', value: 'past_key_values.1.value' },
    ]);
    expect(model.io.presents[1]).toEqual({ key: 'present.1.key', value: 'present.1.value' });
    expect(model.inputs.find((i) => i.name === 'past_key_values.0.key')?.shape).toEqual([
      'batch_size',
      4,
      'past_sequence_length',
      8,
    ]);
    await model.dispose();
  });

  it.each(['bert_singles', 'bert_pairs'])(
    'BERT logits and hidden states equal PyTorch on the padded batch %s',
    async (name) => {
      const c = refCase(name);
      const feeds = {
        input_ids: int64(c.input_ids),
        attention_mask: int64(c.attention_mask),
        token_type_ids: int64(c.token_type_ids),
      };
      const base = await createSession(fixtureModel('bert-tiny'));
      const cls = await createSession(fixtureModel('bert-tiny-cls'));
      const qa = await createSession(fixtureModel('bert-tiny-qa'));
      const hidden = (await base.run(feeds))['last_hidden_state'];
      expect(hidden?.dims).toEqual(c.last_hidden_state.dims);
      expect(maxAbsDiff(hidden!.data as Float32Array, c.last_hidden_state.data)).toBeLessThan(TOL);
      expect(
        maxAbsDiff((await cls.run(feeds))['logits']!.data as Float32Array, c.logits.data),
      ).toBeLessThan(TOL);
      const spans = await qa.run(feeds);
      expect(
        maxAbsDiff(spans['start_logits']!.data as Float32Array, c.start_logits.data),
      ).toBeLessThan(TOL);
      expect(maxAbsDiff(spans['end_logits']!.data as Float32Array, c.end_logits.data)).toBeLessThan(
        TOL,
      );
      await Promise.all([base.dispose(), cls.dispose(), qa.dispose()]);
    },
  );

  it.each(['gpt2_right', 'gpt2_left'])(
    'GPT-2 logits equal PyTorch on the padded batch %s',
    async (name) => {
      const c = refCase(name);
      const feeds = {
        input_ids: int64(c.input_ids),
        attention_mask: int64(c.attention_mask),
        position_ids: int64(c.position_ids),
      };
      const lm = await createSession(fixtureModel('gpt2-tiny'));
      const logits = (await lm.run(feeds))['logits']!;
      expect(logits.dims).toEqual(c.logits.dims);
      // compare real tokens only: logits at padded positions are never read
      const [b, s, v] = logits.dims as [number, number, number];
      let worst = 0;
      for (let i = 0; i < b; i++)
        for (let j = 0; j < s; j++) {
          if (c.attention_mask[i]?.[j] === 0) continue;
          const at = (i * s + j) * v;
          worst = Math.max(
            worst,
            maxAbsDiff(
              (logits.data as Float32Array).subarray(at, at + v),
              c.logits.data.slice(at, at + v),
            ),
          );
        }
      expect(worst).toBeLessThan(TOL);
      await lm.dispose();
    },
  );

  it('honours threads, optimization level and spinning and still equals PyTorch', async () => {
    const c = refCase('bert_pairs');
    const model = await createSession(fixtureModel('bert-tiny-cls'), {
      intraOpThreads: 1,
      interOpThreads: 1,
      graphOptimizationLevel: 'disabled',
      spinning: true,
    });
    const out = await model.run({
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      token_type_ids: int64(c.token_type_ids),
    });
    expect(maxAbsDiff(out['logits']!.data as Float32Array, c.logits.data)).toBeLessThan(TOL);
    await model.dispose();
  });

  it('throws CANCELLED for an aborted signal', async () => {
    const model = await createSession(fixtureModel('bert-tiny'));
    const c = refCase('bert_pairs');
    const feeds = {
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      token_type_ids: int64(c.token_type_ids),
    };
    await expect(model.run(feeds, { signal: AbortSignal.abort() })).rejects.toThrow(
      expect.objectContaining({ code: 'CANCELLED' }),
    );
    await model.dispose();
  });

  it('throws MODEL_NOT_FOUND naming the path', async () => {
    await expect(createSession('/nope/model.onnx')).rejects.toThrow(
      expect.objectContaining({
        code: 'MODEL_NOT_FOUND',
        message: expect.stringContaining('/nope/model.onnx'),
      }),
    );
  });

  it('throws MODEL_LOAD_FAILED for bytes that are not ONNX', async () => {
    await expect(createSession(new Uint8Array([1, 2, 3]))).rejects.toThrow(
      expect.objectContaining({ code: 'MODEL_LOAD_FAILED' }),
    );
  });

  it('throws INVALID_OPTION for an unknown device and a negative thread count', async () => {
    await expect(
      createSession(fixtureModel('bert-tiny'), { device: 'gpu' as 'cpu' }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('"gpu"'),
      }),
    );
    await expect(createSession(fixtureModel('bert-tiny'), { intraOpThreads: -1 })).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('intraOpThreads'),
      }),
    );
  });

  it("device 'cuda' without the CUDA provider throws PROVIDER_UNAVAILABLE saying how to install it", async () => {
    await expect(createSession(fixtureModel('bert-tiny'), { device: 'cuda' })).rejects.toThrow(
      expect.objectContaining({
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('ONNXRUNTIME_NODE_INSTALL=cuda12'),
      }),
    );
  });

  it("device 'auto' falls back to CPU, logs once which provider runs and still computes", async () => {
    const lines: string[] = [];
    const log = (m: string): void => void lines.push(m);
    const a = await createSession(fixtureModel('bert-tiny-cls'), { device: 'auto', log });
    const b = await createSession(fixtureModel('bert-tiny-cls'), { device: 'auto', log });
    expect([a.provider, b.provider]).toEqual(['cpu', 'cpu']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/running on CPU.*ONNXRUNTIME_NODE_INSTALL=cuda12/);
    const c = refCase('bert_singles');
    const out = await a.run({
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      token_type_ids: int64(c.token_type_ids),
    });
    expect(maxAbsDiff(out['logits']!.data as Float32Array, c.logits.data)).toBeLessThan(TOL);
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it("onnxruntime's names work as the deprecated ones do: executionProviders, intraOpNumThreads, interOpNumThreads", async () => {
    await expect(
      createSession(fixtureModel('bert-tiny'), { executionProviders: ['cuda'] }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('ONNXRUNTIME_NODE_INSTALL=cuda12'),
      }),
    );
    const lines: string[] = [];
    const log = (m: string): void => void lines.push(m);
    const c = refCase('bert_singles');
    const feeds = {
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      token_type_ids: int64(c.token_type_ids),
    };
    const current = await createSession(fixtureModel('bert-tiny-cls'), {
      executionProviders: ['cuda', 'cpu'],
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      log,
    });
    const deprecated = await createSession(fixtureModel('bert-tiny-cls'), {
      device: 'auto',
      intraOpThreads: 1,
      interOpThreads: 1,
    });
    expect([current.provider, deprecated.provider]).toEqual(['cpu', 'cpu']);
    expect(lines).toEqual([expect.stringMatching(/running on CPU/)]);
    const [a, b] = await Promise.all([current.run(feeds), deprecated.run(feeds)]);
    expect(a['logits']!.data).toEqual(b['logits']!.data);
    await expect(
      createSession(fixtureModel('bert-tiny'), { executionProviders: ['gpu' as 'cpu'] }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_OPTION',
        message: expect.stringContaining('executionProviders'),
      }),
    );
    await Promise.all([current.dispose(), deprecated.dispose()]);
  });

  it('ignores feeds the model does not declare and returns the PyTorch logits', async () => {
    const model = await createSession(fixtureModel('bert-tiny-cls'));
    const c = refCase('bert_singles');
    const out = await model.run({
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      token_type_ids: int64(c.token_type_ids),
      position_ids: int64(c.input_ids),
    });
    expect(Object.keys(out)).toEqual(['logits']);
    expect(maxAbsDiff(out['logits']!.data as Float32Array, c.logits.data)).toBeLessThan(TOL);
    await model.dispose();
  });

  it('throws MISSING_INPUT listing the model inputs when a feed is absent', async () => {
    const model = await createSession(fixtureModel('bert-tiny'));
    await expect(model.run({ input_ids: int64([[2, 3]]) })).rejects.toThrow(
      expect.objectContaining({
        code: 'MISSING_INPUT',
        message: expect.stringContaining('input_ids, attention_mask, token_type_ids'),
      }),
    );
    await model.dispose();
  });

  it('throws DISPOSED after dispose and RUN_FAILED with the shapes for a bad tensor', async () => {
    const model = await createSession(fixtureModel('bert-tiny'));
    const bad = {
      input_ids: int64([[2, 3]]),
      attention_mask: int64([[1, 1, 1]]),
      token_type_ids: int64([[0, 0]]),
    };
    await expect(model.run(bad)).rejects.toThrow(
      expect.objectContaining({
        code: 'RUN_FAILED',
        message: expect.stringContaining('attention_mask [1, 3]'),
      }),
    );
    await model.dispose();
    await model.dispose();
    expect(model.disposed).toBe(true);
    await expect(model.run(bad)).rejects.toThrow(expect.objectContaining({ code: 'DISPOSED' }));
  });

  it('throws INVALID_CONFIG naming the JSON path of a malformed config', async () => {
    await expect(
      createSession(fixtureModel('bert-tiny'), { config: { id2label: { x: 'a' } } }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'INVALID_CONFIG',
        message: expect.stringContaining('id2label.x'),
      }),
    );
  });
});

describe('dispose', () => {
  it('creating, running and disposing sessions in a loop does not grow memory noticeably', async () => {
    const bytes = new Uint8Array(readFileSync(fixtureModel('gpt2-tiny')));
    const c = refCase('gpt2_right');
    const feeds = {
      input_ids: int64(c.input_ids),
      attention_mask: int64(c.attention_mask),
      position_ids: int64(c.position_ids),
    };
    const cycle = async (): Promise<void> => {
      const model = await createSession(bytes);
      await model.run(feeds);
      await model.dispose();
    };
    for (let i = 0; i < 10; i++) await cycle(); // warm up allocator arenas
    global.gc?.();
    const before = process.memoryUsage().rss;
    for (let i = 0; i < 40; i++) await cycle();
    global.gc?.();
    const growth = process.memoryUsage().rss - before;
    // Measured with raw onnxruntime-node: 40 sessions kept alive grow RSS by ~50 MiB, released ones by ~0.
    expect(growth).toBeLessThan(24 * 2 ** 20);
  }, 60_000);
});
