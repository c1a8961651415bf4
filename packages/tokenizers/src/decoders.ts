import { expectComponentObject } from './describe-value';
import { TokenizerError } from './errors';
import type { DecoderJson } from './types';
import { CHAR_TO_BYTE } from './byte-level-alphabet';
import { compilePattern } from './pattern';
import { utf8Bytes } from './utf8';

/** A decoder turns tokens back into text pieces (Hugging Face's `decode_chain`). @internal */
export interface Decoder {
  decodeChain(tokens: string[]): string[];
}

/** Supported `decoder.type` values. */
export const DECODER_TYPES = [
  'WordPiece',
  'ByteLevel',
  'Metaspace',
  'BPEDecoder',
  'ByteFallback',
  'Fuse',
  'Strip',
  'Replace',
  'CTC',
  'Sequence',
] as const;

// `ignoreBOM` keeps a leading U+FEFF: a BOM token is text to Rust's `String::from_utf8`, not a marker.
const lossy = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The WordPiece decoder's clean-up (also transformers' `clean_up_tokenization`). */
export function cleanup(s: string): string {
  return s
    .replaceAll(' .', '.')
    .replaceAll(' ?', '?')
    .replaceAll(' !', '!')
    .replaceAll(' ,', ',')
    .replaceAll(" ' ", "'")
    .replaceAll(" n't", "n't")
    .replaceAll(" 'm", "'m")
    .replaceAll(' do not', " don't")
    .replaceAll(" 's", "'s")
    .replaceAll(" 've", "'ve")
    .replaceAll(" 're", "'re");
}

/**
 * Builds a decoder from its `tokenizer.json` section.
 * @throws {TokenizerError} `UNSUPPORTED_TYPE` naming `path` and the supported types.
 */
export function createDecoder(json: DecoderJson, path: string): Decoder {
  expectComponentObject(json, path, 'decoder');
  switch (json.type) {
    case 'WordPiece': {
      const prefix = json.prefix ?? '##';
      const clean = json.cleanup ?? true;
      return {
        decodeChain: (tokens) =>
          tokens.map((t, i) => {
            let s = t;
            if (i !== 0) s = s.startsWith(prefix) ? s.replace(prefix, '') : ' ' + s;
            return clean ? cleanup(s) : s;
          }),
      };
    }
    case 'ByteLevel':
      return {
        decodeChain(tokens) {
          const bytes: number[] = [];
          for (const t of tokens) {
            let ok = true;
            for (let i = 0; i < t.length; i++) {
              const c = t.charCodeAt(i);
              if (c >= 512 || CHAR_TO_BYTE[c]! < 0) {
                ok = false;
                break;
              }
            }
            if (ok) for (let i = 0; i < t.length; i++) bytes.push(CHAR_TO_BYTE[t.charCodeAt(i)]!);
            else for (const b of utf8Bytes(t)) bytes.push(b);
          }
          return [lossy.decode(Uint8Array.from(bytes))];
        },
      };
    case 'Metaspace': {
      const r = json.replacement ?? '\u2581';
      const scheme = json.prepend_scheme ?? (json.add_prefix_space === false ? 'never' : 'always');
      return {
        decodeChain: (tokens) =>
          tokens.map((t, i) => {
            let out = '';
            for (const c of t) {
              if (c === r) {
                if (!(i === 0 && scheme !== 'never')) out += ' ';
              } else out += c;
            }
            return out;
          }),
      };
    }
    case 'BPEDecoder': {
      const suffix = json.suffix ?? '</w>';
      return {
        decodeChain: (tokens) =>
          tokens.map((t, i) => t.replaceAll(suffix, i === tokens.length - 1 ? '' : ' ')),
      };
    }
    case 'ByteFallback':
      return { decodeChain: byteFallback };
    case 'Fuse':
      return { decodeChain: (tokens) => [tokens.join('')] };
    case 'Strip': {
      const content = json.content ?? ' ';
      const start = json.start ?? 0;
      const stop = json.stop ?? 0;
      return {
        decodeChain: (tokens) =>
          tokens.map((t) => {
            const chars = [...t];
            let a = 0;
            for (let i = 0; i < Math.min(start, chars.length); i++) {
              if (chars[i] === content) a = i + 1;
              else break;
            }
            let b = chars.length;
            for (let i = 0; i < stop; i++) {
              const idx = chars.length - i - 1;
              if (idx < 0) break;
              if (chars[idx] === content) b = idx;
              else break;
            }
            return b > a ? chars.slice(a, b).join('') : '';
          }),
      };
    }
    case 'Replace': {
      const p = compilePattern(json.pattern, `${path}.pattern`);
      const content = json.content ?? '';
      return {
        decodeChain: (tokens) =>
          tokens.map((t) => {
            const m = p.findAll(t);
            if (m.length === 0) return t;
            let out = '';
            let last = 0;
            for (let k = 0; k < m.length; k += 2) {
              out += t.slice(last, m[k]) + content;
              last = m[k + 1]!;
            }
            return out + t.slice(last);
          }),
      };
    }
    case 'CTC': {
      const pad = json.pad_token ?? '<pad>';
      const delim = json.word_delimiter_token ?? '|';
      const clean = json.cleanup ?? true;
      return {
        decodeChain(tokens) {
          const out: string[] = [];
          let prev: string | undefined;
          for (const t of tokens) {
            if (t === prev) continue;
            prev = t;
            let r = t.replaceAll(pad, '');
            if (clean) r = cleanup(r).replaceAll(delim, ' ');
            if (r.length > 0) out.push(r);
          }
          return out;
        },
      };
    }
    case 'Sequence': {
      if (!Array.isArray(json.decoders))
        throw new TokenizerError('INVALID_FIELD', `${path}.decoders: expected an array`);
      const list = json.decoders.map((d, i) => createDecoder(d, `${path}.decoders[${i}]`));
      return {
        decodeChain(tokens) {
          let cur = tokens;
          for (const d of list) cur = d.decodeChain(cur);
          return cur;
        },
      };
    }
    default: {
      const t = (json as { type?: unknown }).type;
      throw new TokenizerError(
        'UNSUPPORTED_TYPE',
        `${path}.type: ${JSON.stringify(t)} is not a supported decoder; supported: ${DECODER_TYPES.join(', ')}`,
      );
    }
  }
}

function byteFallback(tokens: string[]): string[] {
  const out: string[] = [];
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length === 0) return;
    try {
      out.push(strict.decode(Uint8Array.from(bytes)));
    } catch {
      for (let i = 0; i < bytes.length; i++) out.push('\ufffd');
    }
    bytes = [];
  };
  for (const t of tokens) {
    const m =
      t.length === 6 && t.startsWith('<0x') && t.endsWith('>')
        ? /^<0x([0-9A-Fa-f]{2})>$/.exec(t)
        : null;
    if (m) bytes.push(parseInt(m[1]!, 16));
    else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}
