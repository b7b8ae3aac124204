/** The page's style sheet (inlined: the page fetches nothing). */
export const PAGE_STYLE = `
:root { color-scheme: light; --fg: #1d1d1f; --muted: #666; --line: #ddd; --better: #2e7d32; --worse: #c62828; --differs: #ef6c00; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: #fff; }
header, main, nav { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 20px; }
h1 { font-size: 24px; margin: 0 0 8px; }
h2 { font-size: 20px; margin: 36px 0 8px; padding-top: 8px; border-top: 2px solid var(--fg); }
h3 { font-size: 15px; margin: 24px 0 6px; }
dl.info { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; }
dl.info dt { color: var(--muted); }
dl.info dd { margin: 0; }
nav ul { margin: 12px 0 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; }
a { color: #0b57d0; }
table { border-collapse: collapse; margin: 6px 0; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; font-weight: 600; }
table.summary td, table.timing td, table.openb td { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.summary th.policy, table.timing th.policy, table.openb th.policy { max-width: 260px; overflow-wrap: anywhere; }
table.summary tbody th, table.bench tbody th { font-weight: normal; }
.unit, .ci, .diff, .note, .id { color: var(--muted); }
.unit { font-size: 12px; }
.diff { font-size: 12px; }
.tag { font-size: 11px; font-weight: normal; color: var(--muted); border: 1px solid var(--line); border-radius: 3px; padding: 0 4px; }
.verdict-better, .verdict-better .diff, .verdict-better .ci { color: var(--better); }
.verdict-worse, .verdict-worse .diff, .verdict-worse .ci { color: var(--worse); }
.verdict-different, .verdict-different .diff, .verdict-different .ci { color: var(--differs); }
td.verdict-better, td.verdict-worse, td.verdict-different { font-weight: 600; }
td.verdict-better { background: #edf7ee; } td.verdict-worse { background: #fdeeee; } td.verdict-different { background: #fff4e8; }
.note { font-size: 12px; max-width: 900px; }
.chart { margin: 6px 0 12px; min-height: 40px; overflow-x: auto; }
.chart.failed { color: var(--worse); }
.empty { color: var(--muted); font-style: italic; }
table.definitions td:last-child { max-width: 680px; }
section.verdict h3 { margin: 14px 0 4px; }
section.verdict ul, div.verdict ul { margin: 4px 0; padding-left: 20px; }
div.verdict { border-left: 3px solid var(--fg); padding: 2px 0 2px 12px; margin: 10px 0 18px; }
div.verdict .verdict-head { margin: 8px 0 2px; }
div.verdict li.verdict-better, div.verdict li.verdict-worse, div.verdict li.verdict-different { font-weight: normal; }
.unchanged, .constant { color: var(--muted); margin: 2px 0; max-width: 1000px; }
p.description { font-size: 15px; max-width: 900px; margin: 6px 0 10px; }
table.policies td { max-width: 420px; overflow-wrap: anywhere; font-size: 12px; }
table.policies tr.same td { color: var(--muted); }
footer { max-width: 1200px; margin: 40px auto 24px; padding: 0 24px; color: var(--muted); font-size: 12px; }
`;
