import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DemoResults } from './report-types';
import { syntheticResults } from './synthetic-results';
import { writeReport } from './write-report';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'nlpft-report-'));
  dirs.push(d);
  return d;
};

describe('writeReport', () => {
  it('writes index.html, results.json and findings.json, returns the html path and leaves no temp files', async () => {
    const dir = join(tempDir(), 'nested', 'report');
    const results = syntheticResults();
    const html = await writeReport(dir, results);
    expect(html).toBe(join(dir, 'index.html'));
    expect(readdirSync(dir).sort()).toEqual(['findings.json', 'index.html', 'results.json']);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!DOCTYPE html>.*<\/html>\n$/s);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toEqual(results);
  });

  it('replaces an earlier report', async () => {
    const dir = tempDir();
    await writeReport(dir, syntheticResults());
    const quick = syntheticResults();
    quick.meta.machine = 'second run';
    await writeReport(dir, quick);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('second run');
    expect(readdirSync(dir)).toHaveLength(3);
  });

  it('keeps results.json and findings.json when rendering fails, and rejects', async () => {
    const dir = tempDir();
    const bad: DemoResults = syntheticResults();
    bad.pretraining[0]!.lossCurve[3]!.loss = Number.POSITIVE_INFINITY;
    await expect(writeReport(dir, bad)).rejects.toThrow(
      expect.objectContaining({ code: 'INVALID_CHART_DATA' }),
    );
    expect(readdirSync(dir).sort()).toEqual(['findings.json', 'results.json']);
  });
});
