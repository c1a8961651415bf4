import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../report/render-report';
import { syntheticResults } from '../report/synthetic-results';
import { runNlpft, tempDir } from './run-nlpft.test-helper';

function resultsFile(content: string): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'results.json'), content);
  return dir;
}

describe('nlpft report', () => {
  it('writes the index.html renderReport renders, and results.json, into --out', async () => {
    const results = syntheticResults();
    const dir = resultsFile(JSON.stringify(results));
    const r = await runNlpft(['report', 'results.json', '--out', 'site'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`nlpft report: wrote ${join(dir, 'site', 'index.html')}\n`);
    expect(readFileSync(join(dir, 'site', 'index.html'), 'utf8')).toBe(renderReport(results));
    expect(JSON.parse(readFileSync(join(dir, 'site', 'results.json'), 'utf8'))).toEqual(results);
  });

  it('writes into ./demo-report by default, and prints the HTML with --stdout', async () => {
    const results = syntheticResults();
    const dir = resultsFile(JSON.stringify(results));
    const r = await runNlpft(['report', 'results.json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'demo-report', 'index.html'), 'utf8')).toBe(
      renderReport(results),
    );
    const out = await runNlpft(['report', '-', '--stdout'], { stdin: JSON.stringify(results) });
    expect(out.stdout).toBe(renderReport(results));
  });

  it('names the file and the field of malformed results', async () => {
    const notJson = await runNlpft(['report', 'results.json'], { cwd: resultsFile('{"meta": ') });
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toContain(
      'error[INVALID_INPUT]: nlpft report: results.json: not valid JSON',
    );
    const rest: Partial<ReturnType<typeof syntheticResults>> = syntheticResults();
    delete rest.findings;
    const noFindings = await runNlpft(['report', 'results.json'], {
      cwd: resultsFile(JSON.stringify(rest)),
    });
    expect(noFindings.stderr).toBe(
      'error[INVALID_INPUT]: nlpft report: results.json: findings: expected an array, got nothing\n',
    );
    const missing = await runNlpft(['report', 'nope.json'], { cwd: tempDir() });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('error[FILE_NOT_FOUND]: nlpft report: results: no file at ');
  });
});
