import { describeValue } from './describe-value';
import { TokenizerError } from './errors';
import type { ModelJson } from './types';
import type { Model } from './model';
import { WordPieceModel } from './wordpiece';
import { BpeModel } from './bpe';
import { UnigramModel } from './unigram';
import { WordLevelModel } from './word-level';
import type { ScannedSections } from './scan-tokenizer-json';
import type { VocabTable } from './vocab-table';

/** Supported `model.type` values. */
export const MODEL_TYPES = ['WordPiece', 'BPE', 'Unigram', 'WordLevel'] as const;

/**
 * Builds the model from its `tokenizer.json` section; files without `type` are recognised by their fields
 * as Hugging Face's untagged deserializer does.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` / `INVALID_FIELD` naming the JSON path.
 */
export function createModel(m: ModelJson): Model {
  return createModelFromSections(m, null);
}

/**
 * {@link createModel}, taking the vocabulary, merges or pieces from `scanned` when the fast scanner of
 * `tokenizer.json` read them (the `vocab` / `merges` of `m` are then not parsed again).
 * @internal
 */
export function createModelFromSections(m: ModelJson, scanned: ScannedSections | null): Model {
  let type = m.type;
  if (type === undefined) {
    if (m.merges !== undefined) type = 'BPE';
    else if (Array.isArray(m.vocab)) type = 'Unigram';
    else if (m.continuing_subword_prefix !== undefined || m.max_input_chars_per_word !== undefined)
      type = 'WordPiece';
    else type = 'WordLevel';
  }
  const vocabMap = (): ReadonlyMap<string, number> | VocabTable => {
    if (scanned?.vocab) return scanned.vocab;
    const v = m.vocab;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new TokenizerError(
        'INVALID_FIELD',
        `model.vocab: expected an object of token → id, got ${describeValue(v)}`,
      );
    }
    const map = new Map<string, number>();
    for (const k in v) {
      const id = v[k];
      if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.vocab[${JSON.stringify(k)}]: expected a non-negative integer id, got ${describeValue(id)}`,
        );
      }
      map.set(k, id);
    }
    return map;
  };
  switch (type) {
    case 'WordPiece':
      return new WordPieceModel(vocabMap(), {
        unkToken: m.unk_token ?? '[UNK]',
        continuingSubwordPrefix: m.continuing_subword_prefix ?? '##',
        maxInputCharsPerWord: m.max_input_chars_per_word ?? 100,
      });
    case 'WordLevel':
      return new WordLevelModel(vocabMap(), { unkToken: m.unk_token ?? '<unk>' });
    case 'BPE': {
      const vocab = vocabMap();
      const raw = m.merges ?? [];
      if (!Array.isArray(raw))
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.merges: expected an array, got ${describeValue(raw)}`,
        );
      for (let i = 0; i < raw.length; i++) {
        const x: unknown = raw[i];
        if (typeof x === 'string') continue;
        if (!(
          Array.isArray(x) &&
          x.length === 2 &&
          typeof x[0] === 'string' &&
          typeof x[1] === 'string'
        )) {
          throw new TokenizerError(
            'INVALID_FIELD',
            `model.merges[${i}]: expected "left right" or [left, right], got ${describeValue(x)}`,
          );
        }
      }
      const merges = scanned?.merges ?? (raw as ReadonlyArray<string | [string, string]>);
      if (m.dropout !== undefined && m.dropout !== null && m.dropout !== 0) {
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.dropout: BPE dropout ${m.dropout} is not supported (deterministic encoding only); set it to null`,
        );
      }
      return new BpeModel(vocab, merges, {
        unkToken: m.unk_token ?? undefined,
        continuingSubwordPrefix: m.continuing_subword_prefix ?? undefined,
        endOfWordSuffix: m.end_of_word_suffix ?? undefined,
        fuseUnk: m.fuse_unk ?? false,
        byteFallback: m.byte_fallback ?? false,
        ignoreMerges: m.ignore_merges ?? false,
      });
    }
    case 'Unigram': {
      const v = m.vocab;
      if (!Array.isArray(v))
        throw new TokenizerError(
          'INVALID_FIELD',
          `model.vocab: expected an array of [piece, score], got ${describeValue(v)}`,
        );
      for (let i = 0; i < v.length; i++) {
        const e = v[i];
        if (!Array.isArray(e) || typeof e[0] !== 'string' || typeof e[1] !== 'number') {
          throw new TokenizerError(
            'INVALID_FIELD',
            `model.vocab[${i}]: expected [piece, score], got ${describeValue(e)}`,
          );
        }
      }
      return new UnigramModel(scanned?.pieces ?? v, {
        unkId: m.unk_id ?? undefined,
        byteFallback: m.byte_fallback ?? false,
      });
    }
    default:
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `model.type: ${JSON.stringify(type)} is not a supported model; supported: ${MODEL_TYPES.join(', ')}`,
      );
  }
}
