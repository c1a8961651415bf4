import { escapeXml } from './escape-xml';

/** A column of {@link htmlTable}. */
export interface TableColumn {
  header: string;
  /** Right-aligned with tabular figures. @defaultValue false */
  numeric?: boolean;
  /** Tooltip on the header, to explain an abbreviation. */
  title?: string;
  /** Free text that may be long: keeps line breaks and wraps anywhere (class `text`). @defaultValue false */
  wrap?: boolean;
}

/** A cell: text (escaped), markup you built and escaped yourself (`{ html }`), or empty. */
export type TableCell = string | number | { html: string } | null;

/** Options of {@link htmlTable}. */
export interface HtmlTableOptions {
  /** The `id` of the `<table>`. @defaultValue none */
  id?: string;
  /** @defaultValue none */
  caption?: string;
  /** Extra classes of the `<table>`. @defaultValue none */
  className?: string;
  /** Row indices to emphasise (a best cell). @defaultValue none */
  highlightRows?: readonly number[];
}

function cellHtml(c: TableCell): string {
  if (c === null) return '';
  if (typeof c === 'object') return c.html;
  return escapeXml(String(c));
}

/**
 * An HTML table with a header row; numeric columns are right-aligned (class `num`), text is escaped.
 * @example htmlTable([{ header: 'model' }, { header: 'perplexity', numeric: true }], [['gpt2', '42.1']])
 */
export function htmlTable(
  columns: readonly TableColumn[],
  rows: readonly (readonly TableCell[])[],
  options: HtmlTableOptions = {},
): string {
  const cls = (c: TableColumn | undefined) =>
    c?.numeric ? ' class="num"' : c?.wrap ? ' class="text"' : '';
  const head = columns
    .map(
      (c) =>
        `<th scope="col"${cls(c)}${c.title ? ` title="${escapeXml(c.title)}"` : ''}>${escapeXml(c.header)}</th>`,
    )
    .join('');
  const highlight = new Set(options.highlightRows ?? []);
  const body = rows
    .map(
      (r, i) =>
        `<tr${highlight.has(i) ? ' class="highlight"' : ''}>${r.map((c, j) => `<td${cls(columns[j])}>${cellHtml(c)}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const attrs = `${options.id ? ` id="${escapeXml(options.id)}"` : ''}${options.className ? ` class="${escapeXml(options.className)}"` : ''}`;
  const caption = options.caption ? `<caption>${escapeXml(options.caption)}</caption>` : '';
  return `<div class="table-wrap"><table${attrs}>${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody></table></div>`;
}
