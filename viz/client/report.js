// @ts-check
// The report page's client. The page embeds the report as JSON (renderReportHtml); this reads it,
// fills the runs table and, for the selected run, the graphs, proposals, good-vs-bad and relations.
// Plain JavaScript, type-checked through JSDoc, so it runs unchanged from source (tests) and from
// dist (tsc copies it) with no bundler: viz/html/client.ts joins dom.js, graphs.js and this file
// into one inline module script, dropping their imports of each other.
/* global document, history, location, performance, requestAnimationFrame, setTimeout */
import { appendList, byId, el, readJson, showDetails } from './dom.js';
import { clearGraph, drawLineage, drawSpacetime, markCut } from './graphs.js';

/** @typedef {import('../model/types.js').ReportSummaryView} ReportSummaryView */
/** @typedef {import('../model/types.js').RunView} RunView */
/** @typedef {import('../model/types.js').RunRow} RunRow */
/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('cytoscape').Core} Core */
/** @typedef {ReportSummaryView['program']['rules']} Rules */

/** @param {ReportSummaryView} summary */
function renderHeader(summary) {
  const headline = byId('headline');
  headline.textContent = summary.headline;
  headline.className = summary.verdict;
  const facts = [
    ['nodes', summary.spec.nodes.join(', ')],
    ['EOT', String(summary.spec.eot)],
    ['EFF', String(summary.spec.eff)],
    ['max crashes', String(summary.spec.maxCrashes)],
    ['strategy', summary.strategy],
    ['judge', summary.judge],
    ['executions', String(summary.executions)],
    ['bound', summary.bound],
    ['time', `${summary.elapsedMs} ms`],
  ];
  const bounds = byId('bounds');
  for (const [term, value] of facts) {
    const pair = el('div');
    pair.append(el('dt', null, term), el('dd', null, value));
    bounds.append(pair);
  }
}

/**
 * @param {readonly RunRow[]} rows
 * @param {(iteration: number) => void} select
 */
function renderRunsTable(rows, select) {
  const body = byId('runs-table').querySelector('tbody');
  if (!body) throw new Error('runs table has no body');
  for (const row of rows) {
    const tr = el('tr', row.counterexample ? 'counterexample' : null);
    tr.dataset.run = String(row.iteration);
    tr.tabIndex = 0;
    const run = el('td', null, String(row.iteration));
    if (row.counterexample) run.append(el('span', 'badge', 'counterexample'));
    const cells = [row.crashes, row.omissions, row.violations].map((items) => {
      const td = el('td');
      if (items.length > 0) appendList(td, items);
      else td.textContent = '—';
      return td;
    });
    const parent = el('td', null, row.parent === null ? '—' : `run ${row.parent}`);
    tr.append(run, el('td', `status-${row.status}`, row.status), ...cells, parent);
    tr.addEventListener('click', () => select(row.iteration));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') select(row.iteration);
    });
    body.append(tr);
  }
}

/** @param {ReportSummaryView['program']} program */
function renderProgram(program) {
  const files = byId('program-files');
  for (const file of program.files) files.append(el('h3', 'mono', file.path), el('pre', null, file.text));
}

/**
 * @param {LineageView} view
 * @param {Core | null} cy
 * @param {readonly RunRow[]} rows
 * @param {(iteration: number) => void} select
 */
function renderProposals(view, cy, rows, select) {
  const box = byId('proposals');
  box.replaceChildren();
  byId('proposals-hint').textContent =
    view.proposals.length > 0
      ? 'Fault sets this lineage proposed for the next runs: select one to see the supports it cuts.'
      : 'This run proposed no further fault sets.';
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  for (const proposal of view.proposals) {
    const target = proposal.run === null ? 'not run' : `run ${proposal.run}`;
    const button = /** @type {HTMLButtonElement} */ (
      el('button', null, `${proposal.faults.join(', ') || 'no faults'} → ${target}`)
    );
    button.type = 'button';
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') !== 'true';
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', String(pressed));
      markCut(cy, pressed ? proposal.cut : []);
      if (pressed) explainProposal(view, proposal, rows, select);
    });
    buttons.push(button);
    box.append(button);
  }
}

/**
 * Why this fault set: which goals it leaves without support, and what running it gave.
 * @param {LineageView} view
 * @param {LineageView['proposals'][number]} proposal
 * @param {readonly RunRow[]} rows
 * @param {(iteration: number) => void} select
 */
function explainProposal(view, proposal, rows, select) {
  const cut = new Set(proposal.cut);
  const goals = view.goals.filter((g) => cut.has(g)).map((g) => view.nodes[g]?.label ?? String(g));
  /** @type {(string | HTMLElement)[]} */
  const parts = [
    `It cuts ${proposal.cut.length} of the ${view.nodes.length} nodes (in red). ` +
      (goals.length > 0
        ? `Goals left without any support: ${goals.join(', ')}.`
        : 'No goal loses all its support.'),
  ];
  const executed = proposal.run === null ? undefined : rows.find((r) => r.iteration === proposal.run);
  if (executed) {
    const open = /** @type {HTMLButtonElement} */ (
      el('button', null, `Open run ${executed.iteration} (${executed.status})`)
    );
    open.type = 'button';
    open.addEventListener('click', () => select(executed.iteration));
    parts.push(open);
  } else {
    parts.push('Not executed: the search stopped first, or an equivalent fault set was already run.');
  }
  showDetails(`proposed: ${proposal.faults.join(', ') || 'no faults'}`, parts);
}

/**
 * @param {RunView} run
 * @param {(iteration: number) => RunView} runView
 * @param {Rules} rules
 */
function renderDiff(run, runView, rules) {
  const section = byId('diff-section');
  section.hidden = run.diff === null;
  if (!run.diff) return clearGraph(byId('diff'));
  const good = runView(run.diff.good);
  const lost =
    run.diff.lostGoals.length > 0 ? `no longer hold: ${run.diff.lostGoals.join(', ')}` : 'cut no post tuple';
  byId('diff-summary').textContent =
    `The failure-free run ${run.diff.good}'s lineage, with what run ${run.diff.bad}'s faults ` +
    `(${run.diff.faults.join(', ') || 'none'}) take away from it, in red. Its goals ${lost}.`;
  markCut(drawLineage(good.lineage, byId('diff'), rules), run.diff.cut);
}

/** @param {RunView} run */
function renderRelations(run) {
  byId('relations-section').hidden = false;
  const timeFilter = /** @type {HTMLSelectElement} */ (byId('time-filter'));
  const times = [...new Set(run.relations.flatMap((r) => r.rows.map((row) => row.time)))].sort(
    (a, b) => a - b,
  );
  timeFilter.replaceChildren(el('option', null, 'all'), ...times.map((t) => el('option', null, String(t))));
  /** @type {HTMLOptionElement} */ (timeFilter.firstChild).value = '';
  const nameFilter = /** @type {HTMLInputElement} */ (byId('relation-filter'));
  const draw = () =>
    drawRelations(
      run,
      nameFilter.value.trim().toLowerCase(),
      timeFilter.value === '' ? null : Number(timeFilter.value),
    );
  nameFilter.oninput = draw;
  timeFilter.onchange = draw;
  draw();
}

const MAX_RELATION_ROWS = 2000;

/**
 * @param {RunView} run
 * @param {string} name
 * @param {number | null} time
 */
function drawRelations(run, name, time) {
  const box = byId('relations');
  box.replaceChildren();
  let shown = 0;
  for (const relation of run.relations) {
    if (!relation.relation.toLowerCase().includes(name)) continue;
    const rows = relation.rows
      .filter((row) => time === null || row.time === time)
      .slice(0, MAX_RELATION_ROWS - shown);
    if (rows.length === 0) continue;
    const table = el('table');
    for (const row of rows) {
      const tr = el('tr');
      tr.append(...row.values.map((v) => el('td', null, v)), el('td', 'time', `@${row.time}`));
      table.append(tr);
    }
    const card = el('div', 'relation');
    card.append(el('h4', null, `${relation.relation} (${rows.length})`), table);
    box.append(card);
    shown += rows.length;
    if (shown >= MAX_RELATION_ROWS) {
      box.prepend(
        el('p', 'hint wide', `First ${MAX_RELATION_ROWS} rows shown: narrow the filters to see the rest.`),
      );
      break;
    }
  }
  if (shown === 0) box.append(el('p', 'empty', 'No tuple matches.'));
}

const RUN_DRAWN = 'ldfi:run-drawn';

function main() {
  /** @type {ReportSummaryView} */
  const summary = readJson('ldfi-report');
  /** @type {Map<number, RunView>} */
  const parsed = new Map();
  /** @param {number} iteration */
  const runView = (iteration) => {
    let view = parsed.get(iteration);
    if (!view) parsed.set(iteration, (view = /** @type {RunView} */ (readJson(`ldfi-run-${iteration}`))));
    return view;
  };
  /** @param {number} iteration */
  const select = (iteration) => {
    const run = runView(iteration);
    document.querySelectorAll('#runs-table tbody tr').forEach((tr) => {
      tr.classList.toggle('selected', /** @type {HTMLElement} */ (tr).dataset.run === String(iteration));
    });
    byId('run').hidden = false;
    byId('run-title').textContent = run.title;
    showDetails('Details', ['Click a node of the lineage or an arrow of the spacetime diagram.']);
    drawSpacetime(run, byId('spacetime'));
    const seeDiff = run.diff
      ? ' Good vs bad, below, shows what its faults took away from the failure-free run.'
      : '';
    renderProposals(
      run.lineage,
      drawLineage(run.lineage, byId('lineage'), summary.program.rules, seeDiff),
      summary.rows,
      select,
    );
    history.replaceState(null, '', `#run-${iteration}`);
    // For devtools and the report benchmark: when the selected run's graphs were laid out.
    performance.mark(RUN_DRAWN);
    // Below the fold: drawn once the run's own graphs are on screen (a timer set in an animation
    // frame fires after that frame is painted), unless another run was selected meanwhile.
    const token = ++selection;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (token !== selection) return;
        renderDiff(run, runView, summary.program.rules);
        renderRelations(run);
      }, 0),
    );
  };
  let selection = 0;
  renderHeader(summary);
  renderRunsTable(summary.rows, select);
  renderProgram(summary.program);
  const linked = /^#run-(\d+)$/.exec(location.hash);
  const first =
    linked && summary.rows.some((r) => r.iteration === Number(linked[1]))
      ? Number(linked[1])
      : summary.rows[0]?.iteration;
  if (first !== undefined) select(first);
}

main();
