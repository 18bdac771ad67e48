// From the report's labelled lineage to the solver's LineageGraph, and what a fault set cuts from it.
import type { FaultSet, LineageGraph, LineageNode } from '../../datalog/types.js';
import type { LineageRecord, LineageRecordNode } from '../../runner/types.js';

/** The solver's evaluation of a lineage graph under faults: 1 where a node still holds (datalog/types.ts). */
export type HoldsUnder = (graph: LineageGraph, faults: FaultSet) => Uint8Array;

/**
 * Same ids, same semantics: a record keeps labels but no tuple or derivation table, so the node id
 * stands in for the tuple id and the derivation index (both are only names to the evaluation).
 */
export function toLineageGraph(record: LineageRecord): LineageGraph {
  return { goals: record.goals, nodes: record.nodes.map(toLineageNode) };
}

function toLineageNode(node: LineageRecordNode, id: number): LineageNode {
  switch (node.kind) {
    case 'tuple':
      return { kind: 'tuple', tuple: id, derivations: node.derivations };
    case 'derivation':
      return { kind: 'derivation', derivation: id, rule: node.rule, children: node.children };
    case 'message':
      return { kind: 'message', message: { from: node.from, to: node.to, sendTime: node.sendTime } };
    case 'no-crash':
      return { kind: 'no-crash', node: node.node, time: node.time };
  }
}

/** Ids of the nodes that no longer hold under `faults`, ascending. */
export function cutNodes(graph: LineageGraph, faults: FaultSet, holdsUnder: HoldsUnder): number[] {
  const holds = holdsUnder(graph, faults);
  const cut: number[] = [];
  for (let id = 0; id < graph.nodes.length; id++) if (holds[id] === 0) cut.push(id);
  return cut;
}
