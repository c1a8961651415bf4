// Optimizer step throughput: @nlpft/training AdamW vs torch.optim.AdamW (CPU, float32, single-tensor path) on
// the same parameter count, measured in one run. Run: cd packages/training && npx tsx bench/run.ts [millions]
import { spawnSync } from 'node:child_process';
import { AdamW, SeededRng, clipGradNorm } from '../src/index';

const million = Number(process.argv[2] ?? 10);
const n = Math.round(million * 1e6);
const sizes = [n - Math.floor(n / 4), Math.floor(n / 4)]; // two tensors, like a weight and an embedding
const rng = new SeededRng(0);
const params = Object.fromEntries(
  sizes.map((s, i) => [`p${i}`, Float32Array.from({ length: s }, () => rng.normal() * 0.02)]),
);
const grads = Object.fromEntries(
  sizes.map((s, i) => [`p${i}`, Float32Array.from({ length: s }, () => rng.normal() * 0.01)]),
);
const opt = new AdamW(params, { learningRate: 1e-3, weightDecay: 0.01 });
const time = (f: () => void, reps: number) => {
  f();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) f();
  return Number(process.hrtime.bigint() - t0) / 1e9 / reps;
};
const reps = 5;
const tsStep = time(() => opt.step(grads), reps);
const tsClip = time(() => clipGradNorm(grads, 1e9), reps);

const py = `
import time, json, torch
torch.manual_seed(0)
sizes = ${JSON.stringify(sizes)}
ps = [torch.nn.Parameter(torch.randn(s) * 0.02) for s in sizes]
for p in ps: p.grad = torch.randn(p.shape) * 0.01
opt = torch.optim.AdamW(ps, lr=1e-3, weight_decay=0.01, foreach=False)
def t(f, reps):
    f(); t0 = time.perf_counter()
    for _ in range(reps): f()
    return (time.perf_counter() - t0) / reps
step = t(opt.step, ${reps})
clip = t(lambda: torch.nn.utils.clip_grad_norm_(ps, 1e9), ${reps})
print(json.dumps({"step": step, "clip": clip, "torch": torch.__version__, "threads": torch.get_num_threads()}))
`;
const r = spawnSync('/usr/bin/python3', ['-c', py], { encoding: 'utf8' });
if (r.status !== 0) {
  console.log(
    `PyTorch run failed (${r.stderr.trim().split('\n').at(-1) ?? ''}); TS only: AdamW step ${(tsStep * 1e3).toFixed(1)} ms`,
  );
  process.exit(0);
}
const torch = JSON.parse(r.stdout) as {
  step: number;
  clip: number;
  torch: string;
  threads: number;
};
console.log(
  `${million}M float32 parameters, ${reps} reps, torch ${torch.torch} (${torch.threads} threads)`,
);
console.log(
  `| op | @nlpft/training | PyTorch | ratio (TS time / torch time) |\n| --- | --- | --- | --- |`,
);
console.log(
  `| AdamW step | ${(tsStep * 1e3).toFixed(1)} ms | ${(torch.step * 1e3).toFixed(1)} ms | ${(tsStep / torch.step).toFixed(2)} |`,
);
console.log(
  `| clip_grad_norm_ | ${(tsClip * 1e3).toFixed(1)} ms | ${(torch.clip * 1e3).toFixed(1)} ms | ${(tsClip / torch.clip).toFixed(2)} |`,
);
