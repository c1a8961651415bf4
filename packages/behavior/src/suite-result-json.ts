import type { SuiteResult } from './types';

/** The JSON document `suiteResultJson` writes: the result plus a format tag for readers. */
export interface SuiteResultDocument extends SuiteResult {
  format: 'nlpft-behavior-suite/1';
}

/**
 * The suite result as pretty-printed JSON (`format: 'nlpft-behavior-suite/1'`), for CI artefacts and diffs.
 * A test with nothing tested has `"failureRate": null`.
 * @example writeFileSync('behavior.json', suiteResultJson(result));
 */
export function suiteResultJson(result: SuiteResult): string {
  const doc: SuiteResultDocument = { format: 'nlpft-behavior-suite/1', ...result };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
