import { expectComponentObject } from '../describe-value';
import type { NormalizedString } from '../normalized-string';
import { PrecompiledCharsmap } from '../precompiled-charsmap';
import { isCombiningMark } from '../unicode';
import { TokenizerError } from '../errors';
import type { NormalizerJson } from '../types';
import { compilePattern } from '../pattern';
import { bertNormalizer } from './bert-normalizer';
import { byteLevel } from './byte-level';
import { filterChars } from './char-filters';
import { lowercase } from './lowercase';
import { nmt } from './nmt';
import { precompiled } from './precompiled';
import { prepend } from './prepend';
import { replace } from './replace';
import { strip } from './strip';
import { unicodeNormalize } from './unicode-normalize';

/** A normalizer edits a {@link NormalizedString} in place, keeping its alignment. @internal */
export interface Normalizer {
  normalize(n: NormalizedString): void;
}

/** Supported `normalizer.type` values. */
export const NORMALIZER_TYPES = [
  'BertNormalizer',
  'NFC',
  'NFD',
  'NFKC',
  'NFKD',
  'Lowercase',
  'StripAccents',
  'Strip',
  'Replace',
  'Prepend',
  'Precompiled',
  'ByteLevel',
  'Nmt',
  'Sequence',
] as const;

/**
 * Builds a normalizer from its `tokenizer.json` section.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` naming `path` and the supported types.
 */
export function createNormalizer(json: NormalizerJson, path: string): Normalizer {
  expectComponentObject(json, path, 'normalizer');
  switch (json.type) {
    case 'BertNormalizer':
      return bertNormalizer(
        json.clean_text ?? true,
        json.handle_chinese_chars ?? true,
        json.strip_accents ?? null,
        json.lowercase ?? true,
      );
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD': {
      const form = json.type;
      return { normalize: (n) => unicodeNormalize(n, form) };
    }
    case 'Lowercase':
      return { normalize: lowercase };
    case 'StripAccents':
      return { normalize: (n) => filterChars(n, (c) => !isCombiningMark(c)) };
    case 'Strip': {
      const left = json.strip_left ?? true;
      const right = json.strip_right ?? true;
      return { normalize: (n) => strip(n, left, right) };
    }
    case 'Replace': {
      const pattern = compilePattern(json.pattern, `${path}.pattern`);
      const content = json.content ?? '';
      return { normalize: (n) => replace(n, pattern, content) };
    }
    case 'Prepend': {
      const p = json.prepend ?? '';
      return { normalize: (n) => prepend(n, p) };
    }
    case 'Precompiled': {
      if (typeof json.precompiled_charsmap !== 'string') {
        // An empty charsmap (null) normalizes nothing, as Hugging Face does.
        if (json.precompiled_charsmap == null) return { normalize: () => undefined };
        throw new TokenizerError(
          'INVALID_FIELD',
          `${path}.precompiled_charsmap: expected a base64 string`,
        );
      }
      const map = new PrecompiledCharsmap(
        json.precompiled_charsmap,
        `${path}.precompiled_charsmap`,
      );
      return { normalize: (n) => precompiled(n, map) };
    }
    case 'ByteLevel':
      return { normalize: byteLevel };
    case 'Nmt':
      return { normalize: nmt };
    case 'Sequence': {
      if (!Array.isArray(json.normalizers)) {
        throw new TokenizerError('INVALID_FIELD', `${path}.normalizers: expected an array`);
      }
      const list = json.normalizers.map((j, i) => createNormalizer(j, `${path}.normalizers[${i}]`));
      return {
        normalize: (n) => {
          for (const x of list) x.normalize(n);
        },
      };
    }
    default: {
      const t = (json as { type?: unknown }).type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(t)} is not a supported normalizer; supported: ${NORMALIZER_TYPES.join(', ')}`,
      );
    }
  }
}
