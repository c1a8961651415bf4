import { escapeXml } from './escape-xml';
import { dateTime, duration, fixed, integer } from './format';
import type { DemoResults } from './report-types';

/** Links of the table of contents: section id and title, in page order. */
export const SECTIONS: readonly (readonly [string, string])[] = [
  ['findings', 'Findings'],
  ['summary', 'Summary'],
  ['similar', 'Similar task'],
  ['situations', 'Situations'],
  ['pretraining', 'Pre-training'],
  ['finetuning', 'Fine-tuning'],
  ['instability', 'Instability'],
  ['robustness', 'Robustness'],
  ['continued-pretraining', 'Continued pre-training'],
  ['generation', 'Generation'],
];

/** The page header: title, mode, date, duration, machine, the data used, and a table of contents. */
export function headerHtml(results: DemoResults): string {
  const { meta, data } = results;
  const facts: [string, string][] = [
    ['Machine', meta.machine],
    [
      'Pre-training corpus',
      `${integer(data.pretrainTexts)} texts, ${integer(data.pretrainTokens)} tokens`,
    ],
    ['Held-out texts', integer(data.heldOutTexts)],
    ['Tokenizer vocabulary', integer(data.tokenizerVocabSize)],
    ['Spam train sizes', data.spamTrainSizes.map(integer).join(', ')],
    ['Spam test messages', integer(data.spamTestSize)],
    ['Majority-class accuracy', fixed(data.majorityBaseline)],
  ];
  const quick =
    meta.mode !== 'full'
      ? `<p class="notice">${meta.mode === 'quick' ? 'Quick' : 'Smoke-test'} mode: a shortened run (fewer steps, seeds or examples). Read differences as indicative.</p>`
      : '';
  return [
    `<header id="report-header">`,
    `<h1>nlpft demo report</h1>`,
    `<p class="meta"><span class="badge mode-${escapeXml(meta.mode)}">${escapeXml(meta.mode)} mode</span> · ` +
      `<time datetime="${escapeXml(meta.createdAt)}">${escapeXml(dateTime(meta.createdAt))}</time> · ` +
      `took ${escapeXml(duration(meta.seconds))}</p>`,
    quick,
    `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${escapeXml(k)}</dt><dd>${escapeXml(v)}</dd></div>`).join('')}</dl>`,
    `<nav class="toc" aria-label="Sections">${SECTIONS.map(([id, t]) => `<a href="#${id}">${escapeXml(t)}</a>`).join(' ')}</nav>`,
    `</header>`,
  ].join('\n');
}
