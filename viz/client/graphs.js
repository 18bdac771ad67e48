// @ts-check
// The report's graphs, drawn with cytoscape (an inline classic script before this module): the
// spacetime diagram at the view model's preset positions, the lineage with dagre or preset, and the
// highlighting of what a fault set cuts.
import { el, readJson, showDetails } from './dom.js';

/** @typedef {import('../model/types.js').ReportSummaryView} ReportSummaryView */
/** @typedef {import('../model/types.js').RunView} RunView */
/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').LineageViewNode} LineageViewNode */
/** @typedef {import('../model/types.js').SpacetimeView} SpacetimeView */
/** @typedef {ReportSummaryView['program']['rules']} Rules */
/** @typedef {import('cytoscape').Core} Core */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */
/** @typedef {import('../html/graph-styles.js').GraphStyles} GraphStyles */

const cytoscape = /** @type {typeof import('cytoscape')} */ (/** @type {any} */ (globalThis).cytoscape);

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

// Below FIT_ZOOM labels cannot be read: a graph that small is shown from its goals instead, at a
// comfortable READABLE_ZOOM, to be panned.
const FIT_ZOOM = 0.4;
const READABLE_ZOOM = 0.7;

/**
 * @param {Core} cy
 * @param {import('cytoscape').CollectionReturnValue} focus
 */
function keepReadable(cy, focus) {
  if (cy.zoom() >= FIT_ZOOM || focus.empty()) return;
  cy.zoom(READABLE_ZOOM);
  const box = focus.renderedBoundingBox({});
  // Centred if the focus fits across, else from its left end: the middle of far-apart goals is empty.
  const x = box.w <= cy.width() - 48 ? cy.width() / 2 - (box.x1 + box.x2) / 2 : 24 - box.x1;
  cy.panBy({ x, y: 24 - box.y1 });
}

/** @type {WeakMap<HTMLElement, Core>} */
const graphs = new WeakMap();

/** @param {HTMLElement} container */
export function clearGraph(container) {
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
  for (const head of view.heads)
    elements.push({
      data: { id: head.id, label: head.node },
      position: { ...head.position },
      classes: 'head',
    });
  for (const tick of view.ticks)
    elements.push({
      data: { id: tick.id, label: tick.label },
      position: { ...tick.position },
      classes: 'tick',
    });
  for (const e of view.events) {
    const classes = ['event', e.crashed ? 'crashed' : '', e.crashesHere ? 'crash-here' : ''].join(' ');
    elements.push({
      data: { id: e.id, label: e.crashesHere ? `crashed @${e.time}` : '', node: e.node, time: e.time },
      position: { ...e.position },
      classes,
    });
  }
  for (const l of view.lanes)
    elements.push({
      data: { id: l.id, source: l.source, target: l.target },
      classes: l.crashed ? 'lane crashed' : 'lane',
    });
  for (const a of view.arrows) {
    const label =
      a.lostBy === null ? a.label : a.lostBy === 'omission' ? `${a.label} ✗ omitted` : `${a.label} ✗`;
    elements.push({
      data: { id: a.id, source: a.source, target: a.target, label },
      classes: a.lostBy === null ? 'message' : `message lost ${a.lostBy}`,
    });
  }
  return elements;
}

/**
 * @param {RunView} run
 * @param {HTMLElement} container
 * @returns {Core} for pages that add their own taps (the playground picks faults on it)
 */
export function drawSpacetime(run, container) {
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
    showDetails(`${node} @${time}`, [
      `What ${node} holds at time ${time} (tuples whose first column is ${node}):`,
      stateOf(run, node, time),
    ]);
  });
  return cy;
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
      if (row.time === time && row.values[0] === node)
        list.append(el('li', null, `${relation.relation}(${row.values.join(', ')})`));
    }
  }
  if (list.childElementCount === 0) list.append(el('li', null, 'nothing'));
  return list;
}

/**
 * Width of a lineage node's box: cytoscape does not size boxes to their text. The same formula as
 * labelWidth in viz/model/lineage-layout.ts, which places preset layouts.
 * @param {string} label
 */
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
  for (const edge of view.edges)
    elements.push({
      data: { id: `e${edge.source}-${edge.target}`, source: `n${edge.source}`, target: `n${edge.target}` },
      classes,
    });
  return elements;
}

/**
 * @param {LineageView} view
 * @param {HTMLElement} container
 * @param {Rules} rules
 * @param {string} [whenEmpty]
 * @returns {Core | null}
 */
export function drawLineage(view, container, rules, whenEmpty = '') {
  if (view.nodes.length === 0) {
    drawNothing(
      container,
      `No post tuple holds at the end of time in this run: there is no lineage to show.${whenEmpty}`,
    );
    return null;
  }
  const layout =
    view.layout === 'dagre'
      ? { name: 'dagre', rankDir: 'TB', nodeSep: 14, rankSep: 36, edgeSep: 6 }
      : { name: 'preset' };
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
        node.goal
          ? 'A postcondition at the end of time. The proposed fault sets (above the graph) each try to leave it without support.'
          : 'Holds if any one of its rule firings (below it) holds.',
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
      return showDetails(node.label, [
        `The outcome relied on ${node.node} not crashing (a notin crash(…) in a rule): crashing ${node.node} cuts it.`,
      ]);
  }
}

/**
 * @param {Core | null} cy
 * @param {readonly number[]} cut
 */
export function markCut(cy, cut) {
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
  const all = cy.elements().boundingBox({});
  const box = nodes.boundingBox({});
  const bigger = all.w > view.w || all.h > view.h;
  if (
    bigger &&
    nodes.nonempty() &&
    (box.x1 < view.x1 || box.x2 > view.x2 || box.y1 < view.y1 || box.y2 > view.y2)
  )
    cy.center(nodes);
  const container = cy.container();
  if (container) container.dataset.cut = String(cut.length);
}
