import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import puppeteer from 'puppeteer-core';
import type { Browser, KeyInput, Page } from 'puppeteer-core';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../commands/run-nlpft.test-helper';
import { checkReportInBrowser } from '../report/browser-check';
import { resolveChromium } from '../report/chromium-binary';
import type { ReviewReport } from './review-report';
import { SIX_ITEMS_JSONL, sixItems } from './test-items.test-helper';

// Runs the built `nlpft` (SIGKILL needs a process of its own) and headless Chromium from the npm registry
// (@sparticuz/chromium), as report.browser.test.ts does. Never skipped: keyboard use is only proven in a browser.
const bin = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'bin.js');
const TIMEOUT = 120_000;

type Mark = 'YY' | 'YN' | 'N';
// The same ratings as review-report.test.ts, whose numbers are worked out there and below.
const PLAN: Record<'ann' | 'bob', Record<string, Mark>> = {
  ann: { a1: 'YY', a2: 'YN', a3: 'N', b1: 'YY', b2: 'N', b3: 'YN' },
  bob: { a1: 'YY', a2: 'YY', a3: 'N', b1: 'YN', b2: 'YN', b3: 'YN' },
};
const itemByOutput = new Map(sixItems().items.map((i) => [i.output, i]));
const keysOf = (m: Mark): KeyInput[] => (m === 'N' ? ['n'] : ['y', m === 'YY' ? 's' : 'g']);

const dir = tempDir();
writeFileSync(join(dir, 'items.jsonl'), SIX_ITEMS_JSONL);
const children: ChildProcess[] = [];
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** Starts `nlpft review` and resolves with the URL it prints. */
function serve(port: number): Promise<{ child: ChildProcess; base: string; port: number }> {
  const child = spawn(
    process.execPath,
    [bin, 'review', 'items.jsonl', '--db', 'r.sqlite', '--port', String(port)],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`no URL after 20 s: ${out} ${err}`)), 20_000);
    child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^open (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] as string, port: Number(m[2]) });
      }
    });
    child.on('exit', (code) => reject(new Error(`nlpft review exited with ${code}: ${err}`)));
  });
}

const text = async (page: Page, js: string): Promise<string> => String(await page.evaluate(js));
const progress = (page: Page): Promise<string> =>
  text(page, "document.getElementById('progress').textContent");

/** The item on screen, known to the test by its (unique) output; the page itself never says which it is. */
async function shown(page: Page): Promise<{ id: string; key: string }> {
  const output = await text(page, "document.getElementById('output').textContent");
  const item = itemByOutput.get(output);
  if (!item) throw new Error(`unexpected output on screen: ${output}`);
  return { id: item.id, key: await text(page, 'document.body.dataset.key') };
}

/** Rates the item on screen with the keyboard alone, then waits until the page says the server stored it. */
async function rate(page: Page, mark: Mark, rated: number, comment?: string): Promise<void> {
  await page.bringToFront();
  for (const key of keysOf(mark)) await page.keyboard.press(key);
  if (comment !== undefined) {
    await page.keyboard.press('c');
    await page.keyboard.type(comment);
  }
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    `document.getElementById('status').textContent === 'Saved. ${rated} of 6 rated.'`,
    { timeout: 10_000 },
  );
}

/** Watches a page for script errors and for requests anywhere but the review server. */
function watch(page: Page, base: () => string): { errors: string[]; foreign: string[] } {
  const seen = { errors: [] as string[], foreign: [] as string[] };
  page.on('pageerror', (e) => seen.errors.push(e instanceof Error ? e.message : String(e)));
  page.on('console', (m) => void (m.type() === 'error' && seen.errors.push(m.text())));
  page.on('request', (r) => void (!r.url().startsWith(base()) && seen.foreign.push(r.url())));
  return seen;
}

describe('nlpft review in headless Chromium', () => {
  it(
    'two raters rate by keyboard, the server is SIGKILLed and restarted, nothing is lost, and the report matches',
    async () => {
      browser = await puppeteer.launch({
        executablePath: (await resolveChromium()).executablePath,
        headless: true,
        args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      });
      let server = await serve(0);
      const ann = await browser.newPage();
      const bob = await browser.newPage();
      const annSeen = watch(ann, () => server.base);
      const bobSeen = watch(bob, () => server.base);
      await ann.goto(`${server.base}?rater=ann`);
      // bob names himself on the first screen: the name field has focus, Enter starts.
      await bob.goto(server.base);
      await bob.bringToFront();
      // autofocus lands after load, and keys typed before it are lost: wait for it (no click).
      await bob.waitForFunction("document.activeElement?.id === 'rater'");
      await bob.keyboard.type('bob');
      await Promise.all([bob.waitForNavigation(), bob.keyboard.press('Enter')]);
      expect(bob.url()).toBe(`${server.base}?rater=bob`);
      expect(await progress(ann)).toBe('0 of 6 rated');

      // First session: three items each, in turns. ann's first rating is a slip (she corrects it later), with a
      // comment full of markup.
      const slip = await shown(ann);
      const wrong: Mark = PLAN.ann[slip.id] === 'N' ? 'YY' : 'N';
      await rate(ann, wrong, 1, '<b>hmm</b> & "later"');
      for (let n = 1; n <= 3; n++) {
        await rate(bob, PLAN.bob[(await shown(bob)).id]!, n, n === 2 ? 'bob was here' : undefined);
        if (n < 3) await rate(ann, PLAN.ann[(await shown(ann)).id]!, n + 1);
      }
      expect(await progress(ann)).toBe('3 of 6 rated');
      expect(await progress(bob)).toBe('3 of 6 rated');

      // SIGKILL: no handler runs; only what each submission committed can survive.
      server.child.kill('SIGKILL');
      await new Promise((resolve) => server.child.once('exit', resolve));
      expect(server.child.signalCode).toBe('SIGKILL');
      const raw = new Database(join(dir, 'r.sqlite'));
      expect(
        raw.prepare('SELECT rater, COUNT(*) AS n FROM ratings GROUP BY rater ORDER BY rater').all(),
      ).toEqual([
        { rater: 'ann', n: 3 },
        { rater: 'bob', n: 3 },
      ]);
      raw.close();

      // Restart on the same port and database; the raters reload and carry on at their next unrated item.
      server = await serve(server.port);
      for (const page of [ann, bob]) {
        await page.reload();
        expect(await progress(page)).toBe('3 of 6 rated');
        const state = JSON.parse(
          await text(page, "document.getElementById('review-state').textContent"),
        ) as {
          items: { key: string; rating: unknown }[];
        };
        // Each rater's order is the same as before the restart: their first three items are the rated ones.
        expect(state.items.map((i) => i.rating !== null)).toEqual([
          true,
          true,
          true,
          false,
          false,
          false,
        ]);
        expect((await shown(page)).key).toBe(state.items[3]?.key);
        expect(await text(page, "document.getElementById('saved').textContent")).toBe(
          'not rated yet',
        );
      }

      // ann goes back (← and k) to her slip and re-rates it: her row is replaced, the count stays 3.
      await ann.bringToFront();
      for (let i = 0; i < 6 && (await shown(ann)).id !== slip.id; i++)
        await ann.keyboard.press(i % 2 ? 'k' : 'ArrowLeft');
      expect((await shown(ann)).id).toBe(slip.id);
      await rate(ann, PLAN.ann[slip.id]!, 3);
      for (let n = 4; n <= 6; n++) {
        const a = await shown(ann);
        if (a.id === 'b3') {
          // The hostile item is shown as text: its markup is neither parsed nor run.
          expect(await text(ann, "document.getElementById('prompt').textContent")).toBe(
            'Tell me a joke. <script>window.__pwned = 1</script>',
          );
          expect(
            await text(ann, "document.querySelectorAll('#prompt *, #output *, img').length"),
          ).toBe('0');
        }
        await rate(ann, PLAN.ann[a.id]!, n);
        await rate(bob, PLAN.bob[(await shown(bob)).id]!, n);
      }
      for (const page of [ann, bob]) {
        expect(await progress(page)).toBe('6 of 6 rated');
        expect(await text(page, "document.getElementById('done').hidden")).toBe('false');
        expect(await text(page, 'typeof window.__pwned')).toBe('undefined');
      }
      for (const seen of [annSeen, bobSeen]) expect(seen).toEqual({ errors: [], foreign: [] });

      // Ctrl-C (SIGINT) stops the server cleanly.
      server.child.kill('SIGINT');
      const code = await new Promise((resolve) => server.child.once('exit', resolve));
      expect(code).toBe(0);

      const r = spawnSync(
        process.execPath,
        [
          bin,
          'review',
          '--report',
          '--db',
          'r.sqlite',
          'items.jsonl',
          '--json',
          '--bootstrap',
          '200',
        ],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const report = JSON.parse(r.stdout) as ReviewReport;
      expect(report.raters).toEqual(['ann', 'bob']);
      expect(report.ratings).toBe(12);
      // alpha: a1 YY+YY → sensible, specific; a2 YN+YY → sensible, specific 1 of 2 (a tie is no); a3 N+N.
      //   sensibleness 2/3, specificity 1/3, SSA 1/2.
      // beta: b1 YY+YN → sensible, generic; b2 N+YN → sensible 1 of 2: no; b3 YN+YN → sensible, generic.
      //   sensibleness 2/3, specificity 0, SSA 1/3.
      const [alpha, beta] = report.systems;
      expect([
        alpha?.system,
        alpha?.sensibleness?.value,
        alpha?.specificity?.value,
        alpha?.ssa?.value,
      ]).toEqual([
        'alpha',
        expect.closeTo(2 / 3, 12),
        expect.closeTo(1 / 3, 12),
        expect.closeTo(1 / 2, 12),
      ]);
      expect([
        beta?.system,
        beta?.sensibleness?.value,
        beta?.specificity?.value,
        beta?.ssa?.value,
      ]).toEqual(['beta', expect.closeTo(2 / 3, 12), 0, expect.closeTo(1 / 3, 12)]);
      // Sensible over a1 a2 a3 b1 b2 b3: ann 1 1 0 1 0 1, bob 1 1 0 1 1 1. Agreement po = 5/6.
      //   Cohen: pe = (4/6)(5/6) + (2/6)(1/6) = 22/36 → κ = (30/36 − 22/36) / (1 − 22/36) = 8/14 = 4/7.
      //   Fleiss: p_yes = 9/12 = 3/4, P̄e = (3/4)² + (1/4)² = 5/8 → κ = (5/6 − 5/8) / (1 − 5/8) = 5/9.
      // Specific (sensible and specific): ann 1 0 0 1 0 0, bob 1 1 0 0 0 0. po = 4/6.
      //   Cohen: pe = (2/6)² + (4/6)² = 5/9 → κ = (2/3 − 5/9) / (4/9) = 1/4; Fleiss: p_yes = 4/12, same P̄e → 1/4.
      expect(report.agreement).toEqual({
        raters: ['ann', 'bob'],
        items: 6,
        sensible: { cohenKappa: expect.closeTo(4 / 7, 12), fleissKappa: expect.closeTo(5 / 9, 12) },
        specific: { cohenKappa: expect.closeTo(1 / 4, 12), fleissKappa: expect.closeTo(1 / 4, 12) },
      });
      // ann's comment stayed with her re-rated item (the field keeps it), bob's with his second.
      expect(report.comments.map((c) => [c.rater, c.itemId, c.comment])).toEqual(
        expect.arrayContaining([
          ['ann', slip.id, '<b>hmm</b> & "later"'],
          ['bob', expect.any(String), 'bob was here'],
        ]),
      );
      expect(report.comments).toHaveLength(2);
    },
    TIMEOUT,
  );

  it(
    "draws the --html report's chart and tables in the viewport, with no errors",
    async () => {
      // Runs after the rating test above, on the ratings it stored.
      const html = join(dir, 'review.html');
      const r = spawnSync(
        process.execPath,
        [bin, 'review', '--report', '--db', 'r.sqlite', 'items.jsonl', '--html', html],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(r.status).toBe(0);
      const check = await checkReportInBrowser(html, join(dir, 'review.png'), {
        minScreenshotBytes: 10_000,
      });
      expect(check.problems).toEqual([]);
      expect(check.charts).toBe(1);
      // SSA (two systems), agreement (sensible, specific), comments (two).
      expect(check.tableRows).toEqual([2, 2, 2]);
      expect(check.sections).toEqual(['report-header', 'ssa', 'agreement', 'comments']);
    },
    TIMEOUT,
  );
});
