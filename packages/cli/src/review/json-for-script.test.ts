import { describe, expect, it } from 'vitest';
import { jsonForScript } from './json-for-script';

describe('jsonForScript', () => {
  it('escapes what could end a script element, and parses back to the same value', () => {
    const value = { t: '</script><!-- & \u2028 "q"' };
    const json = jsonForScript(value);
    expect(json).toBe('{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028 \\"q\\""}');
    expect(JSON.parse(json)).toEqual(value);
  });
});
