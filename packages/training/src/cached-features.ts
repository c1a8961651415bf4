import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { TrainingError } from './errors';
import { writeFileAtomic } from './write-file-atomic';

/** What feature caching needs from an extractor; `FeatureExtractor` from @nlpft/inference has this shape. */
export interface FeatureExtractorLike {
  extract(
    texts: readonly string[],
    options?: { pooling?: 'cls' | 'mean' | 'max'; normalize?: boolean },
  ): Promise<Float32Array[]>;
}

/** Options of {@link cachedFeatures}. */
export interface CachedFeaturesOptions {
  /**
   * Pooling passed to the extractor.
   * @defaultValue 'mean'
   */
  pooling?: 'cls' | 'mean' | 'max';
  /**
   * L2-normalise each vector.
   * @defaultValue false
   */
  normalize?: boolean;
  /** File that keeps the vectors between runs (written atomically). Default: in-memory only. */
  cachePath?: string;
  /** In-memory cache shared between calls (keyed by text hash + pooling). Default: a fresh map. */
  memory?: Map<string, Float32Array>;
}

const key = (text: string, pooling: string, normalize: boolean): string =>
  createHash('sha256')
    .update(`${pooling}|${normalize ? 1 : 0}|${text}`)
    .digest('base64');

/**
 * Frozen-encoder features, computed once: texts already in the cache (memory or file) are not run again, so
 * every epoch and every seed of a new-head run reuses the same vectors.
 * @throws {TrainingError} CHECKPOINT_CORRUPT when the cache file is unreadable; SHAPE_MISMATCH when the extractor
 *   returns the wrong number of vectors.
 * @example const feats = await cachedFeatures(new FeatureExtractor(session, tokenizer), texts, { cachePath: 'feats.json' });
 */
export async function cachedFeatures(
  extractor: FeatureExtractorLike,
  texts: readonly string[],
  options: CachedFeaturesOptions = {},
): Promise<Float32Array[]> {
  const pooling = options.pooling ?? 'mean';
  const normalize = options.normalize ?? false;
  const memory = options.memory ?? new Map<string, Float32Array>();
  if (options.cachePath !== undefined && existsSync(options.cachePath)) {
    try {
      const stored = JSON.parse(readFileSync(options.cachePath, 'utf8')) as Record<string, string>;
      for (const [k, v] of Object.entries(stored)) {
        const b = Buffer.from(v, 'base64');
        const a = new Float32Array(b.byteLength / 4);
        new Uint8Array(a.buffer).set(b);
        memory.set(k, a);
      }
    } catch (cause) {
      throw new TrainingError(
        'CHECKPOINT_CORRUPT',
        `feature cache ${options.cachePath} is not readable`,
        { cause },
      );
    }
  }
  const keys = texts.map((t) => key(t, pooling, normalize));
  const missing = [...new Set(keys.map((k, i) => (memory.has(k) ? -1 : i)).filter((i) => i >= 0))];
  const todo = missing.filter((i, j) => missing.findIndex((m) => keys[m] === keys[i]) === j);
  if (todo.length > 0) {
    const vectors = await extractor.extract(
      todo.map((i) => texts[i]!),
      { pooling, normalize },
    );
    if (vectors.length !== todo.length)
      throw new TrainingError(
        'SHAPE_MISMATCH',
        `extractor returned ${vectors.length} vectors for ${todo.length} texts`,
      );
    todo.forEach((i, j) => memory.set(keys[i]!, vectors[j]!));
    if (options.cachePath !== undefined) {
      const out: Record<string, string> = {};
      for (const [k, v] of memory)
        out[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
      writeFileAtomic(options.cachePath, JSON.stringify(out));
    }
  }
  return keys.map((k) => memory.get(k)!);
}
