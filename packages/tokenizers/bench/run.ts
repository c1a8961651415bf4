/**
 * Throughput benchmark, one process, one run, same texts for everyone: our `encode` (one call per line) and
 * `encodeBatch` vs the Hugging Face Rust binding (npm `tokenizers`: one `encode` call per line, and one
 * `encodeBatch`), vs tokenizers.js (`@huggingface/tokenizers`) and, for GPT-2, vs js-tiktoken and
 * gpt-tokenizer. Also measures loading a ~2 MB tokenizer.json (time and heap).
 *
 * Run: `npx tsx bench/run.ts` (or `pnpm bench`). NLPFT_BENCH_BYTES sets the corpus size (default 0.7 MB),
 * NLPFT_BENCH_MODELS a comma list of models.
 */
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { Tokenizer } from '../src/index';
import { benchCorpus } from '../src/parity-corpus.test-helper';
import { sharedPath } from '@nlpft/test-utils';
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

async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

const rate = (s: number): string => (mb / s).toFixed(2);

/** Bytes of the JS heap plus ArrayBuffer memory. */
function retained(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

async function main(): Promise<void> {
  console.log(
    `corpus: ${lines.length} lines, ${mb.toFixed(2)} MB (sotu + moby-dick + spam-assassin + edge cases)`,
  );
  console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
  const { Tokenizer: TJs } = (await import('@huggingface/tokenizers')) as unknown as {
    Tokenizer: new (json: unknown, config: unknown) => { encode(t: string): { ids: number[] } };
  };
  const rows: string[][] = [];
  for (const model of MODELS) {
    const path = sharedPath('tokenizers', model, 'tokenizer.json');
    const text = readFileSync(path, 'utf8');
    const cfgPath = path.replace(/tokenizer\.json$/, 'tokenizer_config.json');
    const cfg: unknown = existsSync(cfgPath) ? JSON.parse(readFileSync(cfgPath, 'utf8')) : {};
    const ours = Tokenizer.fromString(text);
    const rust = hf.Tokenizer.fromString(text);
    let tjs: { encode(t: string): { ids: number[] } } | null = null;
    try {
      tjs = new TJs(JSON.parse(text), cfg);
    } catch {
      tjs = null;
    }
    // Warm-up on a tenth of the lines (JIT, caches) for everyone.
    const warm = lines.slice(0, Math.ceil(lines.length / 10));
    for (const l of warm) ours.encode(l);
    for (const l of warm) await rust.encode(l);
    if (tjs) for (const l of warm) tjs.encode(l);

    const tOurs = await time(() => {
      for (const l of lines) ours.encode(l);
    });
    const tOursBatch = await time(() => ours.encodeBatch(lines));
    const tRust = await time(async () => {
      for (const l of lines) await rust.encode(l);
    });
    const tRustBatch = await time(() => rust.encodeBatch(lines));
    const tJs = tjs
      ? await time(() => {
          for (const l of lines) tjs.encode(l);
        })
      : NaN;
    rows.push([
      model,
      rate(tOurs),
      rate(tOursBatch),
      rate(tRust),
      rate(tRustBatch),
      tjs ? rate(tJs) : 'n/a',
      (tRustBatch / tOurs).toFixed(2) + '×',
      tjs ? (tJs / tOurs).toFixed(2) + '×' : 'n/a',
    ]);
    console.log(rows[rows.length - 1]!.join('  '));
    if (model === 'gpt2') {
      const { getEncoding }: typeof TiktokenModule = await import('js-tiktoken');
      const tik = getEncoding('gpt2');
      const gt = (await import('gpt-tokenizer/encoding/r50k_base')) as unknown as {
        encode(t: string, o?: { allowedSpecial?: 'all' }): number[];
      };
      for (const l of warm) {
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
    '\n| model | ours encode | ours encodeBatch | Rust encode | Rust encodeBatch | tokenizers.js | ours/Rust batch | ours/tokenizers.js |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);

  // Loading a ~2 MB tokenizer.json: time and heap growth (median of 5; heap after GC when exposed).
  const gc = (globalThis as { gc?: () => void }).gc;
  for (const model of ['bert-base-multilingual-cased', 'clip-vit-base-patch32']) {
    const text = readFileSync(sharedPath('tokenizers', model, 'tokenizer.json'), 'utf8');
    const times: number[] = [];
    const heaps: number[] = [];
    const keep: unknown[] = [];
    for (let i = 0; i < 5; i++) {
      keep.length = 0;
      gc?.();
      const h0 = retained();
      const t0 = performance.now();
      keep.push(Tokenizer.fromString(text));
      times.push(performance.now() - t0);
      // Retained memory: what the loaded tokenizer keeps alive after a full GC (needs --expose-gc), JS heap
      // plus typed-array buffers (the vocabulary and merge tables live there). The tokenizer also keeps
      // the tokenizer.json text it was given (its tokens are cut from it), held here anyway.
      gc?.();
      heaps.push((retained() - h0) / 1e6);
    }
    heaps.sort((a, b) => a - b);
    const heap = heaps[2]!;
    const parse: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      JSON.parse(text);
      parse.push(performance.now() - t0);
    }
    parse.sort((a, b) => a - b);
    times.sort((a, b) => a - b);
    console.log(
      `load ${model} (${(text.length / 1e6).toFixed(2)} MB): ${times[2]!.toFixed(1)} ms median (JSON.parse alone ${parse[2]!.toFixed(1)} ms), retained heap + buffers ${heap.toFixed(1)} MB${gc ? '' : ' (run with --expose-gc for retained memory)'}`,
    );
  }
}

await main();
