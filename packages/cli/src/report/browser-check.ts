import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { resolveChromium } from './chromium-binary';
import { pngSize } from './png-size';
import { CliError } from '../cli/errors';

/** Options of {@link checkReportInBrowser}. */
export interface BrowserCheckOptions {
  /** The Chromium binary. @defaultValue `CHROMIUM_PATH`, else the build `@sparticuz/chromium` ships (see {@link resolveChromium}) */
  executablePath?: string;
  /** @defaultValue `{ width: 1280, height: 800 }` */
  viewport?: { width: number; height: number };
  /** Limit for launching and loading. @defaultValue 60000 */
  timeoutMs?: number;
  /** A screenshot below this many bytes counts as blank. @defaultValue 20000 */
  minScreenshotBytes?: number;
}

/** What {@link checkReportInBrowser} found. `problems` is empty when the page passed every check. */
export interface BrowserCheckResult {
  /** The Chromium that was launched. */
  executablePath: string;
  /** Elements with `data-chart`. */
  charts: number;
  tables: number;
  /** Body rows of each table, in page order. */
  tableRows: number[];
  /** `id`s of the page's sections, in order. */
  sections: string[];
  /** Full-page screenshot as decoded: PNG size, bytes, share of non-white pixels, distinct colours (sampled). */
  screenshot: {
    path: string;
    width: number;
    height: number;
    bytes: number;
    inkFraction: number;
    colors: number;
  };
  consoleErrors: string[];
  /** Requests the page made beyond its own file (a self-contained report makes none). */
  externalRequests: string[];
  /** Every failed check, in words. */
  problems: string[];
  /** Wall time of the whole check. */
  seconds: number;
}

interface DomReport {
  charts: number;
  tables: number;
  tableRows: number[];
  sections: string[];
  problems: string[];
}

/**
 * Runs in the page (a string, so the package's TypeScript needs no DOM types): every chart has an `<svg>`
 * with a nonzero box, some shapes, and no text cut off at its edge; every table has body rows; nothing
 * sticks out of the viewport or needs a horizontal scrollbar.
 */
const DOM_CHECKS = String.raw`(() => {
  const problems = [];
  const vw = document.documentElement.clientWidth;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    ((el.getAttribute('class') || '').trim() ? '.' + el.getAttribute('class').trim().split(/\s+/).join('.') : '');
  const charts = [...document.querySelectorAll('[data-chart]')];
  if (charts.length === 0) problems.push('no charts ([data-chart]) on the page');
  for (const c of charts) {
    const id = c.getAttribute('data-chart');
    const svg = c.tagName.toLowerCase() === 'svg' ? c : c.querySelector('svg');
    if (!svg) { problems.push('chart ' + id + ': no <svg>'); continue; }
    const r = svg.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) problems.push('chart ' + id + ': empty box ' + r.width + 'x' + r.height);
    const shapes = svg.querySelectorAll('line, polyline, path, circle, rect').length;
    if (shapes < 3) problems.push('chart ' + id + ': only ' + shapes + ' shapes drawn');
    for (const t of svg.querySelectorAll('text')) {
      const text = (t.textContent || '').trim();
      if (!text) continue;
      const b = t.getBoundingClientRect();
      if (b.left < r.left - 1 || b.right > r.right + 1 || b.top < r.top - 1 || b.bottom > r.bottom + 1)
        problems.push('chart ' + id + ': text "' + text.slice(0, 40) + '" is cut off at the chart edge');
    }
  }
  const tables = [...document.querySelectorAll('table')];
  if (tables.length === 0) problems.push('no tables on the page');
  const tableRows = tables.map((t) => t.querySelectorAll('tbody tr').length);
  tables.forEach((t, i) => { if (tableRows[i] === 0) problems.push('table ' + name(t) + ' has no rows'); });
  const sw = document.documentElement.scrollWidth;
  if (sw > vw + 1) problems.push('page scrolls sideways: ' + sw + 'px wide in a ' + vw + 'px viewport');
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const b = el.getBoundingClientRect();
    if (b.width === 0 && b.height === 0) continue;
    if (b.right > vw + 1 || b.left < -1)
      wide.push(name(el) + ' spans ' + Math.round(b.left) + '..' + Math.round(b.right) + 'px of a ' + vw + 'px viewport');
    const ox = getComputedStyle(el).overflowX;
    if ((ox === 'auto' || ox === 'scroll' || ox === 'hidden') && el.scrollWidth > el.clientWidth + 1)
      wide.push(name(el) + ' hides ' + (el.scrollWidth - el.clientWidth) + 'px of content sideways');
  }
  problems.push(...wide.slice(0, 10));
  if (wide.length > 10) problems.push('... and ' + (wide.length - 10) + ' more elements overflow');
  const sections = [...document.querySelectorAll('header[id], section[id]')].map((s) => s.id);
  return { charts: charts.length, tables: tables.length, tableRows, sections, problems };
})()`;

/** Decodes the screenshot in the browser (no PNG decoder in Node) at 1/4 scale and measures its ink. */
const inkScript = (base64: string) => String.raw`(async () => {
  const img = new Image();
  img.src = 'data:image/png;base64,${base64}';
  await img.decode();
  const w = Math.max(1, Math.round(img.naturalWidth / 4)), h = Math.max(1, Math.round(img.naturalHeight / 4));
  const canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0, w, h);
  const px = ctx.getImageData(0, 0, w, h).data;
  let ink = 0; const colors = new Set();
  for (let i = 0; i < px.length; i += 4) {
    if (px[i] < 235 || px[i + 1] < 235 || px[i + 2] < 235) ink++;
    if (colors.size < 5000) colors.add((px[i] >> 3) << 10 | (px[i + 1] >> 3) << 5 | (px[i + 2] >> 3));
  }
  return { inkFraction: ink / (w * h), colors: colors.size };
})()`;

/**
 * Opens a rendered report in headless Chromium (`--headless=new`, `--no-sandbox`) and checks what a reader
 * would see: every chart drawn with a nonzero box and no clipped text, every table with rows, nothing wider
 * than the viewport, no console errors, no requests beyond the file, and a full-page PNG screenshot (saved to
 * `screenshotPath`) that is large and not blank. Failed checks are listed in `problems`; assert it is empty.
 * Needs `puppeteer-core` and `@sparticuz/chromium` (devDependencies, both from the npm registry); downloads
 * nothing and needs no system browser.
 * @throws {CliError} `BROWSER_NOT_FOUND` when there is no Chromium at the path, or none can be resolved;
 *   `BROWSER_CHECK_FAILED` when it will not start or the page will not load.
 * @example const r = await checkReportInBrowser(await writeReport(dir, results), join(dir, 'report.png'));
 * // r.problems → [], r.charts → 9, r.tables → 6
 */
export async function checkReportInBrowser(
  htmlPath: string,
  screenshotPath: string,
  options: BrowserCheckOptions = {},
): Promise<BrowserCheckResult> {
  const started = performance.now();
  const executablePath = options.executablePath ?? (await resolveChromium()).executablePath;
  if (!existsSync(executablePath)) {
    throw new CliError(
      'BROWSER_NOT_FOUND',
      `checkReportInBrowser: no Chromium at ${executablePath}; leave executablePath and CHROMIUM_PATH unset ` +
        `to use the one @sparticuz/chromium ships (installed with the devDependencies)`,
    );
  }
  const timeout = options.timeoutMs ?? 60_000;
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const url = pathToFileURL(resolve(htmlPath)).href;
  let browser;
  try {
    browser = await puppeteer.launch({
      executablePath,
      headless: true, // puppeteer passes --headless=new for `true`
      args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
      timeout,
    });
  } catch (error) {
    throw new CliError(
      'BROWSER_CHECK_FAILED',
      `checkReportInBrowser: ${executablePath} did not start: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  try {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    const consoleErrors: string[] = [];
    const externalRequests: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e instanceof Error ? e.message : String(e)));
    page.on('requestfailed', (r) => consoleErrors.push(`request failed: ${r.url()}`));
    let watching = true;
    page.on('request', (r) => {
      if (watching && r.url() !== url) externalRequests.push(r.url());
    });
    try {
      await page.goto(url, { waitUntil: 'load', timeout });
    } catch (error) {
      throw new CliError(
        'BROWSER_CHECK_FAILED',
        `checkReportInBrowser: ${url} did not load: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const dom = (await page.evaluate(DOM_CHECKS)) as DomReport;
    watching = false;

    mkdirSync(dirname(resolve(screenshotPath)), { recursive: true });
    await page.screenshot({ path: screenshotPath, fullPage: true, type: 'png' });
    const png = readFileSync(screenshotPath);
    const size = pngSize(png) ?? { width: 0, height: 0 };
    const ink = (await page.evaluate(inkScript(png.toString('base64')))) as {
      inkFraction: number;
      colors: number;
    };

    const problems = [...dom.problems];
    const minBytes = options.minScreenshotBytes ?? 20_000;
    if (size.width !== viewport.width) {
      problems.push(
        `screenshot is ${size.width}px wide; expected the viewport's ${viewport.width}px`,
      );
    }
    if (size.height < viewport.height) {
      problems.push(
        `screenshot is ${size.height}px high; a full page is at least ${viewport.height}px`,
      );
    }
    if (png.length < minBytes)
      problems.push(`screenshot is ${png.length} bytes (< ${minBytes}): blank?`);
    if (ink.inkFraction < 0.01 || ink.colors < 8) {
      problems.push(
        `screenshot looks blank: ${(ink.inkFraction * 100).toFixed(2)}% non-white pixels, ${ink.colors} colours`,
      );
    }
    for (const e of consoleErrors) problems.push(`console error: ${e}`);
    for (const r of externalRequests) problems.push(`request beyond the file: ${r}`);
    return {
      executablePath,
      charts: dom.charts,
      tables: dom.tables,
      tableRows: dom.tableRows,
      sections: dom.sections,
      screenshot: { path: screenshotPath, ...size, bytes: png.length, ...ink },
      consoleErrors,
      externalRequests,
      problems,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await browser.close();
  }
}
