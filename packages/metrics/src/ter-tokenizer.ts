import { checkOptionsObject, checkString } from './input-checks';
import { pySplit } from './python-text';

/** Options of sacrebleu's `TercomTokenizer`. */
export interface TercomTokenizerOptions {
  /** Tercom normalization: unescape, split punctuation (and CJK with `asianSupport`). @defaultValue false */
  normalized?: boolean;
  /** Remove `.,?:;!"()` (and CJK punctuation with `asianSupport`). @defaultValue false */
  noPunct?: boolean;
  /** CJK-aware normalization and punctuation removal. @defaultValue false */
  asianSupport?: boolean;
  /** Keep case; otherwise lowercase. @defaultValue false */
  caseSensitive?: boolean;
}

const RE_PUNCT = /([{-~[-` -&(-+:-@/])/g;
const RE_POSSESSIVE = /'s /g;
const RE_POSSESSIVE_END = /'s$/;
const RE_PERIOD_COMMA_AFTER_NONDIGIT = /([^0-9])([.,])/g;
const RE_PERIOD_COMMA_BEFORE_NONDIGIT = /([.,])([^0-9])/g;
const RE_DASH_AFTER_DIGIT = /([0-9])(-)/g;
const RE_CJK = /([\u4e00-\u9fff\u3400-\u4dbf])/g;
const RE_CJK_STROKES = /([\u31c0-\u31ef\u2e80-\u2eff])/g;
const RE_CJK_COMPAT = /([\u3300-\u33ff\uf900-\ufaff\ufe30-\ufe4f])/g;
const RE_CJK_ENCLOSED = /([\u3200-\u3f22])/g;
// sacrebleu's (buggy, `^` inside the group) kana rules, kept as written: they only match a line that is all kana.
const RE_HIRAGANA = /(^|^[\u3040-\u309f])([\u3040-\u309f]+)(?=$|^[\u3040-\u309f])/g;
const RE_KATAKANA = /(^|^[\u30a0-\u30ff])([\u30a0-\u30ff]+)(?=$|^[\u30a0-\u30ff])/g;
const RE_KATAKANA_EXT = /(^|^[\u31f0-\u31ff])([\u31f0-\u31ff]+)(?=$|^[\u31f0-\u31ff])/g;
const RE_ASIAN_PUNCT = /([\u3001\u3002\u3008-\u3011\u3014-\u301f\uff61-\uff65\u30fb])/g;
const RE_FULL_WIDTH_PUNCT = /([\uff0e\uff0c\uff1f\uff1a\uff1b\uff01\uff02\uff08\uff09])/g;
const RE_REMOVE_PUNCT = /[.,?:;!"()]/g;

function normalizeGeneralAndWestern(sent: string): string {
  sent = sent.replaceAll('\n-', '').replaceAll('\n', ' ');
  sent = sent
    .replaceAll('&quot;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');
  sent = ` ${sent} `;
  sent = sent.replace(RE_PUNCT, ' $1 ');
  sent = sent.replace(RE_POSSESSIVE, " 's ").replace(RE_POSSESSIVE_END, " 's");
  sent = sent.replace(RE_PERIOD_COMMA_AFTER_NONDIGIT, '$1 $2 ');
  sent = sent.replace(RE_PERIOD_COMMA_BEFORE_NONDIGIT, ' $1 $2');
  return sent.replace(RE_DASH_AFTER_DIGIT, '$1 $2 ');
}

function normalizeAsian(sent: string): string {
  sent = sent
    .replace(RE_CJK, ' $1 ')
    .replace(RE_CJK_STROKES, ' $1 ')
    .replace(RE_CJK_COMPAT, ' $1 ');
  sent = sent.replace(RE_CJK_ENCLOSED, ' $1 ');
  sent = sent
    .replace(RE_HIRAGANA, '$1 $2 ')
    .replace(RE_KATAKANA, '$1 $2 ')
    .replace(RE_KATAKANA_EXT, '$1 $2 ');
  return sent.replace(RE_ASIAN_PUNCT, ' $1 ').replace(RE_FULL_WIDTH_PUNCT, ' $1 ');
}

/**
 * sacrebleu 2.4.3's `TercomTokenizer` (a port of Tercom's `Normalizer.java`): lowercase unless
 * `caseSensitive`, optional normalization and punctuation removal, single spaces.
 * @throws {MetricsError} `INVALID_INPUT` when `sent` is not a string; `INVALID_OPTION` when `options` is not an object.
 * @example tercomTokenize('Hello, World!', { normalized: true }) // 'hello , world !'
 * @see https://github.com/mjpost/sacrebleu/blob/v2.4.3/sacrebleu/tokenizers/tokenizer_ter.py
 */
export function tercomTokenize(sent: string, options: TercomTokenizerOptions = {}): string {
  checkString('tercomTokenize', 'sent', sent);
  checkOptionsObject('tercomTokenize', options);
  if (!sent) return '';
  if (!options.caseSensitive) sent = sent.toLowerCase();
  if (options.normalized) {
    sent = normalizeGeneralAndWestern(sent);
    if (options.asianSupport) sent = normalizeAsian(sent);
  }
  if (options.noPunct) {
    sent = sent.replace(RE_REMOVE_PUNCT, '');
    if (options.asianSupport)
      sent = sent.replace(RE_ASIAN_PUNCT, '').replace(RE_FULL_WIDTH_PUNCT, '');
  }
  return pySplit(sent).join(' ');
}
