// @ts-check
// The report page's client. The page embeds the report as JSON (renderReportHtml); this reads it,
// fills the runs table and, for the selected run, the graphs, proposals, good-vs-bad and relations.
// Plain JavaScript, type-checked through JSDoc, so it runs unchanged from source (tests) and from
// dist (tsc copies it) with no bundler: viz/html/client.ts joins the modules of CLIENT_MODULES into
// one inline module script, dropping their imports of each other.
/* global Event, navigator, history, location, performance, requestAnimationFrame, setTimeout, localStorage, window */
import { byId, el, readJson, showDetails } from './dom.js';
import { clearGraph } from './graph-frame.js';
import { drawLineage } from './lineage.js';
import { renderRunsTable } from './runs-table.js';
import { diffAgainst } from './diff.js';
import { renderProposals, showRelying } from './run-pane.js';
import { drawSpacetime } from './spacetime.js';

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
  headline.className = summary.vacuous ? 'vacuous' : summary.verdict;
  const facts = [
    ['nodes', summary.spec.nodes.join(', ')],
    ['EOT', String(summary.spec.eot)],
    ['EFF', String(summary.spec.eff)],
    ['max crashes', String(summary.spec.maxCrashes)],
    ['strategy', summary.strategy],
    ['judge', summary.judge],
    ['executions', summary.executions.toLocaleString('en')],
    ['failure space', summary.boundText ?? summary.bound],
  ];
  const bounds = byId('bounds');
  for (const [term, value] of facts) {
    const pair = el('div');
    pair.append(el('dt', null, term), el('dd', null, value));
    bounds.append(pair);
  }
}

/** @param {ReportSummaryView['program']} program */
function renderProgram(program) {
  const files = byId('program-files');
  for (const file of program.files) files.append(el('h3', 'mono', file.path), el('pre', null, file.text));
}

/**
 * Good vs bad: the run's faults against a kept run's lineage, by default the run that proposed them
 * (the model's diff); the select recomputes it against any other kept run.
 * @param {RunView} run
 * @param {(iteration: number) => RunView} runView
 * @param {Rules} rules
 * @param {readonly RunRow[]} rows
 */
function renderDiff(run, runView, rules, rows) {
  const section = byId('diff-section');
  section.hidden = run.diff === null;
  if (!run.diff) return clearGraph(byId('diff'));
  const proposer = run.diff.good;
  const select = /** @type {HTMLSelectElement} */ (byId('diff-with'));
  const options = rows
    .filter((r) => r.kept && r.iteration !== run.iteration)
    .sort((a, b) => a.iteration - b.iteration)
    .map((r) => {
      const role =
        r.iteration !== proposer ? r.status : r.iteration === 0 ? 'failure-free' : 'proposed these faults';
      const option = /** @type {HTMLOptionElement} */ (el('option', null, `run ${r.iteration} (${role})`));
      option.value = String(r.iteration);
      return option;
    });
  select.replaceChildren(...options);
  select.value = String(proposer);
  const faults = run.diff.faults;
  const draw = () => {
    const good = runView(Number(select.value));
    const diff = good.iteration === proposer ? run.diff : diffAgainst(good, run, faults);
    if (diff) drawDiff(diff, good, proposer, rules);
  };
  select.onchange = draw;
  draw();
}

/**
 * @param {import('../model/types.js').LineageDiff} diff
 * @param {RunView} good
 * @param {number} proposer
 * @param {Rules} rules
 */
function drawDiff(diff, good, proposer, rules) {
  const lost =
    good.lineage.goals.length === 0
      ? 'It has no post tuple to take away.'
      : diff.lostGoals.length > 0
        ? `Its goals no longer hold: ${diff.lostGoals.join(', ')}.`
        : 'All its post tuples still hold.';
  const whose =
    diff.good === 0
      ? 'the failure-free run'
      : diff.good === proposer
        ? `run ${diff.good}, which proposed these faults`
        : `run ${diff.good}`;
  byId('diff-summary').textContent =
    `The lineage of ${whose}, with what run ${diff.bad}'s faults ` +
    `(${diff.faults.join(', ') || 'none'}) take away from it, in red. ${lost}`;
  drawLineage(good.lineage, byId('diff'), {
    rules,
    name: `run-${diff.good}-cut-by-run-${diff.bad}`,
  })?.markCut(diff.cut);
}

/**
 * A failing run's lineage pane shows why its `post` tuples are missing, down to the faults (marked).
 * @param {NonNullable<RunView['whyNot']>} why
 * @param {Rules} rules
 * @param {number} iteration
 */
function renderWhyNot(why, rules, iteration) {
  byId('lineage-title').textContent = `Why not: ${why.violations.join(', ')}`;
  byId('proposals').replaceChildren();
  byId('proposals-hint').textContent =
    `Read it downwards: each missing tuple, the rule firings it lost, down to the faults that matter ` +
    `(${why.faults.join(', ') || 'none'}), marked in red.`;
  const drawing = drawLineage(why.graph, byId('lineage'), { rules, name: `run-${iteration}-why-not` });
  drawing?.markCut(why.leaves);
  return drawing;
}

/**
 * The command that reruns the selected run, with a copy button.
 * @param {string | null} replay
 */
function renderReplay(replay) {
  const box = byId('replay');
  box.hidden = replay === null;
  if (replay === null) return box.replaceChildren();
  const copy = /** @type {HTMLButtonElement} */ (el('button', null, 'copy'));
  copy.type = 'button';
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(replay).then(() => (copy.textContent = 'copied'));
  });
  box.replaceChildren('Replay: ', el('code', null, replay), ' ', copy);
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

/**
 * A run the search did not keep a record of: its faults and outcome, and how to see it in full.
 * @param {RunRow} row
 * @param {{ markSelected: (iteration: number) => void }} table
 */
function showUnkept(row, table) {
  table.markSelected(row.iteration);
  byId('run').hidden = false;
  byId('run-title').textContent =
    `Run ${row.iteration} · ${row.status} · ${[...row.crashes, ...row.omissions].join(', ') || 'no faults'}`;
  for (const id of ['spacetime', 'lineage']) {
    clearGraph(byId(id));
    byId(id).append(
      el(
        'p',
        'empty',
        'This run was not kept: a long search keeps the records of its first runs and of every counterexample. Replay it with ldfi eval and these faults to see it in full.',
      ),
    );
  }
  byId('proposals').replaceChildren();
  byId('proposals-hint').textContent = '';
  byId('diff-section').hidden = true;
  byId('relations-section').hidden = true;
  showDetails(`Run ${row.iteration}`, [
    row.violations.length > 0 ? row.violations.join(', ') : 'The specification held.',
  ]);
}

const SPLIT_KEY = 'ldfi.split';

/** The divider between the two diagrams: drag or arrow keys; the share is remembered. */
function resizableSplit() {
  const panes = byId('panes');
  const divider = byId('split');
  /** @param {number} share */
  const apply = (share) => {
    const clamped = Math.min(0.75, Math.max(0.25, share));
    panes.style.gridTemplateColumns = `${clamped}fr 8px ${1 - clamped}fr`;
    divider.setAttribute('aria-valuenow', String(Math.round(clamped * 100)));
    try {
      localStorage.setItem(SPLIT_KEY, String(clamped));
    } catch {
      // Storage can be off for file:// pages: the split is then forgotten, nothing else changes.
    }
    window.dispatchEvent(new Event('resize'));
    return clamped;
  };
  let share = 0.45;
  try {
    share = Number(localStorage.getItem(SPLIT_KEY) ?? share) || share;
  } catch {
    // As above.
  }
  share = apply(share);
  divider.addEventListener('pointerdown', (down) => {
    divider.setPointerCapture(down.pointerId);
    const box = panes.getBoundingClientRect();
    /** @param {PointerEvent} move */
    const onMove = (move) => (share = apply((move.clientX - box.left) / box.width));
    divider.addEventListener('pointermove', onMove);
    divider.addEventListener('pointerup', () => divider.removeEventListener('pointermove', onMove), {
      once: true,
    });
  });
  divider.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowLeft') share = apply(share - 0.05);
    if (event.key === 'ArrowRight') share = apply(share + 0.05);
  });
}

const RUN_DRAWN = 'ldfi:run-drawn';
const TABLE_DRAWN = 'ldfi:table-drawn';

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
    const row = summary.rows.find((r) => r.iteration === iteration);
    if (row && !row.kept) return showUnkept(row, table);
    const run = runView(iteration);
    table.markSelected(iteration);
    byId('run').hidden = false;
    byId('run-title').textContent = run.title;
    showDetails('Details', ['Click a node of the lineage or an arrow of the spacetime diagram.']);
    const seeDiff = run.diff
      ? ' Good vs bad, below, shows what its faults took away from the failure-free run.'
      : '';
    /** @type {ReturnType<typeof drawLineage>} */
    let drawing = null;
    if (run.whyNot) drawing = renderWhyNot(run.whyNot, summary.program.rules, iteration);
    else {
      byId('lineage-title').textContent = 'Lineage: why the post tuples hold';
      drawing = drawLineage(run.lineage, byId('lineage'), {
        rules: summary.program.rules,
        name: `run-${iteration}-lineage`,
        whenEmpty: seeDiff,
      });
      renderProposals(run.lineage, drawing, summary.rows, select);
    }
    byId('legend-matters').hidden = !run.whyNot;
    drawSpacetime(run, byId('spacetime'), (arrow) =>
      showRelying(run.lineage, arrow, run.whyNot ? null : drawing),
    );
    renderReplay(run.replay);
    history.replaceState(null, '', `#run-${iteration}`);
    // For devtools and the report benchmark: when the selected run's graphs were laid out.
    performance.mark(RUN_DRAWN);
    // Below the fold: drawn once the run's own graphs are on screen (a timer set in an animation
    // frame fires after that frame is painted), unless another run was selected meanwhile.
    const token = ++selection;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (token !== selection) return;
        renderDiff(run, runView, summary.program.rules, summary.rows);
        renderRelations(run);
      }, 0),
    );
  };
  let selection = 0;
  renderHeader(summary);
  const table = renderRunsTable(summary.rows, summary.spec.nodes, select);
  performance.mark(TABLE_DRAWN);
  resizableSplit();
  renderProgram(summary.program);
  const linked = /^#run-(\d+)$/.exec(location.hash);
  const first =
    linked && summary.rows.some((r) => r.iteration === Number(linked[1]))
      ? Number(linked[1])
      : summary.rows[0]?.iteration;
  if (first !== undefined) select(first);
}

main();
