import { readFile } from 'node:fs/promises';
import { checkString, shown } from './argument-checks';
import { InferenceError } from './errors';
import type { ModelConfig } from './types';

function intField(raw: Record<string, unknown>, key: string, min = -Infinity): number | undefined {
  const v = raw[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) {
    throw new InferenceError(
      'INVALID_CONFIG',
      `config.json: ${key}: expected an integer${min > -Infinity ? ` ≥ ${min}` : ''}, got ${shown(v)}`,
    );
  }
  return v;
}

/**
 * Reads the fields inference needs from a parsed Hugging Face `config.json`.
 * @throws {InferenceError} `INVALID_CONFIG` naming the JSON path of a malformed field (`vocab_size` and the position
 *   count must be positive integers).
 * @example parseModelConfig({ model_type: 'bert', id2label: { '0': 'neg', '1': 'pos' } }).id2label // { 0: 'neg', 1: 'pos' }
 * @see https://huggingface.co/docs/transformers/main_classes/configuration
 */
export function parseModelConfig(raw: Readonly<Record<string, unknown>>): ModelConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InferenceError(
      'INVALID_CONFIG',
      `config.json: expected an object, got ${shown(raw)}`,
    );
  }
  const r = raw as Record<string, unknown>;
  let id2label: Record<number, string> | undefined;
  if (r['id2label'] !== undefined) {
    const src = r['id2label'];
    if (src === null || typeof src !== 'object' || Array.isArray(src)) {
      throw new InferenceError(
        'INVALID_CONFIG',
        'config.json: id2label: expected an object of index → label',
      );
    }
    id2label = {};
    for (const [k, v] of Object.entries(src)) {
      const index = Number(k);
      if (!Number.isInteger(index) || index < 0 || typeof v !== 'string') {
        throw new InferenceError(
          'INVALID_CONFIG',
          `config.json: id2label.${k}: expected a non-negative integer key and a string label, got ${shown(v)}`,
        );
      }
      id2label[index] = v;
    }
  }
  let label2id: Record<string, number> | undefined;
  if (r['label2id'] !== undefined) {
    const src = r['label2id'];
    if (src === null || typeof src !== 'object' || Array.isArray(src)) {
      throw new InferenceError(
        'INVALID_CONFIG',
        'config.json: label2id: expected an object of label → index',
      );
    }
    label2id = {};
    for (const [k, v] of Object.entries(src)) {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new InferenceError(
          'INVALID_CONFIG',
          `config.json: label2id.${k}: expected an integer, got ${shown(v)}`,
        );
      }
      label2id[k] = v;
    }
  }
  const eos = r['eos_token_id'];
  let eosTokenIds: number[] = [];
  if (Array.isArray(eos)) {
    eosTokenIds = eos.map((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        throw new InferenceError(
          'INVALID_CONFIG',
          `config.json: eos_token_id[${i}]: expected an integer, got ${shown(v)}`,
        );
      }
      return v;
    });
  } else if (eos !== undefined && eos !== null)
    eosTokenIds = [intField(r, 'eos_token_id') as number];
  return {
    modelType: typeof r['model_type'] === 'string' ? r['model_type'] : undefined,
    id2label,
    label2id,
    padTokenId: intField(r, 'pad_token_id'),
    bosTokenId: intField(r, 'bos_token_id'),
    eosTokenIds,
    // A model with no embedding rows or no positions cannot run; such sizes are a broken file, not a limit.
    vocabSize: intField(r, 'vocab_size', 1),
    maxPositions: intField(r, 'max_position_embeddings', 1) ?? intField(r, 'n_positions', 1),
    raw: r,
  };
}

/**
 * Reads and parses a `config.json` file; `undefined` when the file does not exist.
 * @throws {InferenceError} `INVALID_CONFIG` when the file is not JSON or a field is malformed; `INVALID_INPUT` for a
 *   path that is not a non-empty string (a number would be read as a file descriptor).
 */
export async function readModelConfig(path: string): Promise<ModelConfig | undefined> {
  checkString(path, 'path', 'readModelConfig');
  if (path === '') throw new InferenceError('INVALID_INPUT', 'readModelConfig: path is empty');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return undefined;
    throw new InferenceError('INVALID_CONFIG', `readModelConfig: cannot read ${path}`, {
      cause: error,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InferenceError('INVALID_CONFIG', `readModelConfig: ${path} is not valid JSON`, {
      cause: error,
    });
  }
  return parseModelConfig(parsed as Record<string, unknown>);
}
