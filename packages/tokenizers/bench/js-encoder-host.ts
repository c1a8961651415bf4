/**
 * Hosts one JavaScript encoder (ours or tokenizers.js) for one model in its own worker thread, so each
 * starts from a fresh V8 isolate as in an application that loads one tokenizer: sharing one JIT across
 * eight pipelines slows both libraries by about a fifth. Timings are asked for one pass at a time, so the
 * benchmark can interleave them with the Rust binding's.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Tokenizer } from '../src/index';

export interface HostInit {
  impl: 'ours' | 'tokenizers.js';
  json: string;
  config: unknown;
  lines: string[];
}

/** A pass to time: one `encode` per line, or one `encodeBatch` of all (ours only). */
export type HostRequest = 'pass' | 'batch';

const { impl, json, config, lines } = workerData as HostInit;

interface Encoder {
  encode(text: string): unknown;
  encodeBatch?(texts: string[]): unknown;
}

async function load(): Promise<Encoder | null> {
  if (impl === 'ours') return Tokenizer.fromString(json);
  const { Tokenizer: TJs } = (await import('@huggingface/tokenizers')) as unknown as {
    Tokenizer: new (json: unknown, config: unknown) => Encoder;
  };
  try {
    return new TJs(JSON.parse(json), config);
  } catch {
    return null;
  }
}

const encoder = await load();
parentPort!.on('message', (request: HostRequest) => {
  if (!encoder) {
    parentPort!.postMessage(NaN);
    return;
  }
  const t0 = performance.now();
  if (request === 'batch') encoder.encodeBatch!(lines);
  else for (const l of lines) encoder.encode(l);
  parentPort!.postMessage((performance.now() - t0) / 1000);
});
parentPort!.postMessage('ready');
