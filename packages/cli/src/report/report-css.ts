/**
 * The report's whole stylesheet, inlined so the page makes no requests. System fonts, one readable column,
 * right-aligned tabular numbers, and colours from the Okabe–Ito palette with text labels beside them.
 */
export const REPORT_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --ok: #009E73; --bad: #D55E00; --unsure: #8a6d00; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5; font-size: 16px;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 960px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 1.9rem; margin: 0 0 4px; line-height: 1.2; }
h2 { font-size: 1.4rem; margin: 48px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 28px 0 6px; }
p { margin: 8px 0; }
a { color: var(--accent); }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.88em;
  background: var(--soft); padding: 1px 4px; border-radius: 4px; overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.meta { color: var(--muted); margin: 0; }
.badge { display: inline-block; padding: 0 8px; border-radius: 999px; font-size: 0.85rem; font-weight: 600;
  border: 1px solid currentColor; }
.mode-quick { color: var(--unsure); }
.mode-full { color: var(--accent); }
nav.toc { margin: 16px 0 0; font-size: 0.95rem; }
nav.toc a { margin-right: 14px; white-space: nowrap; }
dl.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(200px, 1fr)); gap: 4px 24px;
  margin: 16px 0 0; padding: 12px 16px; background: var(--soft); border-radius: 8px; }
dl.facts div { min-width: 0; }
dl.facts dt { font-size: 0.8rem; color: var(--muted); }
dl.facts dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.findings { margin: 24px 0 0; padding: 16px 20px; border: 2px solid var(--ink); border-radius: 10px; }
.findings h2 { margin-top: 0; border: 0; }
.findings ul { list-style: none; padding: 0; margin: 12px 0 0; }
.finding { padding: 8px 12px; margin: 8px 0; border-left: 6px solid var(--muted); background: var(--soft);
  border-radius: 0 6px 6px 0; }
.finding-supported { border-left-color: var(--ok); }
.finding-contradicted { border-left-color: var(--bad); }
.finding-inconclusive { border-left-color: #E69F00; }
.verdict { display: inline-block; min-width: 9.5em; font-weight: 700; }
.finding-supported .verdict { color: #00704f; }
.finding-contradicted .verdict { color: #a34700; }
.finding-inconclusive .verdict { color: var(--unsure); }
.claim { font-weight: 600; }
.evidence { margin: 2px 0 0; color: var(--muted); }
.stats { margin: 2px 0 0; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
table.situation-map td { line-height: 1.6; }
.agree { color: #00704f; font-weight: 600; }
.differs { color: #a34700; font-weight: 600; }
.contradictions { padding: 8px 12px; background: #fdf1e9; border-radius: 6px; }
.notice { padding: 8px 12px; background: #fff8e1; border-radius: 6px; }
.table-wrap { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 8px 0 16px; }
caption { text-align: left; color: var(--muted); padding-bottom: 4px; }
th, td { padding: 5px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
td { white-space: nowrap; }
th { font-weight: 600; border-bottom: 2px solid var(--ink); vertical-align: bottom; }
th[title] { text-decoration: underline dotted; cursor: help; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.text { white-space: pre-wrap; overflow-wrap: anywhere; }
table.samples { table-layout: fixed; }
table.samples th:first-child { width: 2.5em; }
tr.highlight td { background: #e8f3fb; font-weight: 600; }
tbody tr:hover td { background: var(--soft); }
figure { margin: 16px 0 24px; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 4px; }
.figure-row { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.figure-row figure { margin: 8px 0; flex: 0 1 auto; min-width: 0; }
@media (max-width: 900px) {
  table { font-size: 0.8rem; }
  th, td { padding: 4px 5px; }
  td { white-space: normal; }
}
footer { margin-top: 48px; color: var(--muted); font-size: 0.85rem; }
`;
