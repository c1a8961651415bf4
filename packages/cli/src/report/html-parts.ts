import { escapeXml } from './escape-xml';

/** Width of full-column charts: about the 928 px text column, so chart text renders near its 12 px. */
export const CHART_WIDTH = 880;

/**
 * A chart in a `<figure id="chart-NAME" data-chart="NAME">` with a caption; tests and the browser check find
 * charts by `data-chart`.
 */
export function figureHtml(name: string, svg: string, caption: string): string {
  const n = escapeXml(name);
  return `<figure id="chart-${n}" data-chart="${n}">${svg}<figcaption>${escapeXml(caption)}</figcaption></figure>`;
}

/** A top-level report section with a stable `id` and an `<h2>`. */
export function sectionHtml(id: string, title: string, body: readonly string[]): string {
  return `<section id="${escapeXml(id)}">\n<h2>${escapeXml(title)}</h2>\n${body.join('\n')}\n</section>`;
}

/** A paragraph of plain text. */
export function paragraph(text: string, className?: string): string {
  return `<p${className ? ` class="${className}"` : ''}>${escapeXml(text)}</p>`;
}

/** Turns a name into an id fragment: lower case, runs of other characters to '-'. */
export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'x'
  );
}

/**
 * A whole self-contained page: doctype, UTF-8, a responsive viewport, the escaped `title`, one inline stylesheet
 * (with `styleNonce` where a Content-Security-Policy asks for one) and `body` inside `<main>`.
 */
export function htmlPage(
  title: string,
  css: string,
  body: readonly string[],
  { styleNonce }: { styleNonce?: string } = {},
): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style${styleNonce === undefined ? '' : ` nonce="${styleNonce}"`}>${css}</style>`,
    '</head>',
    '<body>',
    '<main>',
    ...body,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
