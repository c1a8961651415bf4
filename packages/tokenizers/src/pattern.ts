import { TokenizerError } from './errors';
import { translateRegex } from './unicode';
import type { PatternJson } from './types';

/** A `Split`/`Replace` pattern: all non-overlapping matches as flat `[start, end, ...]` unit offsets. */
export interface CompiledPattern {
  findAll(s: string): number[];
}

/**
 * Compiles `{ "String": … }` or `{ "Regex": … }` (Oniguruma syntax, translated to a JavaScript `u` regex).
 * @throws {TokenizerError} `INVALID_FIELD` naming `path` when neither form is present or the regex is invalid.
 */
export function compilePattern(json: PatternJson | undefined, path: string): CompiledPattern {
  if (
    json &&
    typeof json === 'object' &&
    typeof (json as { String?: unknown }).String === 'string'
  ) {
    const lit = (json as { String: string }).String;
    return {
      findAll(s) {
        const out: number[] = [];
        if (lit.length === 0) return out;
        let i = s.indexOf(lit);
        while (i >= 0) {
          out.push(i, i + lit.length);
          i = s.indexOf(lit, i + lit.length);
        }
        return out;
      },
    };
  }
  if (json && typeof json === 'object' && typeof (json as { Regex?: unknown }).Regex === 'string') {
    const src = (json as { Regex: string }).Regex;
    const re = compileRegex(src, path);
    return regexPattern(re);
  }
  throw new TokenizerError(
    'INVALID_FIELD',
    `${path}: expected { "String": string } or { "Regex": string }, got ${JSON.stringify(json)?.slice(0, 80)}`,
  );
}

/** The compiled pattern of a global regex (from {@link compileRegex}). */
export function regexPattern(re: RegExp): CompiledPattern {
  return { findAll: (s) => regexMatches(re, s) };
}

/** All non-overlapping matches of the global regex `re` in `s` as flat `[start, end, ...]` unit offsets. */
function regexMatches(re: RegExp, s: string): number[] {
  const out: number[] = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    out.push(start, end);
    if (end === start) {
      // Empty match: step one code point, as Oniguruma's iterator does.
      const c = s.charCodeAt(end);
      re.lastIndex = end + (c >= 0xd800 && c <= 0xdbff ? 2 : 1);
      if (end >= s.length) break;
    }
  }
  return out;
}

/** Compiles an Oniguruma regex source as a global Unicode JavaScript regex. */
export function compileRegex(src: string, path: string): RegExp {
  try {
    return new RegExp(translateRegex(src), 'gu');
  } catch (cause) {
    throw new TokenizerError(
      'INVALID_FIELD',
      `${path}: regex ${JSON.stringify(src)} is not supported: ${String(cause)}`,
      {
        cause,
      },
    );
  }
}
