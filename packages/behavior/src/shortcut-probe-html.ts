import { escapeHtml } from './escape-html';
import { formatPrediction, formatRate } from './format-rate';
import type { ShortcutFlip, ShortcutProbeResult } from './shortcut-probe';
import { sliceChart } from './slice-accuracy-html';

function flipItem(f: ShortcutFlip): string {
  const before = `<q>${escapeHtml(f.original)}</q> → ${escapeHtml(formatPrediction(f.before))}`;
  const after = `<q>${escapeHtml(f.edited)}</q> → ${escapeHtml(formatPrediction(f.after))}`;
  return `<li>${before}; ${after} (true label ${f.label})</li>`;
}

/**
 * A shortcut probe as an HTML `<section>` in the style of `suiteResultHtml`: the verdict and its reason, accuracy
 * before and after removing the tokens, the flip rate, a bar chart of accuracy with / without the tokens and
 * after removal, and the flips. All text is escaped.
 * @example writeFileSync('shortcut.html', shortcutProbeHtml(await shortcutProbe(test, predict, { tokens })));
 */
export function shortcutProbeHtml(result: ShortcutProbeResult): string {
  const { slices, verdict } = result;
  const tokens = result.tokens.map((t) => `<code>${escapeHtml(t)}</code>`).join(', ');
  const how =
    result.mask === null ? 'removed' : `masked with <code>${escapeHtml(result.mask)}</code>`;
  const flips =
    result.examples.length === 0 ? '' : `<ul>${result.examples.map(flipItem).join('')}</ul>`;
  return [
    `<section class="nlpft-behavior">`,
    `<h2>Shortcut probe: ${tokens}</h2>`,
    `<p><strong>${verdict.reliesOnShortcut ? 'Relies on the shortcut' : 'No reliance detected'}</strong>: ${escapeHtml(verdict.reason)}.</p>`,
    `<p>Tokens ${how} in ${result.affected} of ${result.n} texts; ${result.flips} flips (${formatRate(result.flipRate)}); ` +
      `as many random other tokens ${how}: ${result.baseline.flips} of ${result.baseline.n} flip (${formatRate(result.baseline.flipRate)}). ` +
      `Accuracy ${formatRate(result.accuracyBefore)} before, ${formatRate(result.accuracyAfter)} after.</p>`,
    sliceChart([slices.withTokens, slices.withoutTokens, slices.withTokensRemoved]),
    flips,
    `</section>`,
  ].join('\n');
}
