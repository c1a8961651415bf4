import { escapeHtml } from './escape-html';
import type { OcclusionResult } from './occlusion-attribution';

/**
 * The text of an occlusion result as an HTML `<p>`, each token in a `<mark>` whose background opacity is its
 * attribution relative to the largest absolute one: red where the token supports the label, blue where it
 * works against it; the exact value is in the `title`. All text is escaped.
 * @example writeFileSync('why.html', attributionHtml(await occlusionAttribution(text, predict, { label: 1 })));
 */
export function attributionHtml(result: OcclusionResult): string {
  const scale = Math.max(0, ...result.tokens.map((t) => Math.abs(t.attribution)));
  let html = '';
  let cursor = 0;
  for (const t of result.tokens) {
    const alpha = scale === 0 ? 0 : Math.round((Math.abs(t.attribution) / scale) * 100) / 100;
    const rgb = t.attribution >= 0 ? '192, 57, 43' : '41, 128, 185';
    const sign = t.attribution >= 0 ? '+' : '';
    html +=
      escapeHtml(result.text.slice(cursor, t.start)) +
      `<mark style="background: rgba(${rgb}, ${alpha})" title="${escapeHtml(t.token)}: ${sign}${t.attribution.toFixed(3)}">` +
      `${escapeHtml(result.text.slice(t.start, t.end))}</mark>`;
    cursor = t.end;
  }
  html += escapeHtml(result.text.slice(cursor));
  return `<p class="nlpft-attribution" data-label="${result.label}">${html}</p>`;
}
