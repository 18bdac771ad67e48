// @ts-check
// Draws any lineage view (a run's, the failure-free run's cut by a failing run's faults, a why-not
// graph) into a container: the overview first, focus on one goal, unfold chains and firings, show
// hidden facts; what a fault set cuts and what relies on a message, highlighted.
/* global HTMLElement */
import { el, showDetails } from './dom.js';
import { READABLE_ZOOM, STYLES, button, drawNothing, fitReadable, graphFrame } from './graph-frame.js';
import { labelWidth, layeredLayout, visibleLineage } from './lineage-view.js';

/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').LineageViewNode} LineageViewNode */
/** @typedef {import('../model/types.js').ReportSummaryView['program']['rules']} Rules */
/** @typedef {import('./lineage-view.js').LineageState} LineageState */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */

/**
 * @typedef {object} LineageDrawing
 * @property {import('cytoscape').Core} cy
 * @property {(cut: readonly number[]) => void} markCut mark what a fault set cuts (ids of the view)
 * @property {(ids: readonly number[]) => void} markRelying mark what relies on something picked elsewhere
 */

/**
 * @param {LineageView} view
 * @param {HTMLElement} container
 * @param {{ rules: Rules, name: string, whenEmpty?: string }} options
 * @returns {LineageDrawing | null}
 */
export function drawLineage(view, container, options) {
  if (view.nodes.length === 0) {
    drawNothing(
      container,
      `No post tuple holds at the end of time in this run: there is no lineage to show.${options.whenEmpty ?? ''}`,
    );
    return null;
  }
  /** @type {LineageState} */
  const initial = {
    mode: view.overview ? 'overview' : 'detail',
    focus: null,
    showFacts: false,
    expanded: new Set(),
  };
  let state = initial;
  /** @type {readonly number[]} */
  let cut = [];
  /** @type {readonly number[]} */
  let relying = [];
  const { tools, cy } = graphFrame(container, {
    style: STYLES.lineage,
    name: options.name,
    hint: 'Wheel to zoom, drag to pan. Click a node for details, double-click a goal (or select it and press Enter) for its lineage alone; click a folded chain to unfold it. Keys: + − f 0, arrows, Esc.',
    reset: () => show(initial),
    refit: () => fitReadable(cy, cy.nodes('.goal')),
  });
  const overview = button('Overview', 'The goals and the messages they rest on', () =>
    show({ ...state, mode: 'overview', focus: null }),
  );
  const detail = button('Every step', 'Every tuple and rule firing, persistence folded', () =>
    show({ ...state, mode: 'detail' }),
  );
  const facts = /** @type {HTMLInputElement} */ (el('input'));
  facts.type = 'checkbox';
  facts.addEventListener('change', () => show({ ...state, mode: 'detail', showFacts: facts.checked }));
  const factsLabel = el('label', 'toggle');
  factsLabel.append(facts, ' facts & clocks');
  const focusNote = el('span', 'focus-note');
  if (view.overview) tools.append(overview);
  tools.append(detail, factsLabel, focusNote);

  /** @param {LineageState} next */
  function show(next) {
    state = next;
    const graph = visibleLineage(view, state);
    // Rows wrap to what the pane shows at a readable zoom (less the time labels on the left).
    const room = cy.width() > 0 ? cy.width() / READABLE_ZOOM - 110 : undefined;
    const { positions, ticks } = layeredLayout(
      graph,
      room === undefined ? undefined : Math.max(260, Math.min(room, 900)),
    );
    const left =
      graph.nodes.reduce(
        (min, n) => Math.min(min, (positions.get(n.id)?.x ?? 0) - labelWidth(labelOf(n)) / 2),
        0,
      ) - 36;
    cy.batch(() => {
      cy.elements().remove();
      cy.add(elementsOf(graph, positions, ticks, left));
    });
    overview.setAttribute('aria-pressed', String(state.mode === 'overview'));
    detail.setAttribute('aria-pressed', String(state.mode === 'detail'));
    facts.checked = state.showFacts;
    focusNote.replaceChildren();
    if (state.focus !== null) {
      focusNote.append(`focus: ${view.nodes[state.focus]?.label ?? ''} `);
      focusNote.append(button('×', 'Show every goal again', () => show({ ...state, focus: null })));
    }
    applyMarks();
    fitReadable(cy, cy.nodes('.goal'));
    container.dataset.nodes = String(cy.nodes('.lineage').length);
    container.dataset.mode = state.mode;
  }

  /** Marks of the full graph on what is drawn: a folded chain is cut when its latest tuple is. */
  function applyMarks() {
    const drawnId = (/** @type {number} */ id) => {
      const chain = view.nodes.find(
        (n) => n.kind === 'chain' && n.members[0] === id && cy.getElementById(`n${n.id}`).nonempty(),
      );
      return chain ? chain.id : id;
    };
    const cutNodes = cy.collection();
    for (const id of cut) cutNodes.merge(cy.getElementById(`n${drawnId(id)}`));
    const relyNodes = cy.collection();
    for (const id of relying) relyNodes.merge(cy.getElementById(`n${drawnId(id)}`));
    cy.batch(() => {
      cy.elements().removeClass('cut relies');
      cutNodes.addClass('cut');
      cutNodes.edgesWith(cutNodes).addClass('cut');
      relyNodes.addClass('relies');
    });
    container.dataset.cut = String(cut.length);
  }

  cy.on('tap', 'node.lineage', (event) => {
    const node = view.nodes[Number(String(event.target.id()).slice(1))];
    if (!node) return;
    if (node.kind === 'chain') show({ ...state, expanded: new Set([...state.expanded, node.id]) });
    describe(node);
  });
  cy.on('dbltap', 'node.lineage', (event) => focusOn(Number(String(event.target.id()).slice(1))));
  container.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') show({ ...state, focus: null });
    if (event.key === 'Enter') {
      const picked = cy.nodes('.lineage:selected').first();
      if (picked.nonempty()) focusOn(Number(String(picked.id()).slice(1)));
    }
    if (
      event.key === 'Tab' &&
      !event.shiftKey &&
      event.target instanceof HTMLElement &&
      event.target.classList.contains('graph-canvas')
    ) {
      // Tab inside the canvas steps through the goals, then leaves it.
      const goals = cy.nodes('.goal');
      const at = goals.toArray().findIndex((g) => g.selected());
      if (at + 1 < goals.length) {
        event.preventDefault();
        cy.nodes().unselect();
        const next = goals[at + 1];
        next?.select();
        const node = next && view.nodes[Number(String(next.id()).slice(1))];
        if (node) describe(node);
      }
    }
  });

  /** @param {number} id */
  function focusOn(id) {
    const node = view.nodes[id];
    if (!node || (node.kind !== 'tuple' && node.kind !== 'chain')) return;
    show({ ...state, mode: 'detail', focus: node.kind === 'chain' ? (node.members[0] ?? id) : id });
  }

  /** @param {LineageViewNode} node */
  function describe(node) {
    const parts = describeNode(node, options.rules);
    if (node.kind === 'tuple' && state.focus !== node.id)
      parts.push(button('Show only its lineage', 'Focus on this tuple', () => focusOn(node.id)));
    if (node.kind === 'derivation' && node.alternatives && !state.expanded.has(node.id))
      parts.push(
        button(
          `Show the ${node.alternatives} other firing${node.alternatives === 1 ? '' : 's'}`,
          'Unfold',
          () => show({ ...state, mode: 'detail', expanded: new Set([...state.expanded, node.id]) }),
        ),
      );
    showDetails(titleOf(node), parts);
  }

  show(initial);
  return {
    cy,
    markCut(next) {
      cut = next;
      applyMarks();
      const marked = cy.nodes('.cut');
      if (marked.nonempty() && !isInView(cy, marked)) cy.center(marked);
    },
    markRelying(next) {
      relying = next;
      applyMarks();
    },
  };
}

/**
 * @param {import('cytoscape').Core} cy
 * @param {import('cytoscape').NodeCollection} nodes
 */
function isInView(cy, nodes) {
  const view = cy.extent();
  const box = nodes.boundingBox({});
  return box.x1 >= view.x1 && box.x2 <= view.x2 && box.y1 >= view.y1 && box.y2 <= view.y2;
}

/**
 * @param {import('./lineage-view.js').VisibleLineage} graph
 * @param {Map<number, { x: number, y: number }>} positions
 * @param {{ time: number, y: number }[]} ticks
 * @param {number} left
 */
function elementsOf(graph, positions, ticks, left) {
  /** @type {ElementDefinition[]} */
  const elements = graph.nodes.map((node) => {
    const classes = [
      'lineage',
      node.kind,
      node.kind === 'tuple' && node.goal ? 'goal' : '',
      node.kind === 'derivation' && node.alternatives ? 'folded' : '',
    ];
    return {
      data: { id: `n${node.id}`, label: labelOf(node), w: labelWidth(labelOf(node)) },
      position: { ...(positions.get(node.id) ?? { x: 0, y: 0 }) },
      classes: classes.join(' '),
    };
  });
  for (const tick of ticks)
    elements.push({
      data: { id: `t${tick.time}`, label: `t=${tick.time}` },
      position: { x: left, y: tick.y },
      classes: 'tick',
    });
  for (const edge of graph.edges)
    elements.push({
      data: {
        id: `e${edge.source}-${edge.target}`,
        source: `n${edge.source}`,
        target: `n${edge.target}`,
        label: edge.notin ? 'notin' : '',
      },
      classes: edge.notin ? 'notin' : '',
    });
  return elements;
}

/** @param {LineageViewNode} node */
function labelOf(node) {
  if (node.kind === 'derivation' && node.alternatives) return `${node.label} (+${node.alternatives})`;
  return node.label;
}

/** @param {LineageViewNode} node */
function titleOf(node) {
  switch (node.kind) {
    case 'tuple':
      return node.goal ? 'post tuple (a goal)' : node.fact ? 'fact' : 'tuple';
    case 'derivation':
      return 'rule firing';
    case 'message':
      return `message ${node.from}→${node.to} @${node.time ?? '?'}`;
    case 'no-crash':
      return node.label;
    case 'chain':
      return 'held by persistence';
  }
}

/**
 * @param {LineageViewNode} node
 * @param {Rules} rules
 * @returns {(string | HTMLElement)[]}
 */
function describeNode(node, rules) {
  switch (node.kind) {
    case 'tuple':
      return [
        el('pre', null, node.label),
        node.goal
          ? 'A postcondition at the end of time. The proposed fault sets (above the graph) each try to leave it without support.'
          : node.fact
            ? 'Nothing derives it: a fact of the program or the clock. Faults cannot cut it.'
            : 'Holds if any one of its rule firings (below it) holds.',
      ];
    case 'derivation': {
      const rule = node.rule === null ? undefined : rules[node.rule];
      const parts = [el('pre', null, rule ? rule.text : node.label)];
      if (node.bindings) parts.push(el('p', 'mono', `with ${node.bindings}`));
      parts.push(el('p', 'where', rule ? `${rule.file}:${rule.line}` : 'rule not found'));
      parts.push(
        el(
          'p',
          null,
          'Holds only if everything it used (solid edges below it) holds; a dashed notin edge leads to what could have made a negated tuple hold.',
        ),
      );
      return parts;
    }
    case 'message':
      return [
        el('pre', null, node.label),
        'The outcome relied on this message. An omission on this channel at this time, or a crash of the sender at or before it, cuts it.',
      ];
    case 'no-crash':
      return [
        `The outcome relied on ${node.node} not crashing (a notin crash(…) in a rule): crashing ${node.node} cuts it.`,
      ];
    case 'chain':
      return [
        el('pre', null, node.label),
        `Derived at @${node.since}, then kept by a persistence rule up to @${node.time ?? '?'}. Unfolded now: each step is drawn.`,
      ];
  }
}
