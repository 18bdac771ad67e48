// @ts-check
// The report page's client. It reads the JSON blocks renderReportHtml embedded, builds the DOM with
// textContent only (program strings never become markup), and draws the graphs with cytoscape:
// preset positions from the view model for the spacetime diagram, dagre or preset for lineage.
// Plain JavaScript, type-checked through JSDoc, so it runs unchanged from source (tests) and from
// dist (tsc copies it) with no bundler; inlined as a module script after cytoscape's classic scripts,
// so it imports nothing: even the graph styles come in as data (viz/html/graph-styles.ts).
/* global document, history, location, setTimeout */

/** @typedef {import('../model/types.js').ReportSummaryView} ReportSummaryView */
/** @typedef {import('../model/types.js').RunView} RunView */
/** @typedef {import('../model/types.js').RunRow} RunRow */
/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').LineageViewNode} LineageViewNode */
/** @typedef {import('../model/types.js').SpacetimeView} SpacetimeView */
/** @typedef {ReportSummaryView['program']['rules']} Rules */
/** @typedef {import('cytoscape').Core} Core */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */
/** @typedef {import('../html/graph-styles.js').GraphStyles} GraphStyles */

const cytoscape = /** @type {typeof import('cytoscape')} */ (/** @type {any} */ (globalThis).cytoscape);

/** @param {string} id */
function byId(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`report page is missing #${id}`);
  return found;
}

/**
 * @param {string} id
 * @returns {any}
 */
function readJson(id) {
  return JSON.parse(byId(id).textContent ?? 'null');
}

/**
 * @param {string} tag
 * @param {string | null} [className]
 * @param {string | null} [text]
 */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/**
 * @param {HTMLElement} parent
 * @param {readonly string[]} items
 */
function appendList(parent, items) {
  const list = el('ul', 'plain');
  for (const item of items) list.append(el('li', null, item));
  parent.append(list);
}

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
 * Replaces the details panel's content.
 * @param {string} title
 * @param {readonly (HTMLElement | string)[]} parts
 */
function showDetails(title, parts) {
  const details = byId('details');
  details.replaceChildren(el('h3', null, title), ...parts.map((p) => (typeof p === 'string' ? el('p', null, p) : p)));
}

/** @type {GraphStyles} */
const STYLES = readJson('ldfi-graph-styles');

/**
 * A cytoscape graph in `container`, replacing any earlier one; marks the container with the node
 * count once laid out (tests and the benchmark wait for it).
 * @param {HTMLElement} container
 * @param {ElementDefinition[]} elements
 * @param {readonly any[]} style
 * @param {any} layout
 * @param {string} [focus] a selector to show first when the whole graph is too small to read
 * @returns {Core}
 */
function drawGraph(container, elements, style, layout, focus) {
  clearGraph(container);
  const cy = cytoscape({ container, style: [...style], minZoom: 0.05, maxZoom: 4 });
  graphs.set(container, cy);
  cy.add(elements);
  cy.one('layoutstop', () => {
    cy.fit(undefined, 24);
    if (focus) keepReadable(cy, cy.$(focus));
    container.dataset.nodes = String(cy.nodes().length);
  });
  cy.layout(layout).run();
  return cy;
}

// Below this zoom labels cannot be read: a big graph is shown from its goals instead, to be panned.
const READABLE_ZOOM = 0.6;

/**
 * @param {Core} cy
 * @param {import('cytoscape').CollectionReturnValue} focus
 */
function keepReadable(cy, focus) {
  if (cy.zoom() >= READABLE_ZOOM || focus.empty()) return;
  cy.zoom(READABLE_ZOOM);
  const box = focus.renderedBoundingBox({});
  cy.panBy({ x: cy.width() / 2 - (box.x1 + box.x2) / 2, y: 24 - box.y1 });
}

/** @type {WeakMap<HTMLElement, Core>} */
const graphs = new WeakMap();

/** @param {HTMLElement} container */
function clearGraph(container) {
  graphs.get(container)?.destroy();
  graphs.delete(container);
  container.replaceChildren();
  delete container.dataset.nodes;
  delete container.dataset.cut;
}

/**
 * @param {HTMLElement} container
 * @param {string} message
 */
function drawNothing(container, message) {
  clearGraph(container);
  container.append(el('p', 'empty', message));
  container.dataset.nodes = '0';
}

/** @param {SpacetimeView} view */
function spacetimeElements(view) {
  /** @type {ElementDefinition[]} */
  const elements = [];
  for (const head of view.heads) elements.push({ data: { id: head.id, label: head.node }, position: { ...head.position }, classes: 'head' });
  for (const tick of view.ticks) elements.push({ data: { id: tick.id, label: tick.label }, position: { ...tick.position }, classes: 'tick' });
  for (const e of view.events) {
    const classes = ['event', e.crashed ? 'crashed' : '', e.crashesHere ? 'crash-here' : ''].join(' ');
    elements.push({ data: { id: e.id, label: e.crashesHere ? `crashed @${e.time}` : '', node: e.node, time: e.time }, position: { ...e.position }, classes });
  }
  for (const l of view.lanes) elements.push({ data: { id: l.id, source: l.source, target: l.target }, classes: l.crashed ? 'lane crashed' : 'lane' });
  for (const a of view.arrows) {
    const label = a.lostBy === null ? a.label : a.lostBy === 'omission' ? `${a.label} ✗ omitted` : `${a.label} ✗`;
    elements.push({ data: { id: a.id, source: a.source, target: a.target, label }, classes: a.lostBy === null ? 'message' : `message lost ${a.lostBy}` });
  }
  return elements;
}

/**
 * @param {RunView} run
 * @param {HTMLElement} container
 */
function drawSpacetime(run, container) {
  const view = run.spacetime;
  const cy = drawGraph(container, spacetimeElements(view), STYLES.spacetime, { name: 'preset' });
  cy.autoungrabify(true);
  cy.on('tap', 'edge.message', (event) => {
    const arrow = view.arrows.find((a) => a.id === event.target.id());
    if (!arrow) return;
    const fate =
      arrow.lostBy === 'omission'
        ? 'lost: an omission was injected on this channel at this time'
        : arrow.lostBy === 'crash'
          ? `lost: ${arrow.from} had crashed, so it sends nothing to other nodes`
          : `delivered @${arrow.sendTime + 1}`;
    const tuples = el('ul', 'plain mono');
    for (const t of arrow.tuples) tuples.append(el('li', null, t));
    showDetails(`${arrow.from}→${arrow.to} sent @${arrow.sendTime}`, [fate, tuples]);
  });
  cy.on('tap', 'node.event', (event) => {
    const node = String(event.target.data('node'));
    const time = Number(event.target.data('time'));
    showDetails(`${node} @${time}`, [`What ${node} holds at time ${time} (tuples whose first column is ${node}):`, stateOf(run, node, time)]);
  });
}

/**
 * @param {RunView} run
 * @param {string} node
 * @param {number} time
 */
function stateOf(run, node, time) {
  const list = el('ul', 'plain mono');
  for (const relation of run.relations) {
    for (const row of relation.rows) {
      if (row.time === time && row.values[0] === node) list.append(el('li', null, `${relation.relation}(${row.values.join(', ')})`));
    }
  }
  if (list.childElementCount === 0) list.append(el('li', null, 'nothing'));
  return list;
}

/** Width for a node label in the lineage graph: cytoscape does not size boxes to text by itself (the same formula as labelWidth in viz/model/lineage-layout.ts). */
/** @param {string} label */
const labelWidth = (label) => Math.min(240, Math.max(36, label.length * 7 + 16));

/** @param {LineageView} view */
function lineageElements(view) {
  /** @type {ElementDefinition[]} */
  const elements = view.nodes.map((node) => {
    const classes = node.kind === 'tuple' && node.goal ? 'tuple goal' : node.kind;
    /** @type {ElementDefinition} */
    const element = { data: { id: `n${node.id}`, label: node.label, w: labelWidth(node.label) }, classes };
    if (node.position) element.position = { ...node.position };
    return element;
  });
  // Big (preset) graphs get straight edges: much cheaper to draw than bezier curves.
  const classes = view.layout === 'preset' ? 'straight' : '';
  for (const edge of view.edges) elements.push({ data: { id: `e${edge.source}-${edge.target}`, source: `n${edge.source}`, target: `n${edge.target}` }, classes });
  return elements;
}

/**
 * @param {LineageView} view
 * @param {HTMLElement} container
 * @param {Rules} rules
 * @param {string} [whenEmpty]
 * @returns {Core | null}
 */
function drawLineage(view, container, rules, whenEmpty = '') {
  if (view.nodes.length === 0) {
    drawNothing(container, `No post tuple holds at the end of time in this run: there is no lineage to show.${whenEmpty}`);
    return null;
  }
  const layout = view.layout === 'dagre' ? { name: 'dagre', rankDir: 'TB', nodeSep: 14, rankSep: 36, edgeSep: 6 } : { name: 'preset' };
  const cy = drawGraph(container, lineageElements(view), STYLES.lineage, layout, 'node.goal');
  cy.on('tap', 'node', (event) => {
    const node = view.nodes[Number(String(event.target.id()).slice(1))];
    if (node) showLineageNode(node, rules);
  });
  return cy;
}

/**
 * @param {LineageViewNode} node
 * @param {Rules} rules
 */
function showLineageNode(node, rules) {
  switch (node.kind) {
    case 'tuple':
      return showDetails(node.goal ? 'post tuple (a goal)' : 'tuple', [
        el('pre', null, node.label),
        node.goal ? 'A postcondition at the end of time: the faults below are chosen to prevent it.' : 'Holds if any one of its derivations (below it) holds.',
      ]);
    case 'derivation': {
      const rule = node.rule === null ? undefined : rules[node.rule];
      const where = rule ? `${rule.file}:${rule.line}` : 'rule not found';
      return showDetails(`rule firing: ${node.label}`, [
        el('pre', null, rule ? rule.text : node.label),
        el('p', 'where', where),
        'Holds only if everything it used (below it) holds.',
      ]);
    }
    case 'message':
      return showDetails(`message ${node.from}→${node.to} @${node.time ?? '?'}`, [
        'The outcome relied on this message. An omission on this channel at this time, or a crash of the sender at or before it, cuts it.',
      ]);
    case 'no-crash':
      return showDetails(node.label, [`The outcome relied on ${node.node} not crashing (a notin crash(…) in a rule): crashing ${node.node} cuts it.`]);
  }
}

/**
 * @param {Core | null} cy
 * @param {readonly number[]} cut
 */
function markCut(cy, cut) {
  if (!cy) return;
  const nodes = cy.collection();
  for (const id of cut) nodes.merge(cy.getElementById(`n${id}`));
  cy.batch(() => {
    cy.elements().removeClass('cut');
    nodes.addClass('cut');
    nodes.edgesWith(nodes).addClass('cut');
  });
  // In a graph bigger than the view, bring what was cut into it.
  const view = cy.extent();
  const box = nodes.boundingBox({});
  if (nodes.nonempty() && (box.x1 < view.x1 || box.x2 > view.x2 || box.y1 < view.y1 || box.y2 > view.y2)) cy.center(nodes);
  const container = cy.container();
  if (container) container.dataset.cut = String(cut.length);
}

/**
 * @param {LineageView} view
 * @param {Core | null} cy
 */
function renderProposals(view, cy) {
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
    const button = /** @type {HTMLButtonElement} */ (el('button', null, `${proposal.faults.join(', ') || 'no faults'} → ${target}`));
    button.type = 'button';
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') !== 'true';
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', String(pressed));
      markCut(cy, pressed ? proposal.cut : []);
    });
    buttons.push(button);
    box.append(button);
  }
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
  const lost = run.diff.lostGoals.length > 0 ? `no longer hold: ${run.diff.lostGoals.join(', ')}` : 'cut no post tuple';
  byId('diff-summary').textContent =
    `The failure-free run ${run.diff.good}'s lineage, with what run ${run.diff.bad}'s faults ` +
    `(${run.diff.faults.join(', ') || 'none'}) take away from it, in red. Its goals ${lost}.`;
  markCut(drawLineage(good.lineage, byId('diff'), rules), run.diff.cut);
}

/** @param {RunView} run */
function renderRelations(run) {
  byId('relations-section').hidden = false;
  const timeFilter = /** @type {HTMLSelectElement} */ (byId('time-filter'));
  const times = [...new Set(run.relations.flatMap((r) => r.rows.map((row) => row.time)))].sort((a, b) => a - b);
  timeFilter.replaceChildren(el('option', null, 'all'), ...times.map((t) => el('option', null, String(t))));
  /** @type {HTMLOptionElement} */ (timeFilter.firstChild).value = '';
  const nameFilter = /** @type {HTMLInputElement} */ (byId('relation-filter'));
  const draw = () => drawRelations(run, nameFilter.value.trim().toLowerCase(), timeFilter.value === '' ? null : Number(timeFilter.value));
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
    const rows = relation.rows.filter((row) => time === null || row.time === time).slice(0, MAX_RELATION_ROWS - shown);
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
      box.prepend(el('p', 'hint wide', `First ${MAX_RELATION_ROWS} rows shown: narrow the filters to see the rest.`));
      break;
    }
  }
  if (shown === 0) box.append(el('p', 'empty', 'No tuple matches.'));
}

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
    const seeDiff = run.diff ? ' Good vs bad, below, shows what its faults took away from the failure-free run.' : '';
    renderProposals(run.lineage, drawLineage(run.lineage, byId('lineage'), summary.program.rules, seeDiff));
    history.replaceState(null, '', `#run-${iteration}`);
    // Below the fold: drawn after the run's own graphs are on screen, unless another run was selected.
    const token = ++selection;
    setTimeout(() => {
      if (token !== selection) return;
      renderDiff(run, runView, summary.program.rules);
      renderRelations(run);
    }, 0);
  };
  let selection = 0;
  renderHeader(summary);
  renderRunsTable(summary.rows, select);
  renderProgram(summary.program);
  const linked = /^#run-(\d+)$/.exec(location.hash);
  const first = linked && summary.rows.some((r) => r.iteration === Number(linked[1])) ? Number(linked[1]) : summary.rows[0]?.iteration;
  if (first !== undefined) select(first);
}

main();
