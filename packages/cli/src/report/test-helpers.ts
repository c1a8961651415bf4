/**
 * Test-only helpers for the report's markup (not exported from the package).
 */

/**
 * Throws unless `xml` is well-formed enough for an XML parser: tags balance, attribute values are quoted,
 * and `&` only starts an entity. (Node has no DOMParser; the browser test parses the real page.)
 */
export function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/y;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt === -1 ? xml.length : lt);
    const badAmp =
      /&(?!(?:amp|lt|gt|quot|#39|#\d+|#x[0-9a-f]+|nbsp|ndash|mdash|middot|times|plusmn|minus);)/i.exec(
        text,
      );
    if (badAmp)
      throw new Error(
        `bare '&' at ${i + badAmp.index}: …${text.slice(badAmp.index, badAmp.index + 20)}`,
      );
    if (lt === -1) break;
    if (xml.startsWith('<!--', lt)) {
      i = xml.indexOf('-->', lt) + 3;
      continue;
    }
    if (xml.startsWith('<!DOCTYPE', lt) || xml.startsWith('<!doctype', lt)) {
      i = xml.indexOf('>', lt) + 1;
      continue;
    }
    tag.lastIndex = lt;
    const m = tag.exec(xml);
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 80)}`);
    const [, close, name, , selfClose] = m;
    if (close) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> at ${lt} closes <${open ?? 'nothing'}>`);
    } else if (!selfClose && !VOID.has(name!.toLowerCase())) {
      stack.push(name!);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`unclosed tags: ${stack.join(' > ')}`);
}

/** HTML elements without a closing tag. */
const VOID = new Set(['meta', 'br', 'hr', 'img', 'link', 'input', 'col', 'wbr']);

/** The attribute values of every `<tag …>` in `markup`, in order. */
export function attributesOf(markup: string, tagName: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of markup.matchAll(new RegExp(`<${tagName}\\b([^>]*)>`, 'g'))) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push(attrs);
  }
  return out;
}
