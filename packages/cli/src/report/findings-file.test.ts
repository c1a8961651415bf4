import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findingsFile } from './findings-file';
import type { DemoResults, Finding, FindingsFile } from './report-types';
import { syntheticResults } from './synthetic-results';
import { writeReport } from './write-report';

const results = syntheticResults();
const dir = mkdtempSync(join(tmpdir(), 'nlpft-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const withFindings = (findings: Finding[]): DemoResults => ({ ...results, findings });
const finding = (claim: string, extra: Partial<Finding> = {}): Finding => ({
  claim,
  holds: true,
  evidence: '',
  ...extra,
});

describe('findingsFile', () => {
  it('round-trips through findings.json written beside index.html', async () => {
    await writeReport(dir, results);
    const read = JSON.parse(readFileSync(join(dir, 'findings.json'), 'utf8')) as FindingsFile;
    expect(read).toEqual(findingsFile(results));
    expect(read.claims).toHaveLength(results.findings.length);
    expect(read.claims[3]).toEqual({
      id: 'transfer',
      statement: 'A pretrained encoder beats a random one',
      situation: null,
      verdict: 'supported',
      effect: 0.123,
      p: 0.003,
      seeds: 5,
    });
    expect(read.claims[1]).toMatchObject({
      situation: { similarity: 'dissimilar', size: 'small' },
      effect: -0.035,
      p: 0.0004,
    });
  });

  it('keeps each situation’s fields but its train size and task', () => {
    const [first] = findingsFile(results).situations;
    const s = results.situations[0]!;
    expect(first).toEqual({
      similarity: s.similarity,
      size: s.size,
      lectureStrategy: s.lectureStrategy,
      measuredBest: s.measuredBest,
      scores: s.scores,
    });
    expect(findingsFile(results).situations).toHaveLength(4);
  });

  it('maps holds true / false / null to supported / contradicted / inconclusive', () => {
    const file = findingsFile(
      withFindings([
        finding('a', { holds: true }),
        finding('b', { holds: false }),
        finding('c', { holds: null }),
      ]),
    );
    expect(file.claims.map((c) => c.verdict)).toEqual([
      'supported',
      'contradicted',
      'inconclusive',
    ]);
  });

  it('fills effect and p with null and seeds with 0 when absent or not finite', () => {
    const [absent, nan] = findingsFile(
      withFindings([finding('a'), finding('b', { effect: Number.NaN, p: null })]),
    ).claims;
    expect(absent).toMatchObject({ effect: null, p: null, seeds: 0, situation: null });
    expect(nan).toMatchObject({ effect: null, p: null });
  });

  it('slugs the claim when there is no id and makes ids unique with -2, -3', () => {
    const file = findingsFile(
      withFindings([
        finding('Pre-training helps & <more>!'),
        finding('pre-training helps more'),
        finding('x', { id: 'pre-training-helps-more' }),
        finding('y', { id: 'transfer' }),
        finding('Transfer'),
      ]),
    );
    expect(file.claims.map((c) => c.id)).toEqual([
      'pre-training-helps-more',
      'pre-training-helps-more-2',
      'pre-training-helps-more-3',
      'transfer',
      'transfer-2',
    ]);
  });

  it("keeps one id across situations: a 'transfer' claim per cell of the lecture's map", () => {
    const at = (similarity: 'similar' | 'dissimilar', size: 'small' | 'large') => ({
      id: 'transfer',
      situation: { similarity, size },
    });
    const file = findingsFile(
      withFindings([
        finding('a', at('similar', 'small')),
        finding('b', at('similar', 'large')),
        finding('c', at('dissimilar', 'small')),
        finding('d', at('similar', 'small')),
      ]),
    );
    expect(file.claims.map((c) => c.id)).toEqual([
      'transfer',
      'transfer',
      'transfer',
      'transfer-2',
    ]);
  });
});
