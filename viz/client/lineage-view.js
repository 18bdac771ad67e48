// @ts-check
// What of a lineage view the page shows, and where: pure functions of the view and the reader's
// choices (tested in node, run unchanged in the page). The view model decided what folds and what
// hides (viz/model/lineage-simplify.ts); here the reader's unfoldings and toggles are applied, and
// the result is laid out in rows by time step, latest on top, like the spacetime diagram.

/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').LineageViewNode} LineageViewNode */
/**
 * @typedef {object} LineageState
 * @property {'overview' | 'detail'} mode the goals and their messages, or every step
 * @property {number | null} focus show only this node's lineage
 * @property {boolean} showFacts show the facts and local clocks hidden by default
 * @property {ReadonlySet<number>} expanded chains unfolded, firings whose folded alternatives are shown
 */
/** @typedef {{ source: number, target: number, notin: boolean }} VisibleEdge */
/** @typedef {{ nodes: LineageViewNode[], edges: VisibleEdge[] }} VisibleLineage */

/**
 * @param {LineageView} view
 * @param {LineageState} state
 * @returns {VisibleLineage}
 */
export function visibleLineage(view, state) {
  if (state.mode === 'overview' && view.overview) return visibleOverview(view, state.focus);
  const rep = representatives(view, state.expanded);
  /** @type {number[][]} */
  const below = view.nodes.map(() => []);
  /** @type {Map<string, boolean>} */
  const notinEdge = new Map();
  for (const e of view.edges) {
    below[e.source]?.push(e.target);
    notinEdge.set(`${e.source}>${e.target}`, e.notin === true);
  }
  /** @param {number} id */
  const shown = (id) => {
    const node = view.nodes[id];
    if (!node) return false;
    if (node.kind === 'tuple' && node.fact && !state.showFacts) return false;
    return !(
      node.kind === 'derivation' &&
      node.foldedInto !== undefined &&
      !state.expanded.has(node.foldedInto)
    );
  };
  const roots = state.focus === null ? [...view.goals] : [state.focus];
  const seen = new Set(roots);
  const stack = [...roots];
  /** @type {Set<number>} */
  const visible = new Set();
  /** @type {Map<string, VisibleEdge>} */
  const edges = new Map();
  while (stack.length > 0) {
    const id = /** @type {number} */ (stack.pop());
    const from = rep[id] ?? id;
    visible.add(from);
    for (const child of below[id] ?? []) {
      if (!shown(child)) continue;
      const to = rep[child] ?? child;
      if (to !== child && heldFact(view, to) && !state.showFacts) continue;
      const key = `${from}>${to}`;
      const notin = notinEdge.get(`${id}>${child}`) === true;
      const known = edges.get(key);
      if (from !== to)
        edges.set(key, { source: from, target: to, notin: known ? known.notin && notin : notin });
      if (!seen.has(child)) {
        seen.add(child);
        stack.push(child);
      }
    }
  }
  const nodes = [...visible]
    .sort((a, b) => a - b)
    .map((id) => /** @type {LineageViewNode} */ (view.nodes[id]));
  return { nodes, edges: [...edges.values()] };
}

/**
 * A chain that only persists a fact (its oldest tuple is one): hidden with the facts.
 * @param {LineageView} view
 * @param {number} id
 */
function heldFact(view, id) {
  const chain = view.nodes[id];
  if (chain?.kind !== 'chain') return false;
  const oldest = view.nodes[chain.members[chain.members.length - 1] ?? -1];
  return oldest?.kind === 'tuple' && oldest.fact !== undefined;
}

/**
 * Every member of a folded chain stands for its chain node.
 * @param {LineageView} view
 * @param {ReadonlySet<number>} expanded
 */
function representatives(view, expanded) {
  /** @type {number[]} */
  const rep = [];
  for (const node of view.nodes) {
    if (node.kind !== 'chain' || expanded.has(node.id)) continue;
    for (const member of node.members) rep[member] = node.id;
  }
  return rep;
}

/**
 * @param {LineageView} view
 * @param {number | null} focus
 * @returns {VisibleLineage}
 */
function visibleOverview(view, focus) {
  const overview = /** @type {NonNullable<LineageView['overview']>} */ (view.overview);
  let ids = new Set(overview.nodes);
  if (focus !== null && ids.has(focus)) {
    ids = new Set([focus]);
    const stack = [focus];
    while (stack.length > 0) {
      const id = stack.pop();
      for (const e of overview.edges)
        if (e.source === id && !ids.has(e.target)) {
          ids.add(e.target);
          stack.push(e.target);
        }
    }
  }
  const nodes = overview.nodes
    .filter((id) => ids.has(id))
    .map((id) => /** @type {LineageViewNode} */ (view.nodes[id]));
  const edges = overview.edges
    .filter((e) => ids.has(e.source) && ids.has(e.target))
    .map((e) => ({ source: e.source, target: e.target, notin: false }));
  return { nodes, edges };
}

/** Pixels per character of a lineage label at the page's font size, and the widest box. */
const CHAR_WIDTH = 7.2;
const MAX_WIDTH = 260;
const ROW_SPACING = 52;
const GAP = 16;
const MAX_ROW_WIDTH = 700;

/**
 * Width of a node's box: cytoscape does not size boxes to their text.
 * @param {string} label
 */
export const labelWidth = (label) =>
  Math.min(MAX_WIDTH, Math.max(40, Math.round(label.length * CHAR_WIDTH + 18)));

/**
 * Rows by time step, latest on top (undated leaves at the bottom); within a step, a firing below the
 * tuple it derives. Within a row, nodes follow the mean x of their neighbours (sweeps down and up;
 * ties by id): deterministic, with far fewer crossings than id order.
 * @param {VisibleLineage} graph
 * @param {number} [maxRowWidth] wider rows wrap: the pane's width at a readable zoom
 * @returns {{ positions: Map<number, { x: number, y: number }>, ticks: { time: number, y: number }[] }}
 */
export function layeredLayout(graph, maxRowWidth = MAX_ROW_WIDTH) {
  const rowOf = rowsOf(graph);
  /** @type {number[][]} */
  const rows = [];
  for (const node of graph.nodes) (rows[/** @type {number} */ (rowOf.get(node.id))] ??= []).push(node.id);
  /** @type {Map<number, number[]>} */
  const up = new Map();
  /** @type {Map<number, number[]>} */
  const down = new Map();
  for (const e of graph.edges) {
    up.set(e.target, [...(up.get(e.target) ?? []), e.source]);
    down.set(e.source, [...(down.get(e.source) ?? []), e.target]);
  }
  const label = new Map(graph.nodes.map((n) => [n.id, n.label]));
  const width = (/** @type {number} */ id) => labelWidth(label.get(id) ?? '');
  /** @type {Map<number, number>} */
  const x = new Map();
  /** @type {number[][]} */
  const ordered = rows.map(() => []);
  const place = (/** @type {number} */ r, /** @type {Map<number, number[]>} */ neighbours) => {
    const key = (/** @type {number} */ id) => {
      const xs = (neighbours.get(id) ?? []).flatMap((n) =>
        x.has(n) ? [/** @type {number} */ (x.get(n))] : [],
      );
      return xs.length === 0 ? (x.get(id) ?? Infinity) : xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const order = (rows[r] ?? [])
      .map((id) => ({ id, key: key(id) }))
      .sort((a, b) => a.key - b.key || a.id - b.id)
      .map(({ id }) => id);
    ordered[r] = order;
    centre(order, x, width);
  };
  for (let r = 0; r < rows.length; r++) place(r, up);
  for (let r = rows.length - 1; r >= 0; r--) place(r, down);
  for (let r = 0; r < rows.length; r++) place(r, up);
  // A row wider than a pane wraps onto more lines: one long row would force the fit below reading size.
  /** @type {Map<number, { x: number, y: number }>} */
  const positions = new Map();
  let y = 0;
  for (const order of ordered) {
    for (const line of wrap(order, width, maxRowWidth)) {
      centre(line, x, width);
      for (const id of line) positions.set(id, { x: /** @type {number} */ (x.get(id)), y });
      y += ROW_SPACING;
    }
  }
  /** @type {Map<number, number>} */
  const tickAt = new Map();
  for (const node of graph.nodes) {
    if (node.time === null) continue;
    const y = /** @type {{ y: number }} */ (positions.get(node.id)).y;
    tickAt.set(node.time, Math.min(tickAt.get(node.time) ?? Infinity, y));
  }
  const ticks = [...tickAt].map(([time, y]) => ({ time, y })).sort((a, b) => a.y - b.y);
  return { positions, ticks };
}

/**
 * Places `ids` side by side, centred on 0.
 * @param {readonly number[]} ids
 * @param {Map<number, number>} x
 * @param {(id: number) => number} width
 */
function centre(ids, x, width) {
  let at = -(ids.reduce((sum, id) => sum + width(id) + GAP, -GAP) / 2);
  for (const id of ids) {
    x.set(id, at + width(id) / 2);
    at += width(id) + GAP;
  }
}

/**
 * @param {readonly number[]} ids
 * @param {(id: number) => number} width
 * @param {number} maxRowWidth
 */
function wrap(ids, width, maxRowWidth) {
  /** @type {number[][]} */
  const lines = [[]];
  let used = 0;
  for (const id of ids) {
    const line = /** @type {number[]} */ (lines[lines.length - 1]);
    if (line.length > 0 && used + width(id) > maxRowWidth) {
      lines.push([id]);
      used = width(id) + GAP;
    } else {
      line.push(id);
      used += width(id) + GAP;
    }
  }
  return lines;
}

/**
 * Dense row numbers for (time step from the top, depth among same-step edges).
 * @param {VisibleLineage} graph
 */
function rowsOf(graph) {
  const time = new Map(graph.nodes.map((n) => [n.id, n.time]));
  const top = graph.nodes.reduce((a, n) => Math.max(a, n.time ?? 0), 0);
  /** @type {Map<number, number>} */
  const depth = new Map(graph.nodes.map((n) => [n.id, 0]));
  // Longest path along same-step edges, relaxed at most once per node so a cycle cannot loop.
  const sameStep = graph.edges.filter((e) => time.get(e.source) === time.get(e.target));
  for (let round = 0; round < Math.min(graph.nodes.length, 12); round++) {
    let changed = false;
    for (const e of sameStep) {
      const d = (depth.get(e.source) ?? 0) + 1;
      if (d > (depth.get(e.target) ?? 0)) {
        depth.set(e.target, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const keyOf = (/** @type {LineageViewNode} */ n) => [
    n.time === null ? top + 1 : top - n.time,
    depth.get(n.id) ?? 0,
  ];
  const keys = [...new Set(graph.nodes.map((n) => keyOf(n).join(',')))]
    .map((k) => k.split(',').map(Number))
    .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0));
  const row = new Map(keys.map((k, i) => [k.join(','), i]));
  return new Map(graph.nodes.map((n) => [n.id, /** @type {number} */ (row.get(keyOf(n).join(',')))]));
}
