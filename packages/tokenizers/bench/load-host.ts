/**
 * Times `Tokenizer.fromString`, or `JSON.parse` alone, of one text in a fresh worker thread (its own V8
 * isolate): the first load, then the median of nine more. One kind per worker, so neither warms the other.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Tokenizer } from '../src/index';

export interface LoadTimes {
  first: number;
  repeated: number;
}

const { json, what } = workerData as { json: string; what: 'ours' | 'JSON.parse' };
const load = what === 'ours' ? () => Tokenizer.fromString(json) : () => JSON.parse(json) as unknown;
const ms = (): number => {
  const t0 = performance.now();
  load();
  return performance.now() - t0;
};
const first = ms();
const rest = Array.from({ length: 9 }, ms).sort((a, b) => a - b);
const times: LoadTimes = { first, repeated: rest[4]! };
parentPort!.postMessage(times);
