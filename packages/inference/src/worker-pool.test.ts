import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SequenceClassifier } from './sequence-classifier';
import { TextGenerator } from './text-generator';
import {
  fixtureModel,
  fullVocabTokenizer,
  int64,
  maxAbsDiff,
  refCase,
  wordTokenizer,
} from './test-fixtures';
import { createWorkerPool } from './worker-pool';
import type { WorkerPool } from './worker-pool';
import type { TensorMap } from './types';

let pool: WorkerPool;
beforeAll(async () => {
  pool = await createWorkerPool(fixtureModel('gpt2-tiny-with-past'), { size: 2 });
});
afterAll(async () => {
  await pool.dispose();
});

function bigBatch(): TensorMap {
  const rows = Array.from({ length: 16 }, (_, r) =>
    Array.from({ length: 64 }, (_, j) => 5 + ((r * 7 + j) % 150)),
  );
  const empty = { type: 'float32' as const, data: new Float32Array(0), dims: [16, 4, 0, 8] };
  return {
    input_ids: int64(rows),
    attention_mask: int64(rows.map((r) => r.map(() => 1))),
    position_ids: int64(rows.map((r) => r.map((_, j) => j))),
    'past_key_values.0.key': empty,
    'past_key_values.0.value': empty,
    'past_key_values.1.key': empty,
    'past_key_values.1.value': empty,
  };
}

describe('createWorkerPool', () => {
  it('runs the same task API in worker threads: a classifier matches PyTorch', async () => {
    const cls = await createWorkerPool(fixtureModel('bert-tiny-cls'));
    expect(cls.config?.id2label?.[2]).toBe('positive');
    const c = refCase('bert_singles');
    const out = await new SequenceClassifier(cls, wordTokenizer('bert')).classify(c.texts, {
      batchSize: 2,
    });
    expect(
      maxAbsDiff(
        out.flatMap((r) => [...r.logits]),
        c.logits.data,
      ),
    ).toBeLessThan(1e-4);
    await cls.dispose();
  });

  it('generates with the KV cache through the pool, equal to PyTorch greedy', async () => {
    const g = refCase('gpt2_greedy').generations[2]!;
    const gen = new TextGenerator(pool, fullVocabTokenizer());
    expect(gen.hasCache).toBe(true);
    const r = await gen.generateIds(g.prompt_ids, { maxNewTokens: 12, stopTokenIds: [] });
    expect(r.ids).toEqual(g.greedy_ids);
  });

  it('keeps the event loop free while a run is in flight', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await Promise.all([pool.run(bigBatch()), pool.run(bigBatch())]);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('cancels a queued run with CANCELLED and still finishes the others', async () => {
    const one = await createWorkerPool(fixtureModel('gpt2-tiny-with-past'));
    const controller = new AbortController();
    const a = one.run(bigBatch());
    const b = one.run(bigBatch(), { signal: controller.signal });
    const c = one.run(bigBatch());
    expect(one.queued).toBe(2);
    controller.abort();
    await expect(b).rejects.toThrow(
      expect.objectContaining({ code: 'CANCELLED', message: expect.stringContaining('queued') }),
    );
    expect(one.queued).toBe(1);
    expect((await a)['logits']?.dims).toEqual([16, 64, 1000]);
    expect((await c)['logits']?.dims).toEqual([16, 64, 1000]);
    await one.dispose();
  });

  it('refuses a run past maxQueue with QUEUE_FULL and rejects pending runs with DISPOSED', async () => {
    const one = await createWorkerPool(fixtureModel('gpt2-tiny-with-past'), { maxQueue: 1 });
    const a = one.run(bigBatch());
    const b = one.run(bigBatch());
    await expect(one.run(bigBatch())).rejects.toThrow(
      expect.objectContaining({
        code: 'QUEUE_FULL',
        message: expect.stringContaining('maxQueue 1'),
      }),
    );
    const done = one.dispose();
    await expect(a).rejects.toThrow(expect.objectContaining({ code: 'DISPOSED' }));
    await expect(b).rejects.toThrow(expect.objectContaining({ code: 'DISPOSED' }));
    await done;
    await expect(one.run(bigBatch())).rejects.toThrow(
      expect.objectContaining({ code: 'DISPOSED' }),
    );
  });

  it('throws MISSING_INPUT listing the model inputs', async () => {
    await expect(pool.run({ input_ids: int64([[5]]) })).rejects.toThrow(
      expect.objectContaining({
        code: 'MISSING_INPUT',
        message: expect.stringContaining('past_key_values.1.value'),
      }),
    );
  });

  it("device 'cuda' gives PROVIDER_UNAVAILABLE and 'auto' falls back to CPU in workers too", async () => {
    await expect(createWorkerPool(fixtureModel('bert-tiny'), { device: 'cuda' })).rejects.toThrow(
      expect.objectContaining({
        code: 'PROVIDER_UNAVAILABLE',
        message: expect.stringContaining('ONNXRUNTIME_NODE_INSTALL=cuda12'),
      }),
    );
    const lines: string[] = [];
    const auto = await createWorkerPool(fixtureModel('bert-tiny'), {
      device: 'auto',
      log: (m) => void lines.push(m),
    });
    expect(auto.provider).toBe('cpu');
    expect(lines).toEqual([expect.stringContaining('running on CPU')]);
    await auto.dispose();
  });

  it("executionProviders ['cuda'] and ['cuda', 'cpu'] behave like device 'cuda' and 'auto' in workers", async () => {
    await expect(
      createWorkerPool(fixtureModel('bert-tiny'), { executionProviders: ['cuda'] }),
    ).rejects.toThrow(expect.objectContaining({ code: 'PROVIDER_UNAVAILABLE' }));
    const lines: string[] = [];
    const pool = await createWorkerPool(fixtureModel('bert-tiny'), {
      executionProviders: ['cuda', 'cpu'],
      intraOpNumThreads: 1,
      log: (m) => void lines.push(m),
    });
    expect(pool.provider).toBe('cpu');
    expect(lines).toEqual([expect.stringContaining('running on CPU')]);
    await pool.dispose();
  });

  it('throws WORKER_FAILED when a worker thread dies (here: over its V8 heap limit while starting)', async () => {
    await expect(
      createWorkerPool(fixtureModel('bert-tiny'), {
        resourceLimits: { maxOldGenerationSizeMb: 1, maxYoungGenerationSizeMb: 1 },
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'WORKER_FAILED',
        message: expect.stringContaining('failed to start'),
      }),
    );
  });

  it('throws MODEL_NOT_FOUND and INVALID_OPTION', async () => {
    await expect(createWorkerPool('/nope.onnx')).rejects.toThrow(
      expect.objectContaining({ code: 'MODEL_NOT_FOUND' }),
    );
    await expect(createWorkerPool(fixtureModel('bert-tiny'), { size: 0 })).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_OPTION' }),
    );
  });
});
