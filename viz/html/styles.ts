// The report's stylesheet, inlined into index.html: the page's own rules, and the diagrams' (which the
// playground shares with the report).

/** The diagrams' frames, legends, proposals and details pane: the report and the playground. */
export const GRAPH_CSS = `
.graph { height: 600px; border: 1px solid var(--line); border-radius: 4px; background: #fcfcfd;
  display: flex; flex-direction: column; }
/* Sized by the pane, never by cytoscape's canvas (which takes its container's size: a loop otherwise). */
.graph-canvas { flex: 1 1 0; min-height: 0; position: relative; overflow: hidden; }
.graph-canvas:focus { outline: 2px solid var(--accent); outline-offset: -2px; }
.graph-bar { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 4px; padding: 4px 6px;
  border-bottom: 1px solid var(--line); background: #fff; }
.graph-tools { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
.graph-tools button { font: inherit; font-size: 12px; border: 1px solid var(--line); border-radius: 4px; background: #fff;
  padding: 1px 8px; cursor: pointer; }
.graph-tools button[aria-pressed="true"] { background: #dce7fa; border-color: var(--accent); }
.graph-tools .toggle, .focus-note { font-size: 12px; color: var(--muted); }
.graph-hint { margin: 0; padding: 2px 8px; font-size: 12px; color: var(--muted); background: #fff; border-bottom: 1px solid var(--line); }
#details { border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow: auto; max-height: 260px;
  margin-top: 10px; font-size: 13px; }
#details pre, #program pre { white-space: pre-wrap; background: #f3f4f7; padding: 6px 8px; border-radius: 4px; margin: 4px 0; }
#details .where { color: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 14px; color: var(--muted); font-size: 12px; margin: 0 0 6px; }
.legend span::before { content: ""; display: inline-block; width: 18px; height: 0; margin-right: 5px; vertical-align: middle;
  border-top: 2px solid #455a7a; }
.legend .lost::before { border-top: 2px dashed var(--bad); }
.legend .crash::before { width: 10px; height: 10px; border: 0; background: var(--bad); transform: rotate(45deg); }
.legend .matters::before { border-top: 4px dashed var(--bad); box-shadow: 0 0 0 3px #f9a82588; }
.legend .cut::before { width: 12px; height: 10px; border: 2px solid var(--cut); background: #ffe0d6; }
.legend .goal::before { width: 12px; height: 10px; border: 3px solid #1d2433; background: #dbe7fb; }
.legend .tuple::before { width: 12px; height: 10px; border: 1px solid #7d9cd1; border-radius: 3px; background: #dbe7fb; }
.legend .rule::before { width: 14px; height: 9px; border: 1px solid #9aa3b2; border-radius: 50%; background: #eceff3; }
.legend .notin::before { border-top: 2px dashed #7b1fa2; }
.legend .chain::before { width: 12px; height: 10px; border: 1px double #7d9cd1; border-radius: 3px; background: #eef4ff;
  box-shadow: 2px 2px 0 #7d9cd1; }
.legend .msg::before { width: 12px; height: 10px; border: 1px solid #b26a00; background: #ffe7bf; }
#proposals { display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 6px; }
#details button { margin: 6px 6px 0 0; }
#proposals button, #details button { font: inherit; font-size: 12px; border: 1px solid var(--line); border-radius: 12px;
  background: #fff; padding: 2px 10px; cursor: pointer; }
#proposals button[aria-pressed="true"] { background: #ffe0d6; border-color: var(--cut); color: #7a2300; }
.empty { color: var(--muted); font-style: italic; padding: 20px; }
`;

export const REPORT_CSS = `
:root { --fg: #1d2433; --muted: #5b6577; --line: #d9dee7; --bg: #f6f7f9; --ok: #1f7a3d; --bad: #c62828;
  --accent: #2f5fb3; --cut: #d84315; font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); }
body { margin: 0; background: var(--bg); font-size: 14px; }
header { background: #fff; border-bottom: 1px solid var(--line); padding: 14px 24px; }
header h1 { margin: 0 0 4px; font-size: 18px; }
#headline { margin: 4px 0 8px; font-size: 16px; font-weight: 600; }
#headline.counterexample { color: var(--bad); } #headline.tolerant { color: var(--ok); } #headline.inconclusive, #headline.vacuous { color: #9a6700; }
#bounds { display: flex; flex-wrap: wrap; gap: 4px 22px; margin: 0; color: var(--muted); }
#bounds div { display: flex; gap: 6px; } #bounds dt { font-weight: 600; } #bounds dd { margin: 0; }
main { padding: 12px 24px 40px; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; margin: 0 0 16px; padding: 12px 16px; }
h2 { font-size: 16px; margin: 0 0 8px; } h3 { font-size: 14px; margin: 0 0 4px; }
.hint { color: var(--muted); margin: 0 0 8px; font-size: 13px; }
.table-scroll { height: 300px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
/* The runs table is virtual: rows are absolutely placed in a body as tall as all of them. */
#runs-table, #runs-table thead, #runs-table tbody { display: block; }
#runs-table tr { display: grid; grid-template-columns: 11em 5.5em minmax(7em, 0.8fr) minmax(8em, 1.1fr) minmax(9em, 1.2fr) 6.5em minmax(12em, 2fr); }
#runs-table thead tr { position: sticky; top: 0; z-index: 1; }
#runs-table tbody { position: relative; }
#runs-table tbody tr { position: absolute; left: 0; right: 0; height: 28px; }
#runs-table tbody td { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; line-height: 19px; }
#runs-table th button.sort { font: inherit; font-weight: 600; border: 0; background: none; padding: 0; cursor: pointer; }
#runs-table th[aria-sort="ascending"] button.sort::after { content: " ▲"; }
#runs-table th[aria-sort="descending"] button.sort::after { content: " ▼"; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef1f5; position: sticky; top: 0; font-weight: 600; }
#runs-table tbody tr { cursor: pointer; }
#runs-table tbody tr:hover { background: #eef3fc; }
#runs-table tbody tr.selected { background: #dce7fa; }
#runs-table tr.counterexample td:first-child { border-left: 4px solid var(--bad); }
.status-failure { color: var(--bad); font-weight: 600; } .status-success { color: var(--ok); }
.badge { display: inline-block; margin-left: 6px; padding: 0 6px; border-radius: 8px; background: var(--bad);
  color: #fff; font-size: 11px; font-weight: 600; }
ul.plain { list-style: none; margin: 0; padding: 0; }
.panes { display: grid; grid-template-columns: 0.45fr 8px 0.55fr; gap: 6px; }
.pane { min-width: 0; display: flex; flex-direction: column; }
.split { cursor: col-resize; background: var(--line); border-radius: 4px; margin: 28px 0 0; }
.split:hover, .split:focus { background: var(--accent); outline: none; }
.filters { display: flex; gap: 12px; align-items: center; margin: 0 0 8px; }
.filters input, .filters select { font: inherit; padding: 2px 6px; }
#relations { display: flex; flex-wrap: wrap; gap: 10px 28px; align-items: flex-start; max-height: 480px; overflow: auto; }
#relations .wide { flex-basis: 100%; }
#relations table { width: auto; } #relations td { padding: 1px 8px; } #relations td.time { color: var(--muted); }
#relations h4 { margin: 0 0 2px; font-size: 13px; font-family: ui-monospace, monospace; }
code, .mono, #runs-table td { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12.5px; }
${GRAPH_CSS}`;
