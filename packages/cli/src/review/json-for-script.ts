/**
 * JSON that is safe inside an HTML `<script>` element: `<`, `>` and `&` become `\u003c`, `\u003e`, `\u0026`, so a
 * value holding `</script>` or `<!--` cannot end the element, and U+2028/U+2029 are escaped too. `JSON.parse` of
 * the element's text gives back the value unchanged.
 * @example jsonForScript({ a: '</script>' }) // '{"a":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
