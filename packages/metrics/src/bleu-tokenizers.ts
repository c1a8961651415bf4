import { MetricsError } from './errors';
import { checkOptionsObject, checkString, quoteValue } from './input-checks';
import { pySplit, pyRstrip, pyStrip } from './python-text';

/** The BLEU tokenizers of sacrebleu 2.4.3 that need no external model. */
export type BleuTokenizerName = '13a' | 'intl' | 'char' | 'zh' | 'none';

/** The names accepted by `tokenize`, for error messages. */
export const BLEU_TOKENIZERS: readonly BleuTokenizerName[] = ['13a', 'intl', 'char', 'zh', 'none'];

// sacrebleu's TokenizerRegexp (mteval-v13a's language-dependent part), compiled once. Its first class also
// holds the space (` -&`); padding a space with spaces cannot change the tokens (a space is never the
// `[.,]` group the later rules consume), so the space is left out here to save work.
const RE_PUNCT = /([{-~[-`!-&(-+:-@/])/g;
const RE_PERIOD_COMMA_AFTER_NONDIGIT = /([^0-9])([.,])/g;
const RE_PERIOD_COMMA_BEFORE_NONDIGIT = /([.,])([^0-9])/g;
const RE_DASH_AFTER_DIGIT = /([0-9])(-)/g;

// sacrebleu's intl tokenizer (mteval-v14's international tokenization), with Unicode properties.
const RE_INTL_PUNCT_AFTER = /(\P{N})(\p{P})/gu;
const RE_INTL_PUNCT_BEFORE = /(\p{P})(\P{N})/gu;
const RE_INTL_SYMBOL = /(\p{S})/gu;

/** The tokens of sacrebleu's `TokenizerRegexp`: the 13a regular expressions, then `line.split()`. */
function regexpPostTokens(line: string): string[] {
  line = line.replace(RE_PUNCT, ' $1 ');
  if (line.includes('.') || line.includes(',')) {
    line = line.replace(RE_PERIOD_COMMA_AFTER_NONDIGIT, '$1 $2 ');
    line = line.replace(RE_PERIOD_COMMA_BEFORE_NONDIGIT, ' $1 $2');
  }
  if (line.includes('-')) line = line.replace(RE_DASH_AFTER_DIGIT, '$1 $2 ');
  return pySplit(line);
}

/** The tokens of {@link tokenize13a}. @internal */
export function tokens13a(line: string): string[] {
  if (line.includes('<skipped>')) line = line.replaceAll('<skipped>', '');
  if (line.includes('\n')) line = line.replaceAll('-\n', '').replaceAll('\n', ' ');
  if (line.includes('&')) {
    line = line
      .replaceAll('&quot;', '"')
      .replaceAll('&amp;', '&')
      .replaceAll('&lt;', '<')
      .replaceAll('&gt;', '>');
  }
  return regexpPostTokens(' ' + line + ' ');
}

/**
 * mteval-v13a tokenization as sacrebleu's `Tokenizer13a`: unescapes only `&quot; &amp; &lt; &gt;`, drops
 * `<skipped>`, joins `-\n`, pads the line with spaces (so a final `2019.` is split) and splits punctuation.
 * @throws {MetricsError} `INVALID_INPUT` when `line` is not a string.
 */
export function tokenize13a(line: string): string {
  checkString('tokenize13a', 'line', line);
  return tokens13a(line).join(' ');
}

/**
 * mteval-v14 international tokenization as sacrebleu's `TokenizerV14International`.
 * @throws {MetricsError} `INVALID_INPUT` when `line` is not a string.
 */
export function tokenizeIntl(line: string): string {
  checkString('tokenizeIntl', 'line', line);
  line = line.replace(RE_INTL_PUNCT_AFTER, '$1 $2 ');
  line = line.replace(RE_INTL_PUNCT_BEFORE, ' $1 $2');
  line = line.replace(RE_INTL_SYMBOL, ' $1 ');
  return pySplit(line).join(' ');
}

/**
 * Every code point separated by a space, as sacrebleu's `TokenizerChar`.
 * @throws {MetricsError} `INVALID_INPUT` when `line` is not a string.
 */
export function tokenizeChar(line: string): string {
  checkString('tokenizeChar', 'line', line);
  return Array.from(line).join(' ');
}

/**
 * sacrebleu's `_is_chinese_char` with its table as written: `'\u20000'` is U+2000 followed by "0", so the
 * "Extension B" row really covers U+2001–U+2A6D (dashes, quotes, `…`, `€`, arrows, math), and the
 * "Compatibility Supplement" row covers U+2F81–U+2FA1. Astral characters are never split.
 */
function isZhChar(cp: number): boolean {
  if (cp < 0x2001 || cp > 0xffef) return false;
  return (
    (cp >= 0x3400 && cp <= 0x4db5) ||
    (cp >= 0x4e00 && cp <= 0x9fbb) ||
    (cp >= 0xf900 && cp <= 0xfa2d) ||
    (cp >= 0xfa30 && cp <= 0xfa6a) ||
    (cp >= 0xfa70 && cp <= 0xfad9) ||
    (cp >= 0x2001 && cp <= 0x2a6d) ||
    (cp >= 0x2f81 && cp <= 0x2fa1) ||
    (cp >= 0xff00 && cp <= 0xffef) ||
    (cp >= 0x2e80 && cp <= 0x2eff) ||
    (cp >= 0x3000 && cp <= 0x303f) ||
    (cp >= 0x31c0 && cp <= 0x31ef) ||
    (cp >= 0x2f00 && cp <= 0x2fdf) ||
    (cp >= 0x2ff0 && cp <= 0x2fff) ||
    (cp >= 0x3100 && cp <= 0x312f) ||
    (cp >= 0x31a0 && cp <= 0x31bf) ||
    (cp >= 0xfe10 && cp <= 0xfe1f) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x3200 && cp <= 0x33ff)
  );
}

/**
 * sacrebleu's `TokenizerZh`: strip, put spaces around "Chinese" characters, then the 13a regexps (no padding).
 * @throws {MetricsError} `INVALID_INPUT` when `line` is not a string.
 */
export function tokenizeZh(line: string): string {
  checkString('tokenizeZh', 'line', line);
  line = pyStrip(line);
  let out = '';
  let runStart = 0;
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    // Every "Chinese" code point is in the BMP, so code units suffice; surrogates are never split.
    if (code >= 0x2001 && code <= 0xffef && isZhChar(code)) {
      out += line.slice(runStart, i) + ' ' + line[i] + ' ';
      runStart = i + 1;
    }
  }
  out += line.slice(runStart);
  return regexpPostTokens(out).join(' ');
}

/** Resolves a tokenizer name to its function. @internal */
export function bleuTokenizerFor(name: string, caller: string): (line: string) => string {
  switch (name as BleuTokenizerName) {
    case '13a':
      return tokenize13a;
    case 'intl':
      return tokenizeIntl;
    case 'char':
      return tokenizeChar;
    case 'zh':
      return tokenizeZh;
    case 'none':
      return (line) => line;
    default: {
      throw new MetricsError(
        'INVALID_OPTION',
        `${caller}: unknown tokenize ${quoteValue(name)}; use one of ${BLEU_TOKENIZERS.join(', ')}`,
      );
    }
  }
}

/** Options of {@link bleuTokenize}. */
export interface BleuTokenizeOptions {
  /** Tokenizer. @defaultValue '13a' */
  tokenize?: BleuTokenizerName;
  /** Lowercase first (Python's `str.lower()`). @defaultValue false */
  lowercase?: boolean;
}

/**
 * The exact string sacrebleu's BLEU splits into tokens — optional lowercase, `rstrip()`, then the tokenizer —
 * and those tokens.
 * @throws {MetricsError} `INVALID_INPUT` when `text` is not a string; `INVALID_OPTION` for an unknown tokenizer.
 * @example bleuTokenize("It's 2019.") // { tokenized: "It's 2019 .", tokens: ["It's", "2019", "."] }
 * @see https://github.com/mjpost/sacrebleu/tree/v2.4.3/sacrebleu/tokenizers
 */
export function bleuTokenize(
  text: string,
  options: BleuTokenizeOptions = {},
): { tokenized: string; tokens: string[] } {
  checkString('bleuTokenize', 'text', text);
  checkOptionsObject('bleuTokenize', options);
  const fn = bleuTokenizerFor(options.tokenize ?? '13a', 'bleuTokenize');
  const tokenized = fn(pyRstrip(options.lowercase ? text.toLowerCase() : text));
  return { tokenized, tokens: pySplit(tokenized) };
}
