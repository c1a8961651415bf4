import { renameSync, writeFileSync } from 'node:fs';

/** One model's MB/s per implementation, in the order of `series`. */
export interface ThroughputRow {
  model: string;
  values: number[];
}

const COLORS = ['#1f6feb', '#8250df', '#bf8700', '#57606a'];

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Grouped horizontal bars: one group per model, one bar per implementation, MB/s on a shared axis.
 * @example throughputSvg(['ours', 'Rust batch'], [{ model: 'gpt2', values: [5.8, 3.8] }], 'MB/s')
 */
export function throughputSvg(series: string[], rows: ThroughputRow[], title: string): string {
  const bar = 12;
  const group = series.length * bar + 14;
  const left = 210;
  const width = 760;
  const plot = width - left - 70;
  const top = 48 + 18 * Math.ceil(series.length / 3);
  const height = top + rows.length * group + 30;
  const max = Math.max(...rows.flatMap((r) => r.values.filter(Number.isFinite)));
  const step = max > 10 ? 2 : 1;
  const x = (v: number): number => left + (v / (Math.ceil(max / step) * step)) * plot;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="14">${esc(title)}</text>`,
  ];
  series.forEach((s, i) => {
    const lx = 20 + (i % 3) * 240;
    const ly = 40 + 18 * Math.floor(i / 3);
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="10" height="10" fill="${COLORS[i % COLORS.length]}"/>`,
      `<text x="${lx + 16}" y="${ly}">${esc(s)}</text>`,
    );
  });
  for (let v = 0; v <= Math.ceil(max / step) * step; v += step) {
    out.push(
      `<line x1="${x(v).toFixed(1)}" x2="${x(v).toFixed(1)}" y1="${top - 6}" y2="${height - 24}" stroke="#d0d7de"/>`,
      `<text x="${x(v).toFixed(1)}" y="${height - 10}" text-anchor="middle" fill="#57606a">${v}</text>`,
    );
  }
  rows.forEach((r, g) => {
    const gy = top + g * group;
    out.push(
      `<text x="${left - 8}" y="${gy + (series.length * bar) / 2 + 4}" text-anchor="end">${esc(r.model)}</text>`,
    );
    r.values.forEach((v, i) => {
      if (!Number.isFinite(v)) return;
      const y = gy + i * bar;
      out.push(
        `<rect x="${left}" y="${y}" width="${(x(v) - left).toFixed(1)}" height="${bar - 2}" fill="${COLORS[i % COLORS.length]}"><title>${esc(`${r.model}, ${series[i]}: ${v.toFixed(2)} MB/s`)}</title></rect>`,
        `<text x="${(x(v) + 4).toFixed(1)}" y="${y + bar - 3}" font-size="10" fill="#57606a">${v.toFixed(1)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}

/** Writes the chart through a temporary file and a rename, so a reader never sees half of it. */
export function writeThroughputSvg(path: string, svg: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, svg);
  renameSync(tmp, path);
}
