import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { repoRoot } from '@nlpft/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReportInBrowser } from './browser-check';
import { SECTIONS } from './section-header';
import { syntheticResults } from './synthetic-results';
import { writeReport } from './write-report';

// Runs headless Chromium from the npm registry (@sparticuz/chromium, a devDependency), or CHROMIUM_PATH's. The
// tests never skip: the report's layout is only proven in a real browser.
const dir = mkdtempSync(join(tmpdir(), 'nlpft-report-browser-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const TIMEOUT = 120_000;

describe('the report in headless Chromium', () => {
  it(
    'draws every chart, fills every table, fits the viewport and logs no errors',
    async () => {
      const html = await writeReport(join(dir, 'wide'), syntheticResults());
      const r = await checkReportInBrowser(html, join(dir, 'wide', 'report.png'));
      expect(r.problems).toEqual([]);
      // With CHROMIUM_PATH unset (as CI runs it), the browser came from the npm registry, not the system.
      if (!process.env['CHROMIUM_PATH']) {
        expect(relative(repoRoot(), r.executablePath).split(sep)[0]).toBe('node_modules');
      }
      expect(r.charts).toBe(13);
      expect(r.tables).toBe(9);
      expect(r.tableRows).toEqual([16, 14, 5, 2, 5, 2, 2, 5, 3]);
      expect(r.sections).toEqual(['report-header', ...SECTIONS.map(([id]) => id)]);
      // A full page: viewport-wide, several screens tall, not blank.
      expect(r.screenshot.width).toBe(1280);
      expect(r.screenshot.height).toBeGreaterThan(4000);
      expect(r.screenshot.bytes).toBeGreaterThan(200_000);
      expect(r.screenshot.inkFraction).toBeGreaterThan(0.03);
      expect(r.screenshot.colors).toBeGreaterThan(50);
    },
    TIMEOUT,
  );

  it(
    'still fits a narrow (tablet) viewport',
    async () => {
      const html = await writeReport(join(dir, 'narrow'), syntheticResults());
      const r = await checkReportInBrowser(html, join(dir, 'narrow', 'report.png'), {
        viewport: { width: 820, height: 1000 },
      });
      expect(r.problems).toEqual([]);
      expect(r.screenshot.width).toBe(820);
    },
    TIMEOUT,
  );

  it(
    'reports a broken page: empty chart, empty table, overflow, clipped text, script error, remote request',
    async () => {
      const page = join(dir, 'broken.html');
      writeFileSync(
        page,
        `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<figure data-chart="empty"><svg width="0" height="0"></svg></figure>
<figure data-chart="clipped"><svg width="100" height="40"><rect width="100" height="40" fill="#eee"/>
<line x1="0" y1="0" x2="9" y2="9" stroke="#000"/><line x1="0" y1="9" x2="9" y2="0" stroke="#000"/>
<text x="60" y="20">a label far too long for this chart</text></svg></figure>
<table id="no-rows"><thead><tr><th>a</th></tr></thead><tbody></tbody></table>
<div id="too-wide" style="width:3000px;height:10px;background:#000"></div>
<img src="http://127.0.0.1:9/remote.png" alt="">
<script>throw new Error('boom');</script>
</body></html>`,
      );
      const r = await checkReportInBrowser(page, join(dir, 'broken.png'), {
        minScreenshotBytes: 0,
      });
      const all = r.problems.join('\n');
      expect(all).toMatch(/chart empty: empty box 0x0/);
      expect(all).toMatch(/chart clipped: text "a label far too long for this chart" is cut off/);
      expect(all).toMatch(/table table#no-rows has no rows/);
      expect(all).toMatch(/page scrolls sideways: 3000px wide in a 1280px viewport/);
      expect(all).toMatch(/div#too-wide spans 0\.\.3000px/);
      expect(all).toMatch(/console error: .*boom/);
      expect(all).toMatch(/request beyond the file: http:\/\/127\.0\.0\.1:9\/remote\.png/);
    },
    TIMEOUT,
  );

  it('fails with a hint when the Chromium it is given is missing', async () => {
    await expect(
      checkReportInBrowser(join(dir, 'wide', 'index.html'), join(dir, 'x.png'), {
        executablePath: join(dir, 'no-such-chromium'),
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        code: 'BROWSER_NOT_FOUND',
        message: expect.stringContaining('@sparticuz/chromium'),
      }),
    );
  });
});
