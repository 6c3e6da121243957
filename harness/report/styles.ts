/** The report's inline stylesheet: system fonts, light cards, quiet tables. */
export const REPORT_CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --border: #d8dee4; --bg: #f6f8fa; --card: #ffffff;
  --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --accent: #0969da;
  color-scheme: light;
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--fg);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1320px; margin: 0 auto; padding: 24px 24px 48px; }
header.page { margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 16px 0 8px; }
p { margin: 6px 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.description { color: var(--muted); font-size: 15px; margin: 4px 0 10px; white-space: pre-wrap; }
.meta { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); font-size: 13px; }
.meta b { color: var(--fg); font-weight: 600; }
.status { margin-top: 10px; font-weight: 600; }
.status .ok { color: var(--ok); }
.status .bad { color: var(--bad); }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid; }
.badge.quick { color: var(--warn); border-color: #d4a72c; background: #fff8c5; }
.badge.progress { color: var(--accent); border-color: #54aeff; background: #ddf4ff; }
.badge.baseline { color: var(--muted); border-color: var(--border); background: var(--bg); font-weight: 500; }
section.card { background: var(--card); border: 1px solid var(--border); border-radius: 8px; padding: 16px 20px; margin: 16px 0; }
.note { color: var(--muted); font-size: 13px; }
/*
 * Wide tables. Every table sits in a .table-wrap, which never lets it out of
 * its card: below the width the table needs, the wrapper scrolls sideways
 * (max-width and min-width keep it inside a grid or flex parent too, where a
 * min-width of auto would let it grow with the table). Above that, tables fit:
 * headers wrap between words, so a column is as wide as its values, not its
 * title; values and their second lines (.sub) never break, because a table
 * squeezed by a long text column (a gate reason) would otherwise break every
 * interval in two. Wide values go on a second line instead (html.ts).
 */
.table-wrap { overflow-x: auto; max-width: 100%; min-width: 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { padding: 6px 8px; border-bottom: 1px solid var(--border); text-align: left; vertical-align: top; }
thead th { background: var(--bg); font-weight: 600; border-bottom: 2px solid var(--border); }
tbody tr:nth-child(even) td { background: #fbfcfd; }
th.num { text-align: right; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.variant { white-space: nowrap; }
td .sub { display: block; color: var(--muted); font-size: 12px; }
td.bad, span.bad { color: var(--bad); font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; vertical-align: baseline; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.grid-2 { display: grid; grid-template-columns: 1fr 1fr; gap: 20px; }
@media (max-width: 900px) { .grid-2 { grid-template-columns: 1fr; } }
figure.chart { margin: 0; }
figure.chart figcaption { color: var(--muted); font-size: 12.5px; margin-top: 6px; }
.chart-box { position: relative; height: 320px; width: 100%; }
pre.error { margin: 0; padding: 8px 10px; background: #fff5f5; border: 1px solid #ffcecb; border-radius: 6px; white-space: pre-wrap; word-break: break-word; max-height: 240px; overflow: auto; }
details summary { cursor: pointer; color: var(--muted); font-size: 12px; margin-top: 4px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin-top: 24px; }
.profile { border-top: 1px solid #e5e7eb; margin-top: 16px; padding-top: 8px; }
.profile h4 { margin: 12px 0 4px; font-size: 14px; }
ul.artifacts { margin: 4px 0 8px; padding-left: 20px; }
.error-box, .ok-box, .notice-box { border: 1px solid; border-radius: 6px; padding: 8px 12px; margin: 0 0 12px; }
.error-box { color: #82071e; background: #ffebe9; border-color: #ff8182; }
.error-box ul { margin: 4px 0; padding-left: 20px; }
.ok-box { color: #116329; background: #dafbe1; border-color: #4ac26b; }
.ok-box .sub { display: block; color: var(--muted); font-size: 12px; }
.notice-box { color: var(--warn); background: #fff8c5; border-color: #d4a72c; }
td.ok { color: var(--ok); font-weight: 600; }
tbody tr.reference td { background: #f1f3f5; border-top: 2px solid var(--border); }
/* The SQL reference query's colour, as in balance-charts.ts. */
.swatch.reference { background: #3d4451; }
td.outputs { white-space: nowrap; }
dd.wrap { word-break: break-all; }
/* Checks (targets, baseline gate): every status is a word in a pill, coloured by its tone. */
.pill { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; border: 1px solid; white-space: nowrap; }
.pill.tone-bad { color: #82071e; background: #ffebe9; border-color: #ff8182; }
.pill.tone-good { color: #116329; background: #dafbe1; border-color: #4ac26b; }
.pill.tone-warn { color: #7d4e00; background: #fff8c5; border-color: #d4a72c; }
.pill.tone-muted { color: var(--muted); background: var(--bg); border-color: var(--border); font-weight: 500; }
.pill.tone-plain { color: var(--fg); background: transparent; border-color: var(--border); font-weight: 500; }
td.tone-bad { color: var(--bad); font-weight: 600; }
td.tone-good { color: var(--ok); font-weight: 600; }
td.tone-warn { color: var(--warn); }
td a { color: inherit; }
tbody tr.row-bad td { background: #fff5f5; }
tbody tr.row-bad td:first-child { box-shadow: inset 3px 0 0 var(--bad); }
td.reason { font-size: 12px; color: var(--muted); min-width: 240px; }
p.checks { margin-top: 6px; }
a.check-link { text-decoration: none; }
.checks-head { font-weight: 600; }
.checks-head .ok { color: var(--ok); }
.checks-head .bad { color: var(--bad); }
details.no-scenario { margin-top: 8px; }
#gate dl.facts { margin: 8px 0; }
#paired dl.facts { margin: 8px 0; }
.pairs-plot .band { fill: #eaeef2; }
.pairs-plot .unity { stroke: #8c959f; stroke-width: 1; }
.pairs-plot circle { fill: currentColor; }
.notice-box ul { margin: 4px 0; padding-left: 20px; }
.gate-blocked { border-width: 2px; font-size: 14px; }
`;
