/**
 * Benchmark: one forward + backward step of a BERT masked LM (2 layers, hidden 128, 4 heads, seq 128, batch 16,
 * vocab 30,522, decoder tied to the word embeddings) through createGradientSession vs PyTorch CPU, same threads,
 * in one run. Also the step time with the bottom frozen (only the top layer and the decoder bias trained).
 *
 *   npx tsx bench/run.ts            (THREADS=2 STEPS=3 by default; PyTorch from /usr/bin/python3 if present)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { addSoftmaxCrossEntropyLoss, buildBert, createGradientSession } from '../src/index';
import type { BatchTensor, Graph } from '../src/index';

const THREADS = Number(process.env['THREADS'] ?? 2);
const STEPS = Number(process.env['STEPS'] ?? 3);
const cfg = {
  vocab: 30522,
  hidden: 128,
  layers: 2,
  heads: 4,
  inter: 512,
  batch: 16,
  seq: 128,
  threads: THREADS,
  steps: STEPS,
};

function model(): Graph {
  const graph = buildBert(
    {
      vocabSize: cfg.vocab,
      hidden: cfg.hidden,
      layers: cfg.layers,
      heads: cfg.heads,
      intermediate: cfg.inter,
      maxPositions: 512,
      hiddenDropout: 0,
      attentionDropout: 0,
    },
    { seed: 0 },
  );
  // Masked-LM decoder tied to the word embeddings: logits = h · Eᵀ + b.
  const table = [...graph.initializers.keys()].find((k) => k.endsWith('word_embeddings.weight'))!;
  graph.addInitializer({
    name: 'decoder.bias',
    type: 'float32',
    dims: [cfg.vocab],
    data: new Float32Array(cfg.vocab),
  });
  graph.addNode('Transpose', [table], ['decoder.weight_t'], {
    perm: { type: 'ints', value: [1, 0] },
  });
  graph.addNode('MatMul', ['last_hidden_state', 'decoder.weight_t'], ['scores']);
  graph.addNode('Add', ['scores', 'decoder.bias'], ['logits']);
  addSoftmaxCrossEntropyLoss(graph, 'logits');
  return graph;
}

function batch(): Record<string, BatchTensor> {
  let s = 12345;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const n = cfg.batch * cfg.seq;
  const ids = BigInt64Array.from({ length: n }, () => BigInt(Math.floor(rand() * cfg.vocab)));
  const labels = ids.map((id) => (rand() < 0.15 ? id : -100n));
  const dims = [cfg.batch, cfg.seq];
  return {
    input_ids: { data: ids, dims },
    attention_mask: { data: new BigInt64Array(n).fill(1n), dims },
    token_type_ids: { data: new BigInt64Array(n), dims },
    labels: { data: labels, dims },
  };
}

/** Wall and CPU (user + system, all threads) seconds of each timed step. */
async function time(
  trainable: (name: string) => boolean,
): Promise<{ wall: number[]; cpu: number[] }> {
  const graph = model();
  const runner = await createGradientSession(graph, { trainable, intraOpNumThreads: THREADS });
  const feeds = batch();
  const inputs = new Set(runner.batchInputs.map((b) => b.name));
  const used = Object.fromEntries(Object.entries(feeds).filter(([k]) => inputs.has(k)));
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= STEPS; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    await runner.step(used);
    const c = process.cpuUsage(c0);
    if (i > 0) {
      wall.push((performance.now() - t0) / 1000);
      cpu.push((c.user + c.system) / 1e6);
    }
  }
  await runner.dispose();
  return { wall, cpu };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const top = `encoder.layer.${cfg.layers - 1}.`;
const ours = await time(() => true);
const oursFrozen = await time((n) => n.startsWith(top) || n === 'decoder.bias');
const fmt = (t: { wall: number[]; cpu: number[] }) =>
  `${median(t.wall).toFixed(3)} s/step (CPU ${median(t.cpu).toFixed(3)} s)`;
console.log(
  `nlpft (onnxruntime-node CPU, ${THREADS} threads): full ${fmt(ours)}, frozen bottom ${fmt(oursFrozen)}`,
);

const python = '/usr/bin/python3';
const script = join(import.meta.dirname, 'torch_bert.py');
if (existsSync(python)) {
  const res = spawnSync(python, [script, JSON.stringify(cfg)], {
    encoding: 'utf8',
    env: {
      ...process.env,
      OMP_NUM_THREADS: String(THREADS),
      OPENBLAS_NUM_THREADS: String(THREADS),
      MKL_NUM_THREADS: String(THREADS),
    },
  });
  const line = res.stdout.trim().split('\n').pop() ?? '';
  if (res.status === 0 && line.startsWith('{')) {
    const torch = JSON.parse(line) as {
      full: number[];
      frozen: number[];
      fullCpu: number[];
      frozenCpu: number[];
      torch: string;
    };
    const full = { wall: torch.full, cpu: torch.fullCpu };
    const frozen = { wall: torch.frozen, cpu: torch.frozenCpu };
    console.log(
      `PyTorch ${torch.torch} CPU (${THREADS} threads): full ${fmt(full)}, frozen bottom ${fmt(frozen)}`,
    );
    const ratio = (a: number[], b: number[]) => (median(a) / median(b)).toFixed(2);
    console.log(
      `ratio nlpft / PyTorch (wall): full ${ratio(ours.wall, full.wall)}x, frozen ${ratio(oursFrozen.wall, frozen.wall)}x`,
    );
    console.log(
      `ratio nlpft / PyTorch (CPU time, less sensitive to other load): full ${ratio(ours.cpu, full.cpu)}x, frozen ${ratio(oursFrozen.cpu, frozen.cpu)}x`,
    );
  } else console.log(`PyTorch run failed (status ${res.status}): ${res.stderr.slice(-500)}`);
} else console.log('PyTorch not found at /usr/bin/python3: no ratio');
