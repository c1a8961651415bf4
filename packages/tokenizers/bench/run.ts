/**
 * Throughput benchmark, one process, one run, same texts for everyone: our `encode` (one call per line)
 * and `encodeBatch` vs the Hugging Face Rust binding (npm
 * `tokenizers`: one `encode` call per line, and one `encodeBatch`), vs tokenizers.js
 * (`@huggingface/tokenizers`) and, for GPT-2, vs js-tiktoken and gpt-tokenizer. Per model: the first
 * pass after loading (JIT cold) of the JavaScript encoders, then warm-up to NLPFT_BENCH_WARMUP (3) passes,
 * then NLPFT_BENCH_ROUNDS (3) rounds that time every implementation once, in turn; medians are reported.
 * Also measures loading a ~2 MB tokenizer.json (time and heap).
 *
 * Run: `pnpm bench` (`node --expose-gc --import tsx bench/run.ts`; the GC is used for memory figures).
 * NLPFT_BENCH_BYTES sets the corpus size (default 0.7 MB), NLPFT_BENCH_MODELS a comma list of models,
 * NLPFT_BENCH_SVG a path for a bar chart of the throughput table.
 */
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { Tokenizer } from '../src/index';
import type { HostInit, HostRequest } from './js-encoder-host';
import type { LoadTimes } from './load-host';
import { throughputSvg, writeThroughputSvg } from './throughput-svg';
import { benchCorpus } from '../src/parity-corpus.test-helper';
import { fixturePath } from '@nlpft/test-utils';
import type * as HfModule from 'tokenizers';
import type * as TiktokenModule from 'js-tiktoken';

const require = createRequire(import.meta.url);
const hf = require('tokenizers') as typeof HfModule;

const BYTES = Number(process.env.NLPFT_BENCH_BYTES ?? 700_000);
const MODELS = (
  process.env.NLPFT_BENCH_MODELS ??
  'bert-base-uncased,bert-base-multilingual-cased,gpt2,roberta-base,t5-small,phi-3-mini-4k-instruct,clip-vit-base-patch32,falcon-7b'
)
  .split(',')
  .filter((m) => m.length > 0);

const lines = benchCorpus(BYTES);
const mb = lines.reduce((a, l) => a + Buffer.byteLength(l), 0) / 1e6;

const ROUNDS = Number(process.env.NLPFT_BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.NLPFT_BENCH_WARMUP ?? 3);
const gc = (globalThis as { gc?: () => void }).gc;

/**
 * Seconds `fn` takes. No forced GC before it: measured, our encoder runs ~25% slower in the pass right
 * after a `gc()` (tokenizers.js ~3%), so forcing one would not be neutral; rounds and medians absorb the
 * collections that land inside a timing instead.
 */
async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const rate = (s: number): string => (mb / s).toFixed(2);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/** Bytes of the JS heap plus ArrayBuffer memory. */
function retained(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** One JavaScript encoder in its own worker thread (see js-encoder-host.ts); `time` runs one pass there. */
interface Host {
  time(request: HostRequest): Promise<number>;
  close(): Promise<number>;
}

/** A worker thread running one of the bench's TypeScript files: it registers tsx's loader, then imports it. */
function benchWorker(file: string, workerData: unknown): Worker {
  const api = pathToFileURL(require.resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = new URL(file, import.meta.url).href;
  return new Worker(
    `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true, workerData },
  );
}

/** The one message a fresh worker running `file` sends back. */
function inFreshIsolate<T>(file: string, workerData: unknown): Promise<T> {
  const worker = benchWorker(file, workerData);
  return new Promise<T>((resolve, reject) => {
    worker.once('message', (m: T) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function startHost(init: HostInit): Promise<Host> {
  const worker = benchWorker('./js-encoder-host.ts', init);
  const next = (): Promise<unknown> =>
    new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  await next();
  return {
    time: async (request) => {
      const reply = next();
      worker.postMessage(request);
      return (await reply) as number;
    },
    close: () => worker.terminate(),
  };
}

async function main(): Promise<void> {
  console.log(
    `corpus: ${lines.length} lines, ${mb.toFixed(2)} MB (sotu + moby-dick + spam-assassin + edge cases)`,
  );
  console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
  const rows: string[][] = [];
  const firstRows: string[][] = [];
  for (const model of MODELS) {
    const path = fixturePath('tokenizers', model, 'tokenizer.json');
    const text = readFileSync(path, 'utf8');
    const cfgPath = path.replace(/tokenizer\.json$/, 'tokenizer_config.json');
    const cfg: unknown = existsSync(cfgPath) ? JSON.parse(readFileSync(cfgPath, 'utf8')) : {};
    const rust = hf.Tokenizer.fromString(text);
    const ours = await startHost({ impl: 'ours', json: text, config: cfg, lines });
    const tjs = await startHost({ impl: 'tokenizers.js', json: text, config: cfg, lines });
    // encodeBatch keeps a batch of encodings alive; collecting them would land in the next timed pass,
    // so batches get a host of their own.
    const oursBatch = await startHost({ impl: 'ours', json: text, config: cfg, lines });
    // The first pass straight after loading (JIT cold, caches empty), for the two JavaScript encoders.
    const firstOurs = await ours.time('pass');
    const firstJs = await tjs.time('pass');
    const hasJs = !Number.isNaN(firstJs);
    firstRows.push([
      model,
      rate(firstOurs),
      hasJs ? rate(firstJs) : 'n/a',
      hasJs ? (firstJs / firstOurs).toFixed(2) + '×' : 'n/a',
    ]);
    // Warm-up to a steady state: NLPFT_BENCH_WARMUP passes in all for the JavaScript encoders (V8 keeps
    // optimising for several passes), one for the Rust binding (native code; it fills its cache).
    for (let k = 1; k < WARMUP; k++) {
      await ours.time('pass');
      await oursBatch.time('batch');
      await tjs.time('pass');
    }
    for (const l of lines) await rust.encode(l);

    // Rounds measure every implementation once each, in turn; the median of the rounds is reported.
    const runs: Record<string, number[]> = {};
    const record = (name: string, seconds: number): void => {
      (runs[name] ??= []).push(seconds);
    };
    for (let round = 0; round < ROUNDS; round++) {
      record('ours', await ours.time('pass'));
      record('oursBatch', await oursBatch.time('batch'));
      record(
        'rust',
        await time(async () => {
          for (const l of lines) await rust.encode(l);
        }),
      );
      record('rustBatch', await time(() => rust.encodeBatch(lines)));
      if (hasJs) record('tjs', await tjs.time('pass'));
    }
    await Promise.all([ours.close(), oursBatch.close(), tjs.close()]);
    const tOurs = median(runs.ours!);
    const tRustBatch = median(runs.rustBatch!);
    const tJs = hasJs ? median(runs.tjs!) : NaN;
    rows.push([
      model,
      rate(tOurs),
      rate(median(runs.oursBatch!)),
      rate(median(runs.rust!)),
      rate(tRustBatch),
      hasJs ? rate(tJs) : 'n/a',
      (tRustBatch / tOurs).toFixed(2) + '×',
      hasJs ? (tJs / tOurs).toFixed(2) + '×' : 'n/a',
    ]);
    console.log(rows[rows.length - 1]!.join('  '));
    if (model === 'gpt2') {
      const { getEncoding }: typeof TiktokenModule = await import('js-tiktoken');
      const tik = getEncoding('gpt2');
      const gt = (await import('gpt-tokenizer/encoding/r50k_base')) as unknown as {
        encode(t: string, o?: { allowedSpecial?: 'all' }): number[];
      };
      for (const l of lines) {
        tik.encode(l, 'all');
        gt.encode(l, { allowedSpecial: 'all' });
      }
      const tTik = await time(() => {
        for (const l of lines) tik.encode(l, 'all');
      });
      const tGt = await time(() => {
        for (const l of lines) gt.encode(l, { allowedSpecial: 'all' });
      });
      console.log(
        `  gpt2 peers: js-tiktoken ${rate(tTik)} MB/s (ours ${(tTik / tOurs).toFixed(2)}×), gpt-tokenizer ${rate(tGt)} MB/s (ours ${(tGt / tOurs).toFixed(2)}×)`,
      );
    }
  }
  console.log(
    '\n| model | ours encode | ours encodeBatch | Rust encode | Rust encodeBatch | tokenizers.js | ours / Rust batch | ours / tokenizers.js |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  const svgPath = process.env.NLPFT_BENCH_SVG;
  if (svgPath) {
    const series = ['ours encode', 'Rust encodeBatch (2 threads)', 'Rust encode', 'tokenizers.js'];
    const columns = [1, 4, 3, 5];
    const chart = rows.map((r) => ({ model: r[0]!, values: columns.map((c) => Number(r[c])) }));
    writeThroughputSvg(
      svgPath,
      throughputSvg(series, chart, 'Encoding throughput, MB/s (one call per line)'),
    );
    console.log(`chart: ${svgPath}`);
  }
  console.log('\n| model | ours, first pass | tokenizers.js, first pass | ours / tokenizers.js |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const r of firstRows) console.log(`| ${r.join(' | ')} |`);

  // Loading a ~2 MB tokenizer.json: first and repeated loads, each kind in a fresh isolate (median of 3
  // isolates); retained heap here, after a full GC (needs --expose-gc).
  for (const model of ['bert-base-multilingual-cased', 'clip-vit-base-patch32']) {
    const text = readFileSync(fixturePath('tokenizers', model, 'tokenizer.json'), 'utf8');
    const timesOf = async (what: 'ours' | 'JSON.parse'): Promise<LoadTimes> => {
      const runs: LoadTimes[] = [];
      for (let k = 0; k < 3; k++)
        runs.push(await inFreshIsolate<LoadTimes>('./load-host.ts', { json: text, what }));
      return {
        first: median(runs.map((r) => r.first)),
        repeated: median(runs.map((r) => r.repeated)),
      };
    };
    const ours = await timesOf('ours');
    const parse = await timesOf('JSON.parse');
    const heaps: number[] = [];
    const keep: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      keep.length = 0;
      gc?.();
      const h0 = retained();
      keep.push(Tokenizer.fromString(text));
      // What the loaded tokenizer keeps alive, JS heap plus typed-array buffers (the vocabulary and merge
      // tables live there); the tokenizer.json text it was given (its tokens are cut from it) is held here
      // anyway, so it is not counted.
      gc?.();
      heaps.push((retained() - h0) / 1e6);
    }
    console.log(
      `load ${model} (${(text.length / 1e6).toFixed(2)} MB): first ${ours.first.toFixed(1)} ms, repeated ${ours.repeated.toFixed(1)} ms (JSON.parse alone: first ${parse.first.toFixed(1)}, repeated ${parse.repeated.toFixed(1)}), retained heap + buffers ${median(heaps).toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for retained memory)'}`,
    );
  }
}

await main();
