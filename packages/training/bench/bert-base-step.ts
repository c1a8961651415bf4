/**
 * Benchmark: training steps (forward + backward + AdamW) of a BERT sequence classifier, @nlpft/training
 * (OnnxTrainable + Trainer, onnxruntime-node CPU) vs PyTorch CPU, same weights, same batch, same threads, in one
 * run. Each side runs in its own process, one at a time (peak RSS is that process's VmHWM), alternating for
 * `ROUNDS` rounds; medians and ratios are printed as a Markdown table.
 *
 *   cd packages/training && npx tsx bench/bert-base-step.ts          (bert-base: 12 layers, hidden 768)
 *   SIZE=mid npx tsx bench/bert-base-step.ts                           (4 layers, hidden 256: quick)
 *   SIZE=bert-large STEPS=2 ROUNDS=1 npx tsx bench/bert-base-step.ts    (24 layers, hidden 1024: what fits in 16 GB)
 *   CHECKPOINT=1 …   both sides recompute each layer's activations in backward (gradient checkpointing)
 *   env: THREADS=2 STEPS=3 ROUNDS=2 PYTHON=/usr/bin/python3
 * The nlpft side trains the built package: `npx -y pnpm@12.4.2 build` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import type { BenchConfig, MemorySample } from './bert-bench-data';

const sizes = {
  'bert-base': { hidden: 768, layers: 12, heads: 12, inter: 3072 },
  'bert-large': { hidden: 1024, layers: 24, heads: 16, inter: 4096 },
  mid: { hidden: 256, layers: 4, heads: 4, inter: 1024 },
};
const size = (process.env['SIZE'] ?? 'bert-base') as keyof typeof sizes;
const cfg: BenchConfig = {
  vocab: 30522,
  ...sizes[size],
  batch: 8,
  seq: 128,
  labels: 2,
  threads: Number(process.env['THREADS'] ?? 2),
  steps: Number(process.env['STEPS'] ?? 3),
  checkpoint: process.env['CHECKPOINT'] === '1',
};
const rounds = Number(process.env['ROUNDS'] ?? 2);
const python = process.env['PYTHON'] ?? '/usr/bin/python3';

interface SideResult {
  side: string;
  parameterCount: number;
  setupSeconds: number;
  afterSetup: { rss: number };
  steps: { wall: number; cpu: number; memory: Pick<MemorySample, 'rss' | 'hwm'> }[];
  phases: { grads: number[]; update: number[]; losses: number[] };
  peak: number;
  gflops?: number;
  torch?: string;
  error?: string;
}

/**
 * The worker as plain JavaScript beside this file (so `@nlpft/training` resolves to the built package): run under a
 * TypeScript loader its process would also hold the loader (about 60 MB of RSS), which no application has.
 */
function transpileWorker(): { path: string; remove: () => void } {
  const out = mkdtempSync(join(import.meta.dirname, '.worker-'));
  for (const name of ['bert-step-worker', 'bert-bench-data']) {
    const source = readFileSync(join(import.meta.dirname, `${name}.ts`), 'utf8');
    const js = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    writeFileSync(
      join(out, `${name}.mjs`),
      js.replaceAll("'./bert-bench-data'", "'./bert-bench-data.mjs'"),
    );
  }
  return {
    path: join(out, 'bert-step-worker.mjs'),
    remove: () => rmSync(out, { recursive: true, force: true }),
  };
}

const threadEnv = {
  ...process.env,
  OMP_NUM_THREADS: String(cfg.threads),
  OPENBLAS_NUM_THREADS: String(cfg.threads),
  MKL_NUM_THREADS: String(cfg.threads),
  CONFIG: JSON.stringify(cfg),
};

function run(command: string, args: string[]): SideResult {
  const r = spawnSync(command, args, { encoding: 'utf8', env: threadEnv, maxBuffer: 1 << 26 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (!line.startsWith('{'))
    throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr.slice(-800)}`);
  return JSON.parse(line) as SideResult;
}

const dir = mkdtempSync(join(tmpdir(), 'nlpft-bert-bench-'));
const worker = transpileWorker();

const load0 = loadavg();
const ours: SideResult[] = [];
const theirs: SideResult[] = [];
try {
  for (let round = 0; round < rounds; round++) {
    // Round 0 also writes the initial weights and the batch for the PyTorch side.
    ours.push(run(process.execPath, [worker.path, ...(round === 0 ? [dir] : [])]));
    if (!existsSync(python)) continue;
    const t = run(python, [
      join(import.meta.dirname, 'torch_bert_classifier.py'),
      dir,
      JSON.stringify(cfg),
    ]);
    if (t.error !== undefined) {
      console.log(`PyTorch side refused: ${t.error}; no ratio`);
      break;
    }
    theirs.push(t);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
  worker.remove();
}
const load1 = loadavg();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** Per-run values of a metric, its median over runs. */
const over = (rs: SideResult[], f: (r: SideResult) => number) => median(rs.map(f));
const later = (r: SideResult) => r.steps.slice(1);
const metrics: [string, (r: SideResult) => number, string][] = [
  ['peak RSS (VmHWM)', (r) => r.peak, 'MB'],
  ['RSS after set-up', (r) => r.afterSetup.rss, 'MB'],
  ...r3('RSS after step', (r, k) => r.steps[k]?.memory.rss ?? NaN, 'MB'),
  ['set-up (build / load, create)', (r) => r.setupSeconds, 's'],
  ['first step (wall)', (r) => r.steps[0]!.wall, 's'],
  ['first step: forward + backward (wall)', (r) => r.phases.grads[0]!, 's'],
  ['first step: AdamW update (wall)', (r) => r.phases.update[0]!, 's'],
  ['later steps (wall, median)', (r) => median(later(r).map((s) => s.wall)), 's'],
  ['later steps (CPU, median)', (r) => median(later(r).map((s) => s.cpu)), 's'],
  ['forward + backward (later, wall)', (r) => median(r.phases.grads.slice(1)), 's'],
  ['AdamW update (later, wall)', (r) => median(r.phases.update.slice(1)), 's'],
];
function r3(
  label: string,
  f: (r: SideResult, k: number) => number,
  unit: string,
): [string, (r: SideResult) => number, string][] {
  return Array.from({ length: cfg.steps }, (_, k) => [`${label} ${k + 1}`, (r) => f(r, k), unit]);
}
const fmt = (v: number, unit: string) =>
  unit === 'MB' ? `${v.toFixed(0)} MB` : `${v.toFixed(2)} s`;

const p = ours[0]!;
console.log(
  `${size}${cfg.checkpoint ? ' with gradient checkpointing' : ''}: ${cfg.layers} layers, hidden ${cfg.hidden}, ${(p.parameterCount / 1e6).toFixed(1)}M parameters, batch ${cfg.batch} × seq ${cfg.seq}, ${cfg.threads} threads, ${cfg.steps} steps × ${rounds} rounds per side (medians over rounds)`,
);
const t = theirs[0];
if (t !== undefined)
  console.log(
    `PyTorch ${t.torch} sgemm ${over(theirs, (r) => r.gflops ?? NaN).toFixed(0)} GFLOP/s; step-1 loss nlpft ${p.phases.losses[0]!.toFixed(6)} vs PyTorch ${t.phases.losses[0]!.toFixed(6)}`,
  );
console.log(
  `load average before ${load0.map((x) => x.toFixed(2)).join(' ')}, after ${load1.map((x) => x.toFixed(2)).join(' ')}\n`,
);
console.log('| metric | nlpft | PyTorch | ratio (nlpft / PyTorch) |\n| --- | --- | --- | --- |');
for (const [label, f, unit] of metrics) {
  const a = over(ours, f);
  const b = theirs.length > 0 ? over(theirs, f) : NaN;
  console.log(
    `| ${label} | ${fmt(a, unit)} | ${Number.isNaN(b) ? '—' : fmt(b, unit)} | ${Number.isNaN(b) ? '—' : (a / b).toFixed(2)} |`,
  );
}
