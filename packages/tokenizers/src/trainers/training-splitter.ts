import { TokenizerError } from '../errors';
import type { ComponentJson } from './types';

/** Turns one training text into the words a trainer counts: normalizer, then pre-tokenizer, as Hugging Face does. */
export type TrainingSplitter = (text: string) => string[];

/** Normalizer types the training pipeline applies itself. */
export const TRAINING_NORMALIZER_TYPES = [
  'BertNormalizer',
  'Lowercase',
  'NFC',
  'NFD',
  'NFKC',
  'NFKD',
  'StripAccents',
  'Strip',
  'Replace',
  'Prepend',
  'Sequence',
] as const;

/** Pre-tokenizer types the training pipeline applies itself. */
export const TRAINING_PRE_TOKENIZER_TYPES = [
  'BertPreTokenizer',
  'ByteLevel',
  'Whitespace',
  'WhitespaceSplit',
  'Metaspace',
  'Sequence',
] as const;

// Rust's `char::is_whitespace` / Unicode White_Space, spelled out because JS `\s` also matches U+FEFF.
const WS = '\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const WS_RE = new RegExp(`[${WS}]`, 'u');
// Rust regex's Unicode `\w`.
const WORD = '\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}';
const WHITESPACE_PRE_RE = new RegExp(`[${WORD}]+|[^${WORD}${WS}]+`, 'gu');
const WHITESPACE_SPLIT_RE = new RegExp(`[^${WS}]+`, 'gu');
// GPT-2's pattern as Hugging Face's ByteLevel pre-tokenizer runs it (Oniguruma), with White_Space for `\s`.
const BYTE_LEVEL_RE = new RegExp(
  `'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^${WS}\\p{L}\\p{N}]+|[${WS}]+(?![^${WS}])|[${WS}]+`,
  'gu',
);
const BERT_PUNCT_RE = /[\p{P}!-/:-@[-`{-~]/u;
const CONTROL_RE = /\p{C}/u;
const MN_RE = /\p{Mn}/gu;

let byteToChar: string[] | undefined;

/**
 * The 256 printable characters GPT-2's byte-level BPE uses for bytes 0-255, in byte order.
 * @example byteLevelAlphabet()[32] // 'Ġ' (the space byte)
 * @see https://github.com/openai/gpt-2/blob/master/src/encoder.py `bytes_to_unicode`
 */
export function byteLevelAlphabet(): string[] {
  if (byteToChar) return byteToChar.slice();
  const table: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b++) {
    const printable =
      (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff);
    table[b] = String.fromCodePoint(printable ? b : 256 + extra++);
  }
  byteToChar = table;
  return table.slice();
}

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b920 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

/** Lowercases code point by code point, as Rust's `char::to_lowercase` (no final-sigma context). */
function lowercaseChars(s: string): string {
  let out = '';
  for (const ch of s) out += ch.toLowerCase();
  return out;
}

function bertNormalize(s: string, json: ComponentJson): string {
  const cleanText = json.clean_text !== false;
  const chinese = json.handle_chinese_chars !== false;
  const lowercase = json.lowercase !== false;
  const stripAccents = typeof json.strip_accents === 'boolean' ? json.strip_accents : lowercase;
  let out = '';
  for (const ch of s) {
    if (cleanText) {
      // Filter first (NUL, U+FFFD, controls other than \t \n \r: U+0085 goes), then whitespace to ' '.
      if (ch === '\0' || ch === '\ufffd') continue;
      if (ch === '\t' || ch === '\n' || ch === '\r') {
        out += ' ';
        continue;
      }
      if (CONTROL_RE.test(ch)) continue;
      if (WS_RE.test(ch)) {
        out += ' ';
        continue;
      }
    }
    if (chinese && isChineseChar(ch.codePointAt(0) ?? 0)) out += ` ${ch} `;
    else out += ch;
  }
  if (stripAccents) out = out.normalize('NFD').replace(MN_RE, '');
  if (lowercase) out = lowercaseChars(out);
  return out;
}

function replacePattern(json: ComponentJson, path: string): RegExp {
  const pattern = json.pattern as { String?: unknown; Regex?: unknown } | undefined;
  if (pattern && typeof pattern.String === 'string') {
    return new RegExp(pattern.String.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu');
  }
  if (pattern && typeof pattern.Regex === 'string') {
    try {
      return new RegExp(pattern.Regex, 'gu');
    } catch (cause) {
      throw new TokenizerError(
        'INVALID_OPTION',
        `${path}.pattern.Regex: ${JSON.stringify(pattern.Regex)} is not a regex JavaScript can run`,
        { cause },
      );
    }
  }
  throw new TokenizerError(
    'INVALID_OPTION',
    `${path}.pattern: expected {"String": …} or {"Regex": …}`,
  );
}

/**
 * Builds the normalizer half of the training pipeline from its `tokenizer.json` form.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` for a type outside `TRAINING_NORMALIZER_TYPES`.
 */
export function trainingNormalizer(
  json: ComponentJson | null,
  path = 'normalizer',
): (s: string) => string {
  if (json === null) return (s) => s;
  const type = json.type as (typeof TRAINING_NORMALIZER_TYPES)[number];
  switch (type) {
    case 'BertNormalizer':
      return (s) => bertNormalize(s, json);
    case 'Lowercase':
      return lowercaseChars;
    case 'NFC':
    case 'NFD':
    case 'NFKC':
    case 'NFKD':
      return (s) => s.normalize(type);
    case 'StripAccents':
      return (s) => s.replace(MN_RE, '');
    case 'Strip': {
      const left = json.strip_left !== false;
      const right = json.strip_right !== false;
      const l = new RegExp(`^[${WS}]+`, 'u');
      const r = new RegExp(`[${WS}]+$`, 'u');
      return (s) => {
        let out = left ? s.replace(l, '') : s;
        if (right) out = out.replace(r, '');
        return out;
      };
    }
    case 'Replace': {
      const re = replacePattern(json, path);
      const content = typeof json.content === 'string' ? json.content : '';
      return (s) => s.replace(re, () => content);
    }
    case 'Prepend': {
      const prepend = typeof json.prepend === 'string' ? json.prepend : '';
      return (s) => (s.length > 0 ? prepend + s : s);
    }
    case 'Sequence': {
      const list = json.normalizers;
      if (!Array.isArray(list)) {
        throw new TokenizerError('INVALID_OPTION', `${path}.normalizers: expected an array`);
      }
      const steps = (list as ComponentJson[]).map((n, i) =>
        trainingNormalizer(n, `${path}.normalizers[${i}]`),
      );
      return (s) => steps.reduce((acc, step) => step(acc), s);
    }
    default: {
      const never: never = type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(never)} is not supported for training; supported: ${TRAINING_NORMALIZER_TYPES.join(', ')}`,
      );
    }
  }
}

function bertPreTokenize(s: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of s) {
    if (WS_RE.test(ch)) {
      if (word) out.push(word);
      word = '';
    } else if (BERT_PUNCT_RE.test(ch)) {
      if (word) out.push(word);
      out.push(ch);
      word = '';
    } else {
      word += ch;
    }
  }
  if (word) out.push(word);
  return out;
}

function byteLevelMap(
  s: string,
  table: readonly string[],
  encoder: { encode(s: string): Uint8Array },
): string {
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  let out = '';
  if (ascii) {
    for (let i = 0; i < s.length; i++) out += table[s.charCodeAt(i)];
    return out;
  }
  for (const b of encoder.encode(s)) out += table[b];
  return out;
}

function metaspaceSplit(s: string, json: ComponentJson): string[] {
  const replacement = typeof json.replacement === 'string' ? json.replacement : '\u2581';
  const scheme = typeof json.prepend_scheme === 'string' ? json.prepend_scheme : 'always';
  let t = s.split(' ').join(replacement);
  if (scheme !== 'never' && !t.startsWith(replacement)) t = replacement + t;
  if (json.split === false) return t ? [t] : [];
  // Split with the replacement merged into the piece that follows it.
  const out: string[] = [];
  let start = 0;
  let idx = t.indexOf(replacement, 1);
  while (idx !== -1) {
    if (idx > start) out.push(t.slice(start, idx));
    start = idx;
    idx = t.indexOf(replacement, idx + replacement.length);
  }
  if (start < t.length) out.push(t.slice(start));
  return out;
}

/**
 * Builds the pre-tokenizer half of the training pipeline from its `tokenizer.json` form. It returns the split
 * strings only (training does not need offsets).
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` for a type outside `TRAINING_PRE_TOKENIZER_TYPES`.
 */
export function trainingPreTokenizer(
  json: ComponentJson | null,
  path = 'pre_tokenizer',
): (pieces: string[]) => string[] {
  if (json === null) return (pieces) => pieces;
  const type = json.type as (typeof TRAINING_PRE_TOKENIZER_TYPES)[number];
  const each = (f: (s: string) => string[]) => (pieces: string[]) => pieces.flatMap(f);
  switch (type) {
    case 'BertPreTokenizer':
      return each(bertPreTokenize);
    case 'Whitespace':
      return each((s) => s.match(WHITESPACE_PRE_RE) ?? []);
    case 'WhitespaceSplit':
      return each((s) => s.match(WHITESPACE_SPLIT_RE) ?? []);
    case 'ByteLevel': {
      const table = byteLevelAlphabet();
      const encoder = new TextEncoder();
      const prefix = json.add_prefix_space === true;
      const useRegex = json.use_regex !== false;
      const cache = new Map<string, string>();
      return (pieces) => {
        const out: string[] = [];
        pieces.forEach((piece) => {
          // Hugging Face prepends the space to every split that does not already start with one.
          const s = prefix && !piece.startsWith(' ') ? ` ${piece}` : piece;
          const parts = useRegex ? (s.match(BYTE_LEVEL_RE) ?? []) : s ? [s] : [];
          for (const part of parts) {
            // Words repeat: map each distinct one once (bounded cache).
            let mapped = cache.get(part);
            if (mapped === undefined) {
              mapped = byteLevelMap(part, table, encoder);
              if (cache.size < 200_000) cache.set(part, mapped);
            }
            out.push(mapped);
          }
        });
        return out;
      };
    }
    case 'Metaspace':
      return each((s) => metaspaceSplit(s, json));
    case 'Sequence': {
      const list = json.pretokenizers;
      if (!Array.isArray(list)) {
        throw new TokenizerError('INVALID_OPTION', `${path}.pretokenizers: expected an array`);
      }
      const steps = (list as ComponentJson[]).map((p, i) =>
        trainingPreTokenizer(p, `${path}.pretokenizers[${i}]`),
      );
      return (pieces) => steps.reduce((acc, step) => step(acc), pieces);
    }
    default: {
      const never: never = type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(never)} is not supported for training; supported: ${TRAINING_PRE_TOKENIZER_TYPES.join(', ')}, or pass a \`split\` function`,
      );
    }
  }
}

/**
 * The whole training pipeline: normalize, then pre-tokenize, returning the words to count.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` when a component type is not supported for training.
 * @example createTrainingSplitter(null, { type: 'Whitespace' })('Hello, world') // ['Hello', ',', 'world']
 */
export function createTrainingSplitter(
  normalizer: ComponentJson | null,
  preTokenizer: ComponentJson | null,
): TrainingSplitter {
  const normalize = trainingNormalizer(normalizer);
  const preTokenize = trainingPreTokenizer(preTokenizer);
  return (text) => {
    const normalized = normalize(text);
    return preTokenize(normalized.length > 0 ? [normalized] : []).filter((w) => w.length > 0);
  };
}
