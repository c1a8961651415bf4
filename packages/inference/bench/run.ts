// Benchmark of @nlpft/inference's SequenceClassifier against raw onnxruntime-node session.run and transformers.js,
// in one process, on the same texts and the same ONNX file.
//
//   npx tsx bench/run.ts            (from packages/inference; BENCH_QUICK=1 for a short smoke run,
//                                    BENCH_NO_TJS=1 without transformers.js, BENCH_GC=major or BENCH_GC=full to
//                                    force that garbage collection before every timed call)
//
// Model: a 2-layer, hidden-128 BERT classifier (2 heads, intermediate 512, 30522-token embedding table, 2 labels)
// built with seeded random weights by @nlpft/onnx's builder, with the real bert-base-uncased tokenizer.json. It is
// written to a temporary folder laid out as transformers.js expects (config.json, tokenizer.json,
// tokenizer_config.json, onnx/model.onnx) and loaded from there by all three.
//
// Measured per batch size (1 and 32, every text exactly 128 tokens, so no padding anywhere), each arm on the same
// texts, one call per arm per round:
//   tokenize  `texts.map((t) => tokenizer.encode(t))` with @nlpft/tokenizers: the exact encode calls ours makes
//   raw       `session.run(feeds)` on int64 ort.Tensors built once before timing, on the same native session as ours
//             (opened with the options createSession uses by default: all graph optimizations, spinning off)
//   ours      `SequenceClassifier.classify(texts)` end to end: tokenize, length checks, batching, int64 tensors,
//             session.run, softmax, labels
//   tjs       transformers.js text-classification pipeline (env.allowRemoteModels = false), same session options
// The goal compares ours with raw + tokenize. Rounds interleave the arms in rotating order so machine load hits them
// alike; each is reported as the median and minimum over rounds, plus the median over rounds of the per-round ratio
// (ours and raw + tokenize from the same round, so a slow stretch of the machine cancels out).
// Then the spin-wait switch: raw session.run with allow_spinning 1 vs 0, wall and CPU time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildBert, addClassificationHead, graphToModel, writeModelFile } from '@nlpft/onnx';
import { readFixtureTokenizer } from '@nlpft/test-utils';
import { Tokenizer } from '@nlpft/tokenizers';
import * as ort from 'onnxruntime-node';
import { configBeside, InferenceModel } from '../src/create-session';
import { ortSessionOptions } from '../src/session-options';
import { SequenceClassifier } from '../src/index';

const quick = process.env['BENCH_QUICK'] === '1';
// No forced garbage collection by default: calls run back to back, as on a busy server, and each arm's garbage is
// collected by the scavenges its own allocation triggers (they cost in proportion to what survives, not to garbage).
// A forced collection before each call (BENCH_GC) leaves caches cold and V8's sweeper threads busy on this 2-core
// machine, which slows whatever runs next: measured at batch 1 after gc({ type: 'major' }), raw session.run went
// from 0.90 to 1.12 ms by median and JavaScript ran 2-3x slower; after V8's memory-reducing argument-less gc()
// (this bench's default until 2026-11-26), tokenizing a batch of 32 went from about 1 ms to 2-8 ms. That penalty
// charges each arm by its amount of JavaScript rather than by its cost on a running server, so it is opt-in.
const gcMode = process.env['BENCH_GC'] ?? 'none';
if (!['none', 'major', 'full'].includes(gcMode))
  throw new Error(`BENCH_GC must be none, major or full, got ${gcMode}`);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as (options?: { type: 'major' | 'minor' }) => void;
const collect = (): void => (gcMode === 'full' ? gc() : gc({ type: 'major' }));
const SEQ = 128;
const SESSION_EXTRA = {
  extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
};

function buildModelFolder(): { root: string; name: string; dir: string } {
  const root = mkdtempSync(join(tmpdir(), 'nlpft-inference-bench-'));
  const name = 'bert-h128-l2';
  const dir = join(root, name);
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const encoder = buildBert(
    { vocabSize: 30522, hidden: 128, layers: 2, heads: 2, intermediate: 512, maxPositions: 512 },
    { seed: 1 },
  );
  writeModelFile(
    join(dir, 'onnx', 'model.onnx'),
    graphToModel(addClassificationHead(encoder, { numLabels: 2, seed: 2 })),
  );
  const labels = {
    id2label: { 0: 'NEGATIVE', 1: 'POSITIVE' },
    label2id: { NEGATIVE: 0, POSITIVE: 1 },
  };
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      model_type: 'bert',
      architectures: ['BertForSequenceClassification'],
      vocab_size: 30522,
      hidden_size: 128,
      num_hidden_layers: 2,
      num_attention_heads: 2,
      intermediate_size: 512,
      max_position_embeddings: 512,
      type_vocab_size: 2,
      pad_token_id: 0,
      ...labels,
    }),
  );
  writeFileSync(join(dir, 'tokenizer.json'), readFixtureTokenizer('bert-base-uncased'));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );
  return { root, name, dir };
}

/** Deterministic English-ish texts, each trimmed to exactly `SEQ` tokens with special tokens. */
function makeTexts(tok: Tokenizer, n: number): string[] {
  const words = (
    'the movie was a quiet delight with strong performances and a story that kept surprising me although ' +
    'the second half dragged and some jokes fell flat the soundtrack carried scenes the script could not ' +
    'critics praised direction while audiences argued about the ending for weeks afterwards'
  ).split(' ');
  const texts: string[] = [];
  for (let t = 0; t < n; t++) {
    const pick: string[] = [];
    for (let i = 0; i < 200; i++)
      pick.push(words[(i * 7 + t * 13 + ((i * t) % 5)) % words.length] as string);
    let lo = 1;
    let hi = pick.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tok.encode(pick.slice(0, mid).join(' ')).ids.length <= SEQ) lo = mid;
      else hi = mid - 1;
    }
    const text = pick.slice(0, lo).join(' ');
    if (tok.encode(text).ids.length !== SEQ) throw new Error(`text ${t} is not ${SEQ} tokens`);
    texts.push(text);
  }
  return texts;
}

const load = (): string =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1] as number;
};

async function timeIt(fn: () => unknown): Promise<number> {
  if (gcMode !== 'none') collect();
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const { root, name, dir } = buildModelFolder();
  const modelPath = join(dir, 'onnx', 'model.onnx');
  const tok = Tokenizer.fromString(readFixtureTokenizer('bert-base-uncased'));
  const all = makeTexts(tok, 32);

  // Raw and ours run on one native session, opened with the options createSession uses by default (all graph
  // optimizations, spinning off), so the ratio compares our pipeline with bare session.run and no difference between
  // two sessions (their thread pools, their memory) can enter it. `createSession(modelPath)` builds the same
  // InferenceModel around a session of its own.
  const raw = await ort.InferenceSession.create(modelPath, ortSessionOptions({}, 'cpu', false));
  const ours = new InferenceModel(ort, raw, 'cpu', await configBeside(modelPath));
  const clf = new SequenceClassifier(ours, tok);
  const { env, pipeline } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.localModelPath = root;
  // transformers.js gets the same onnxruntime options as ours and raw (spinning off): with its default (spinning on)
  // its idle threads keep spinning after each call and slow down whatever runs next in this process.
  const tjs = await pipeline('text-classification', name, {
    dtype: 'fp32',
    session_options: SESSION_EXTRA,
  });

  const lines: string[] = [];
  const print = (s: string): void => {
    console.log(s);
    lines.push(s);
  };
  print(
    `forced GC before each timed call: ${gcMode}; node ${process.version}, onnxruntime-node ${ort.env.versions.node ?? '?'}, @huggingface/transformers 4.3.1, ${new Date().toISOString()}`,
  );
  for (const batch of [1, 32]) {
    const texts = all.slice(0, batch);
    const encs = texts.map((t) => tok.encode(t));
    const feeds = {
      input_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from(
          encs.flatMap((e) => e.ids),
          BigInt,
        ),
        [batch, SEQ],
      ),
      attention_mask: new ort.Tensor(
        'int64',
        BigInt64Array.from(
          encs.flatMap((e) => e.attentionMask),
          BigInt,
        ),
        [batch, SEQ],
      ),
      token_type_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from(
          encs.flatMap((e) => e.typeIds),
          BigInt,
        ),
        [batch, SEQ],
      ),
    };
    // Same answers first: our logits equal the raw session's, and transformers.js picks the same labels.
    const rawLogits = (await raw.run(feeds))['logits']?.data as Float32Array;
    const ourResults = await clf.classify(texts, { batchSize: 32 });
    const maxDiff = Math.max(
      ...ourResults.flatMap((r, i) =>
        [...r.logits].map((v, k) => Math.abs(v - (rawLogits[i * 2 + k] as number))),
      ),
    );
    if (maxDiff > 1e-5) throw new Error(`our logits differ from raw session.run by ${maxDiff}`);
    const tjsOut = (await tjs(texts, { top_k: 1 })) as unknown as (
      { label: string } | { label: string }[]
    )[];
    const tjsLabels = tjsOut.map((o) => (Array.isArray(o) ? o[0]?.label : o.label));
    const agree = tjsLabels.filter((l, i) => l === ourResults[i]?.label).length;

    // Enough rounds for stable medians on a shared 2-core machine, after warm-up calls that let V8 optimize every arm.
    const rounds = quick ? 3 : batch === 1 ? 300 : 100;
    for (let w = 0; w < (quick ? 2 : 10); w++) {
      texts.map((x) => tok.encode(x));
      await raw.run(feeds);
      await clf.classify(texts, { batchSize: 32 });
      await tjs(texts);
    }
    const t = {
      tokenize: [] as number[],
      raw: [] as number[],
      ours: [] as number[],
      tjs: [] as number[],
    };
    const steps: [keyof typeof t, () => unknown][] = [
      ['tokenize', () => texts.map((x) => tok.encode(x))],
      ['raw', () => raw.run(feeds)],
      ['ours', () => clf.classify(texts, { batchSize: 32 })],
      ['tjs', () => tjs(texts)],
    ].filter(([k]) => !(k === 'tjs' && process.env['BENCH_NO_TJS'] === '1')) as [
      keyof typeof t,
      () => unknown,
    ][];
    const loadBefore = load();
    for (let r = 0; r < rounds; r++) {
      // Rotate the order each round so a burst of load from other processes does not always hit the same one.
      for (let k = 0; k < steps.length; k++) {
        const [key, fn] = steps[(k + r) % steps.length] as (typeof steps)[number];
        t[key].push(await timeIt(fn));
      }
    }
    print(`batch ${batch}: load average (1, 5, 15 min) ${loadBefore} before, ${load()} after`);
    for (const [stat, f] of [
      ['median', median],
      ['min', (xs: number[]) => Math.min(...xs)],
    ] as const) {
      const m = {
        tokenize: f(t.tokenize),
        raw: f(t.raw),
        ours: f(t.ours),
        tjs: t.tjs.length > 0 ? f(t.tjs) : NaN,
      };
      const base = m.raw + m.tokenize;
      print(
        `batch ${String(batch).padStart(2)} × seq ${SEQ}, ${stat} of ${rounds}: tokenize ${m.tokenize.toFixed(2)} ms, raw session.run ` +
          `${m.raw.toFixed(2)} ms, ours ${m.ours.toFixed(2)} ms, transformers.js ${m.tjs.toFixed(2)} ms | ours / (raw + tokenize) ` +
          `${(m.ours / base).toFixed(3)}×, transformers.js / (raw + tokenize) ${(m.tjs / base).toFixed(3)}×, transformers.js / raw ` +
          `${(m.tjs / m.raw).toFixed(2)}×, transformers.js / ours ${(m.tjs / m.ours).toFixed(2)}×`,
      );
    }
    const paired = (arm: number[]): number =>
      median(arm.map((x, r) => x / ((t.raw[r] as number) + (t.tokenize[r] as number))));
    print(
      `batch ${String(batch).padStart(2)} × seq ${SEQ}, per-round ratio, median of ${rounds}: ours / (raw + tokenize) ` +
        `${paired(t.ours).toFixed(3)}×, transformers.js / (raw + tokenize) ${t.tjs.length > 0 ? paired(t.tjs).toFixed(3) : 'NaN'}×`,
    );
    print(
      `  labels agree with transformers.js ${agree}/${batch}; max |Δlogit| ours vs raw ${maxDiff.toExponential(1)}`,
    );
  }

  // Spin-wait: raw session.run with spinning on and off, wall and process CPU time, batch 1.
  const encs = all.slice(0, 1).map((x) => tok.encode(x));
  const feeds1 = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(encs[0]?.ids ?? [], BigInt), [1, SEQ]),
    attention_mask: new ort.Tensor(
      'int64',
      BigInt64Array.from(encs[0]?.attentionMask ?? [], BigInt),
      [1, SEQ],
    ),
    token_type_ids: new ort.Tensor('int64', BigInt64Array.from(encs[0]?.typeIds ?? [], BigInt), [
      1,
      SEQ,
    ]),
  };
  const spinSessions = await Promise.all(
    ['1', '0'].map((spin) =>
      ort.InferenceSession.create(modelPath, {
        extra: {
          session: { intra_op: { allow_spinning: spin }, inter_op: { allow_spinning: spin } },
        },
      }),
    ),
  );
  const spinRuns = quick ? 20 : 200;
  const spin = { wall: [[], []] as number[][], cpu: [[], []] as number[][] };
  for (let r = 0; r < 5; r++) {
    for (const [k, s] of spinSessions.entries()) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      for (let i = 0; i < spinRuns / 5; i++) await s.run(feeds1);
      const c = process.cpuUsage(c0);
      spin.wall[k]?.push((performance.now() - t0) / (spinRuns / 5));
      spin.cpu[k]?.push((c.user + c.system) / 1000 / (spinRuns / 5));
    }
  }
  const [wOn, wOff] = spin.wall.map(median) as [number, number];
  const [cOn, cOff] = spin.cpu.map(median) as [number, number];
  print(
    `spin-wait, batch 1 raw session.run: spinning on ${wOn.toFixed(2)} ms wall / ${cOn.toFixed(2)} ms CPU, ` +
      `off ${wOff.toFixed(2)} ms wall / ${cOff.toFixed(2)} ms CPU (off/on: wall ${(wOff / wOn).toFixed(2)}×, CPU ${(cOff / cOn).toFixed(2)}×)`,
  );

  await Promise.all([ours.dispose(), tjs.dispose(), ...spinSessions.map((s) => s.release())]);
  rmSync(root, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
