import { join } from 'node:path';
import { writeFileAtomic } from '@nlpft/training';
import { findingsFile } from './findings-file';
import { renderReport } from './render-report';
import type { DemoResults } from './report-types';

/**
 * Writes `results.json`, `findings.json` ({@link findingsFile}: the claims and situation map for machines) and
 * then `index.html` into `dir` (created if needed), each atomically (temp file + rename), so a reader never
 * sees half a file. The JSON goes first: if rendering throws, the numbers are kept.
 * @returns the path of `index.html`.
 * @throws {CliError} `INVALID_CHART_DATA` from {@link renderReport}; fs errors as they are.
 * @example const html = await writeReport('demo-report', results); // 'demo-report/index.html'
 */
export function writeReport(dir: string, results: DemoResults): Promise<string> {
  // The writes are synchronous (fsync + rename); the Promise keeps room for an async renderer and turns
  // a throw into a rejection like any async API.
  try {
    writeFileAtomic(join(dir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileAtomic(
      join(dir, 'findings.json'),
      `${JSON.stringify(findingsFile(results), null, 2)}\n`,
    );
    const htmlPath = join(dir, 'index.html');
    writeFileAtomic(htmlPath, renderReport(results));
    return Promise.resolve(htmlPath);
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
