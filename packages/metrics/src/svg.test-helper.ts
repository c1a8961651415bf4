/**
 * Test helper: throws unless `xml` would parse as XML, as far as our SVG goes (Node has no DOMParser):
 * every element closes in order, attributes are double-quoted, and `&` only starts a known entity.
 */
export function assertWellFormedXml(xml: string): void {
  const open: string[] = [];
  const element = /^<(\/?)([A-Za-z][\w-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/;
  for (let i = 0; i < xml.length;) {
    const lt = xml.indexOf('<', i);
    const text = xml.slice(i, lt < 0 ? xml.length : lt);
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(text)) throw new Error(`bare & in text "${text}"`);
    if (lt < 0) break;
    const m = element.exec(xml.slice(lt));
    if (!m) throw new Error(`malformed tag at ${lt}: ${xml.slice(lt, lt + 60)}`);
    const [whole, closing, name, attrs, selfClosing] = m;
    if (/&(?!(amp|lt|gt|quot|#39);)/.test(attrs ?? '')) throw new Error(`bare & in ${whole}`);
    if (closing) {
      const last = open.pop();
      if (last !== name) throw new Error(`</${name}> closes <${last ?? 'nothing'}>`);
    } else if (!selfClosing) {
      open.push(name as string);
    }
    i = lt + whole.length;
  }
  if (open.length > 0) throw new Error(`unclosed: ${open.join(' > ')}`);
}

/** The attributes of every `<tagName …>` in `xml`, in document order. */
export function attributesOf(xml: string, tagName: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<${tagName}\\b([^>]*)>`, 'g'))].map((m) => {
    const attributes: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/([\w:-]+)="([^"]*)"/g)) {
      attributes[a[1] as string] = a[2] as string;
    }
    return attributes;
  });
}
