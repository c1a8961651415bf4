import { escapeXml } from './escape-xml';
import type { Finding } from './report-types';

const VERDICT = {
  true: ['supported', '✓ Supported'],
  false: ['contradicted', '✗ Contradicted'],
  null: ['inconclusive', '? Inconclusive'],
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The test behind a verdict in words, e.g. "effect +12.3 points, p = 0.003, 5 seeds"; '' when the finding
 * has none. `effect` is a difference of accuracies (0.123 = 12.3 percentage points).
 */
export function findingStats(f: Finding): string {
  const parts: string[] = [];
  if (typeof f.effect === 'number' && Number.isFinite(f.effect)) {
    const points = f.effect * 100;
    // The sign always shows: the direction is the point of an effect.
    parts.push(
      `effect ${points > 0 ? '+' : points < 0 ? '−' : ''}${Math.abs(points).toFixed(1)} points`,
    );
  }
  if (typeof f.p === 'number' && Number.isFinite(f.p)) {
    parts.push(f.p < 0.001 ? 'p < 0.001' : `p = ${f.p.toFixed(3)}`);
  }
  if (parts.length > 0 && f.seeds !== undefined && f.seeds > 0) parts.push(plural(f.seeds, 'seed'));
  return parts.join(', ');
}

/**
 * The findings box: a one-line tally, the contradicted claims named in a sentence of their own, then every
 * claim with its verdict (in words and a symbol, never colour alone), evidence and, where the finding has
 * them, effect size, p-value and seeds.
 */
export function findingsHtml(findings: readonly Finding[]): string {
  if (findings.length === 0) {
    return `<section id="findings" class="findings"><h2>Findings</h2><p>This run recorded no findings.</p></section>`;
  }
  const count = (h: boolean | null) => findings.filter((f) => f.holds === h).length;
  const contradicted = findings.filter((f) => f.holds === false);
  const tally =
    `Of ${plural(findings.length, 'lecture claim')}, this run supports ${count(true)}, ` +
    `contradicts ${count(false)} and is inconclusive on ${count(null)}.`;
  const against = contradicted.length
    ? `<p class="contradictions"><strong>Not supported by this run:</strong> ${contradicted
        .map((f) => escapeXml(f.claim))
        .join('; ')}.</p>`
    : '';
  const items = findings.map((f) => {
    const [cls, label] = VERDICT[String(f.holds) as 'true' | 'false' | 'null'];
    const stats = findingStats(f);
    return (
      `<li class="finding finding-${cls}" data-holds="${String(f.holds)}">` +
      `<span class="verdict">${label}</span> <span class="claim">${escapeXml(f.claim)}</span>` +
      `<p class="evidence">${escapeXml(f.evidence)}</p>` +
      (stats ? `<p class="stats">${escapeXml(stats)}</p>` : '') +
      `</li>`
    );
  });
  return [
    `<section id="findings" class="findings">`,
    `<h2>Findings</h2>`,
    `<p class="findings-tally">${escapeXml(tally)}</p>`,
    against,
    `<ul>${items.join('\n')}</ul>`,
    `</section>`,
  ].join('\n');
}
