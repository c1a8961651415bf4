import { escapeXml } from './escape-xml';
import type { Finding } from './report-types';

const VERDICT = {
  true: ['supported', '✓ Supported'],
  false: ['contradicted', '✗ Contradicted'],
  null: ['inconclusive', '? Inconclusive'],
} as const;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The findings box: a one-line tally, the contradicted claims named in a sentence of their own, then every
 * claim with its verdict (in words and a symbol, never colour alone) and evidence.
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
    return (
      `<li class="finding finding-${cls}" data-holds="${String(f.holds)}">` +
      `<span class="verdict">${label}</span> <span class="claim">${escapeXml(f.claim)}</span>` +
      `<p class="evidence">${escapeXml(f.evidence)}</p></li>`
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
