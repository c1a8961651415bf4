/** The review app's stylesheet, inlined (the page makes no request but its own API calls). */
export const REVIEW_CSS = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa; --yes: #00704f; --no: #a34700;
  --accent: #0072B2; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5; font-size: 16px;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif; }
main { max-width: 900px; margin: 0 auto; padding: 16px 16px 48px; }
header { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; justify-content: space-between;
  border-bottom: 1px solid var(--line); padding-bottom: 8px; }
h1 { font-size: 1.3rem; margin: 0; }
.muted { color: var(--muted); }
#progress { font-weight: 600; font-variant-numeric: tabular-nums; }
h2 { font-size: 0.85rem; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); margin: 18px 0 4px; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; padding: 10px 12px; background: var(--soft);
  border-radius: 6px; font-family: inherit; }
#output { border-left: 4px solid var(--accent); }
.judge { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 14px 0 0; }
.judge .q { min-width: 7em; font-weight: 600; }
button { font: inherit; padding: 4px 12px; border: 1px solid var(--line); border-radius: 6px; background: #fff;
  color: var(--ink); cursor: pointer; }
button[aria-pressed="true"].yes { background: var(--yes); border-color: var(--yes); color: #fff; }
button[aria-pressed="true"].no { background: var(--no); border-color: var(--no); color: #fff; }
button[aria-pressed="true"] kbd { color: var(--ink); }
#saved { text-transform: none; letter-spacing: 0; font-weight: 400; }
button:disabled { opacity: 0.45; cursor: not-allowed; }
kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.85em; padding: 0 5px;
  border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; background: var(--soft); }
textarea { width: 100%; min-height: 4.5em; font: inherit; padding: 6px 8px; border: 1px solid var(--line);
  border-radius: 6px; }
textarea:focus, input:focus { outline: 3px solid var(--accent); outline-offset: 1px; }
#status { min-height: 1.5em; margin: 10px 0 0; font-weight: 600; }
#status.error { color: var(--no); }
#status.ok { color: var(--yes); }
#done { padding: 8px 12px; background: #e8f6f0; border-radius: 6px; }
.keys { margin: 24px 0 0; padding: 10px 12px; border: 1px solid var(--line); border-radius: 6px; font-size: 0.9rem; }
.keys ul { margin: 4px 0 0; padding-left: 18px; }
form.name { margin: 32px 0; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
form.name input { font: inherit; padding: 6px 8px; border: 1px solid var(--line); border-radius: 6px; min-width: 16em; }
.problem { color: var(--no); font-weight: 600; }
[hidden] { display: none !important; }
`;
