// index.html as one string: static markup, the report as JSON, and the scripts inline, so the page
// opens from disk with nothing fetched. Program strings appear only inside the JSON blocks (escaped
// by jsonForScript) and reach the DOM through the client's textContent.
import type { SearchReport } from '../../runner/types.js';
import { reportView } from '../model/report.js';
import { escapeHtml, inlineScript, jsonForScript } from './escape.js';
import { GRAPH_STYLES } from './graph-styles.js';
import { REPORT_CSS } from './styles.js';

/** The scripts the report page inlines (`loadReportAssets` in `ldfi/node` reads them from node_modules). */
export interface ReportAssets {
  /** node_modules/cytoscape/dist/cytoscape.min.js */
  readonly cytoscape: string;
  /** viz/client/*.js joined by joinClientModules */
  readonly client: string;
}

/** Id of the `<script type="application/json">` holding run `iteration`'s view. */
export const runScriptId = (iteration: number): string => `ldfi-run-${iteration}`;

// No network at all: scripts and styles are inline; images only as data: URLs. No base or form
// targets: injected markup could neither redirect relative URLs nor post data away.
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report as one self-contained HTML page (index.html): opens from disk, fetches nothing. */
export function renderReportHtml(report: SearchReport, assets: ReportAssets): string {
  const view = reportView(report);
  const data = [
    `<script type="application/json" id="ldfi-report">${jsonForScript(view.summary)}</script>`,
    `<script type="application/json" id="ldfi-graph-styles">${jsonForScript(GRAPH_STYLES)}</script>`,
    ...view.runs.map(
      (run) =>
        `<script type="application/json" id="${runScriptId(run.iteration)}">${jsonForScript(run)}</script>`,
    ),
  ];
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>ldfi report: ${escapeHtml(report.verdict)}</title>`,
    `<style>${REPORT_CSS}</style>`,
    '</head>',
    '<body>',
    BODY.replace(RUNS_HINT, escapeHtml(runsHint(report))),
    ...data,
    `<script>${inlineScript(assets.cytoscape)}</script>`,
    // A module script: the client is written as ES modules (see viz/html/client.ts).
    `<script type="module">${inlineScript(assets.client)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const RUNS_HINT = '{{runs-hint}}';

/** Says when a long search kept only some runs (runner/search.ts keeps the first ones and every counterexample). */
function runsHint(report: SearchReport): string {
  const rows = report.executed ? 'One row per execution; ' : '';
  const which =
    report.runs.length < report.executions
      ? `${rows}the first ${report.runs.length} of the ${report.executions} executions are kept in full, with every counterexample`
      : 'One row per execution';
  return `${which.charAt(0).toUpperCase()}${which.slice(1)}; the counterexample comes first. Filter and sort below; click a row (or Enter) to see that run.`;
}

const BODY = `<header>
<h1>ldfi report</h1>
<p id="headline"></p>
<dl id="bounds"></dl>
</header>
<main>
<section id="runs">
<h2>Runs</h2>
<p class="hint">${RUNS_HINT}</p>
<div class="filters"><label>status <select id="filter-status"><option value="">any</option><option>failure</option><option>success</option></select></label>
<label>node <select id="filter-node"><option value="">any</option></select></label>
<label>fault <input id="filter-fault" type="search" placeholder="e.g. crashed, a→b @2"></label>
<span id="runs-count" class="hint" aria-live="polite"></span></div>
<div class="table-scroll" id="runs-scroll"><table id="runs-table">
<thead><tr><th data-sort="run">run</th><th data-sort="status">status</th><th data-sort="crashes">crashes</th><th data-sort="omissions">omissions</th><th data-sort="violations">violations</th><th data-sort="parent">proposed by</th><th>story</th></tr></thead>
<tbody></tbody>
</table></div>
</section>
<section id="run" hidden>
<h2 id="run-title"></h2>
<p class="hint" id="replay" hidden></p>
<div class="panes" id="panes">
<div class="pane">
<h3>Spacetime</h3>
<p class="legend"><span>message delivered</span><span class="lost">message lost to an omission</span><span class="crash">crash (it sends nothing after)</span><span class="matters" id="legend-matters" hidden>a fault that matters (why not, in the lineage pane)</span></p>
<div id="spacetime" class="graph"></div>
</div>
<div id="split" class="split" role="separator" tabindex="0" aria-orientation="vertical" aria-label="Resize the diagrams (arrow keys)" aria-valuemin="25" aria-valuemax="75"></div>
<div class="pane">
<h3 id="lineage-title">Lineage: why the post tuples hold</h3>
<p class="legend"><span class="goal">post tuple</span><span class="tuple">tuple: holds if any firing below it holds</span><span class="rule">rule firing: needs everything below it</span><span class="notin">a notin rests on it</span><span class="msg">message it relied on</span><span class="chain">held by persistence (click to unfold)</span><span class="cut">cut by the selected faults</span></p>
<p class="hint" id="proposals-hint"></p>
<div id="proposals"></div>
<div id="lineage" class="graph"></div>
</div>
</div>
<aside id="details"><p class="hint">Click a node of the lineage or an arrow of the spacetime diagram.</p></aside>
</section>
<section id="diff-section" hidden>
<h2>Good vs bad</h2>
<p class="hint"><label>Compare with <select id="diff-with"></select></label></p>
<p class="hint" id="diff-summary"></p>
<div id="diff" class="graph"></div>
</section>
<section id="relations-section" hidden>
<h2>Relations</h2>
<div class="filters"><label>relation <input id="relation-filter" type="search" placeholder="name contains…"></label>
<label>time <select id="time-filter"><option value="">all</option></select></label></div>
<div id="relations"></div>
</section>
<section id="program">
<h2>Program</h2>
<div id="program-files"></div>
</section>
</main>`;
