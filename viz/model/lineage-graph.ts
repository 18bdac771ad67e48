// From the report's labelled lineage to the solver's LineageGraph, and what a fault set cuts from it.
import type { FaultSet } from '../../datalog/eval/types.js';
import type { LineageGraph } from '../../datalog/lineage/types.js';

/** The solver's evaluation of a lineage graph under faults: 1 where a node still holds (datalog/eval/types.ts). */
export type HoldsUnder = (graph: LineageGraph, faults: FaultSet) => Uint8Array;

/** The record as a LineageGraph (runner/record.ts). */
export { lineageGraph as toLineageGraph } from '../../runner/record.js';

/** Ids of the nodes that no longer hold under `faults`, ascending. */
export function cutNodes(graph: LineageGraph, faults: FaultSet, holdsUnder: HoldsUnder): number[] {
  const holds = holdsUnder(graph, faults);
  const cut: number[] = [];
  for (let id = 0; id < graph.nodes.length; id++) if (holds[id] === 0) cut.push(id);
  return cut;
}
