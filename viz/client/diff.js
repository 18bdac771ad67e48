// @ts-check
// Good vs bad in the page: what one run's faults take away from another run's lineage, computed from
// the views already embedded, so the reader can compare a failing run with any kept run. The same
// least fixpoint as solver/holds.ts (the report's oracle), over the view's nodes and edges; a test
// checks the two agree on every pair of kept runs. No imports: tests load it directly.

/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').LineageViewNode} LineageViewNode */
/** @typedef {import('../model/types.js').RunView} RunView */
/** @typedef {import('../../datalog/eval/types.js').FaultSet} FaultSet */

/**
 * A leaf the faults cut: a message lost to an omission or to its sender's crash at or before the
 * send; a `no-crash` leaf by a crash of its node at its time (any time when it has none).
 * @param {LineageViewNode} node
 * @param {FaultSet} faults
 */
function leafCut(node, faults) {
  if (node.kind === 'message')
    return (
      faults.omissions.some((o) => o.from === node.from && o.to === node.to && o.time === node.time) ||
      faults.crashes.some((c) => c.node === node.from && node.time !== null && c.time <= node.time)
    );
  if (node.kind === 'no-crash')
    return faults.crashes.some((c) => c.node === node.node && (node.time === null || node.time === c.time));
  return false;
}

/**
 * Ids of the lineage's nodes that no longer hold under `faults`, ascending. A tuple holds if any
 * firing below it holds, a firing if everything below it does; folded chains are not part of it.
 * @param {LineageView} view
 * @param {FaultSet} faults
 * @returns {number[]}
 */
export function cutUnder(view, faults) {
  const nodes = view.nodes.filter((n) => n.kind !== 'chain');
  /** @type {number[][]} */
  const parents = nodes.map(() => []);
  // How many inputs (counted with repetition) do not hold yet: a firing needs them all, a tuple one.
  const missing = new Int32Array(nodes.length);
  for (const e of view.edges) {
    parents[e.target]?.push(e.source);
    missing[e.source] = (missing[e.source] ?? 0) + 1;
  }
  const holds = new Uint8Array(nodes.length);
  /** @type {number[]} */
  const queue = [];
  /** @param {number} id */
  const settle = (id) => {
    if (holds[id] === 1) return;
    holds[id] = 1;
    queue.push(id);
  };
  // A fact (a tuple with no firing below it) and a firing with no inputs hold from the start.
  nodes.forEach((node, id) => {
    const leaf = node.kind === 'message' || node.kind === 'no-crash';
    if (leaf ? !leafCut(node, faults) : missing[id] === 0) settle(id);
  });
  for (let head = 0; head < queue.length; head++)
    for (const parent of parents[/** @type {number} */ (queue[head])] ?? []) {
      if (nodes[parent]?.kind === 'tuple') settle(parent);
      else if (nodes[parent]?.kind === 'derivation') {
        missing[parent] = (missing[parent] ?? 0) - 1;
        if (missing[parent] === 0) settle(parent);
      }
    }
  /** @type {number[]} */
  const cut = [];
  for (let id = 0; id < nodes.length; id++) if (holds[id] === 0) cut.push(id);
  return cut;
}

/**
 * What `bad`'s faults take away from `good`'s lineage: the model's LineageDiff, in the page.
 * @param {RunView} good
 * @param {RunView} bad
 * @param {readonly string[]} faultWords the bad run's faults, as the runs table words them
 * @returns {import('../model/types.js').LineageDiff}
 */
export function diffAgainst(good, bad, faultWords) {
  const cut = cutUnder(good.lineage, bad.faults);
  const cutSet = new Set(cut);
  const lostGoals = good.lineage.goals
    .filter((g) => cutSet.has(g))
    .map((g) => good.lineage.nodes[g]?.label ?? String(g));
  return { good: good.iteration, bad: bad.iteration, faults: faultWords, cut, lostGoals };
}
