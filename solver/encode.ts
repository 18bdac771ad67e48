// Lineage → formula: the fault elements, the circuit, and per goal the hyperedges to hit (SPEC §5.2).
import type { FaultSet } from '../datalog/eval/types.js';
import type { LineageGraph } from '../datalog/lineage/types.js';
import { goalHyperedges } from './supports.js';
import type { EncodeOptions, FaultSpace, LineageFormula } from './types.js';
import { faultUniverse } from './universe.js';

export const DEFAULT_SUPPORT_CAP = 2000;

/**
 * Expects the lineage of a run made under `forced` (messages those faults removed are simply absent).
 * Guarantees: for each goal, a fault set `forced ∪ X` (X within the space and crash budget) prevents the
 * goal iff X hits every hyperedge of the goal, or, for a goal whose hyperedges are null (more supports
 * than `supportCap`), iff the goal's gate does not hold in the least fixpoint of the circuit under X.
 */
export function encodeLineage(
  graph: LineageGraph,
  space: FaultSpace,
  forced: FaultSet,
  options: EncodeOptions = {},
): LineageFormula {
  const universe = faultUniverse(graph, space, forced);
  const cap = options.supportCap ?? DEFAULT_SUPPORT_CAP;
  const hyperedges = goalHyperedges(universe.circuit, graph.goals, universe.elements.length, cap);
  return {
    ...universe,
    goals: graph.goals.map((goal, i) => ({ goal, hyperedges: hyperedges[i]! })),
  };
}
