import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRatingsDb } from '../review/ratings-db';
import type { ReviewReport } from '../review/review-report';
import { SIX_ITEMS_JSONL, sixItems } from '../review/test-items.test-helper';
import { runNlpft, writeFiles } from './run-nlpft.test-helper';

const folder = (): string => writeFiles({ 'items.jsonl': SIX_ITEMS_JSONL });

async function ratedFolder(): Promise<string> {
  const dir = folder();
  const db = await openRatingsDb(join(dir, 'r.sqlite'), sixItems());
  // ann: a1 sensible+specific, b1 not sensible; bob: a1 sensible only, b1 sensible+specific.
  db.save({ rater: 'ann', itemId: 'a1', sensible: true, specific: true, comment: 'good' });
  db.save({ rater: 'ann', itemId: 'b1', sensible: false, specific: false, comment: '' });
  db.save({ rater: 'bob', itemId: 'a1', sensible: true, specific: false, comment: '' });
  db.save({ rater: 'bob', itemId: 'b1', sensible: true, specific: true, comment: '' });
  db.close();
  return dir;
}

describe('nlpft review --report', () => {
  it('prints SSA per system and the agreement as JSON', async () => {
    const dir = await ratedFolder();
    const r = await runNlpft(
      ['review', '--report', '--db', 'r.sqlite', 'items.jsonl', '--json', '--bootstrap', '100'],
      { cwd: dir },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as ReviewReport;
    // alpha: only a1 rated, both sensible, specific 1 of 2 (a tie is no) → 1, 0, 0.5.
    // beta: only b1 rated, sensible 1 of 2 → 0, 0, 0.
    expect(
      report.systems.map((s) => [
        s.system,
        s.ratedItems,
        s.sensibleness?.value,
        s.specificity?.value,
        s.ssa?.value,
      ]),
    ).toEqual([
      ['alpha', 1, 1, 0, 0.5],
      ['beta', 1, 0, 0, 0],
    ]);
    // sensible over a1, b1: ann 1 0, bob 1 1 → Cohen po = 1/2, pe = (1/2)(1) + (1/2)(0) = 1/2 → κ = 0.
    // Fleiss: P̄ = (1 + 0) / 2, p_yes = 3/4 → P̄e = 9/16 + 1/16 = 5/8 → κ = (1/2 − 5/8) / (3/8) = −1/3.
    // specific: ann 1 0, bob 0 1 → po = 0, pe = 1/2 → κ = (0 − 1/2) / (1/2) = −1.
    expect(report.agreement?.sensible.cohenKappa).toBeCloseTo(0, 12);
    expect(report.agreement?.sensible.fleissKappa).toBeCloseTo(-1 / 3, 12);
    expect(report.agreement?.specific.cohenKappa).toBeCloseTo(-1, 12);
    expect(report.bootstrap).toEqual({ samples: 100, seed: 12345, confidence: 0.95 });
  });

  it('prints the table as text and writes the HTML page', async () => {
    const dir = await ratedFolder();
    const r = await runNlpft(
      ['review', '--report', '--db', 'r.sqlite', 'items.jsonl', '--html', 'review.html'],
      { cwd: dir },
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^alpha +1\/3 +1\.000 \[1\.000, 1\.000\] +0\.000 \[0\.000, 0\.000\] +0\.500 \[0\.500, 0\.500\]$/m,
    );
    expect(r.stdout).toContain("specific: Cohen's kappa -1.000, Fleiss' kappa -1.000");
    const html = readFileSync(join(dir, 'review.html'), 'utf8');
    expect(html).toContain('<td class="text">good</td>');
    expect(html).toContain('data-chart="ssa"');
  });

  it('names a missing database instead of making one (exit 1)', async () => {
    const dir = folder();
    const r = await runNlpft(['review', '--report', '--db', 'none.sqlite', 'items.jsonl'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `error[FILE_NOT_FOUND]: nlpft review --report: --db ${join(dir, 'none.sqlite')}: no file there`,
    );
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });
});

describe('nlpft review', () => {
  it('refuses a database made for another items file before serving (exit 1)', async () => {
    const dir = await ratedFolder();
    writeFileSync(join(dir, 'other.jsonl'), SIX_ITEMS_JSONL.replace('Paris.', 'Lyon.'));
    const r = await runNlpft(['review', '--db', 'r.sqlite', 'other.jsonl', '--port', '0'], {
      cwd: dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[INVALID_INPUT]: nlpft review: --db');
    expect(r.stderr).toContain('holds ratings of another items file');
  });

  it.each([
    [['--json'], '--json: only with --report'],
    [['--html', 'x.html'], '--html: only with --report'],
    [['--rater', ' ann'], '--rater " ann" has leading or trailing spaces'],
    [['--report', '--rater', 'ann'], '--rater: only for rating'],
    [['--port', '70000'], '--port: expected a number ≤ 65535, got 70000'],
  ])('refuses %j as a usage error (exit 2)', async (flags, message) => {
    const r = await runNlpft(['review', '--db', 'r.sqlite', 'items.jsonl', ...flags], {
      cwd: folder(),
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it('says when the port is taken (exit 2)', async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as AddressInfo).port;
    try {
      const r = await runNlpft(
        ['review', '--db', 'r.sqlite', 'items.jsonl', '--port', String(port)],
        { cwd: folder() },
      );
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `error[INVALID_OPTION]: nlpft review: --port: port ${port} is in use`,
      );
    } finally {
      busy.close();
    }
  });
});
