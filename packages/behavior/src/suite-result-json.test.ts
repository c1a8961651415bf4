import { describe, expect, it } from 'vitest';
import { hostileResult } from './suite-result.test-helper';
import { suiteResultJson } from './suite-result-json';

describe('suiteResultJson', () => {
  it('round-trips the result with a format tag, keeping null failure rates', () => {
    const parsed: unknown = JSON.parse(suiteResultJson(hostileResult));
    expect(parsed).toEqual({ format: 'nlpft-behavior-suite/1', ...hostileResult });
    expect(suiteResultJson(hostileResult)).toContain('"failureRate": null');
  });
});
