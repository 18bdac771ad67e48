// What holds in a lineage graph under a fault set: the least fixpoint of its AND/OR semantics.
// This is the reference semantics (datalog/eval/types.ts, LineageGraph): the report uses it to show what a
// fault set cuts, and the tests use it as the oracle for everything the solver returns.
import type { FaultSet } from '../datalog/eval/types.js';
import { inputsOf, type LineageGraph, type LineageNode } from '../datalog/lineage/types.js';
import { messageCut, noCrashCut } from '../datalog/eval/faults.js';

/**
 * Expects any lineage graph (cycles allowed) and any fault set.
 * Guarantees: result[i] is 1 iff node i holds in the least fixpoint under `faults`: a tuple supported
 * only through a cycle does not hold. Linear in the size of the graph (Horn-clause propagation).
 */
export function holdsUnder(graph: LineageGraph, faults: FaultSet): Uint8Array {
  const nodes = graph.nodes;
  const holds = new Uint8Array(nodes.length);
  const parents = parentsOf(nodes);
  // For a derivation: how many children (counted with repetition) do not hold yet.
  const missing = new Int32Array(nodes.length);
  const queue: number[] = [];
  const settle = (id: number): void => {
    if (holds[id] === 1) return;
    holds[id] = 1;
    queue.push(id);
  };
  nodes.forEach((node, id) => {
    if (initiallyHolds(node, faults)) settle(id);
    if (node.kind === 'derivation') missing[id] = node.children.length;
  });
  for (let head = 0; head < queue.length; head++) {
    for (const parent of parents[queue[head]!]!) {
      const node = nodes[parent]!;
      if (node.kind === 'tuple') settle(parent);
      else if (node.kind === 'derivation') {
        missing[parent] = missing[parent]! - 1;
        if (missing[parent] === 0) settle(parent);
      }
    }
  }
  return holds;
}

/** Holds before any propagation: leaves not cut, base facts, derivations with no children. */
function initiallyHolds(node: LineageNode, faults: FaultSet): boolean {
  switch (node.kind) {
    case 'message':
      return !messageCut(node.message, faults);
    case 'no-crash':
      return !noCrashCut(node, faults);
    case 'tuple':
      return node.derivations.length === 0;
    case 'derivation':
      return node.children.length === 0;
  }
}

/** For each node, the nodes that list it as an input (with repetition, matching `missing`). */
function parentsOf(nodes: readonly LineageNode[]): number[][] {
  const parents: number[][] = nodes.map(() => []);
  nodes.forEach((node, id) => {
    const inputs = inputsOf(node);
    for (const input of inputs) parents[input]!.push(id);
  });
  return parents;
}
