// Lineage → minimal fault sets: encode, pick a backend, order the results (SPEC §5.2).
import type { FaultSet } from '../datalog/eval/types.js';
import type { LineageGraph } from '../datalog/lineage/types.js';
import { compareIdSets, mmcsMinimalSolutions } from './backend.js';
import { encodeLineage } from './encode.js';
import { withForced } from './faults.js';
import { satMinimalSolutions } from './sat-adapter.js';
import type { FaultSpace, LineageFormula, SolveOptions, SolveResult } from './types.js';

/**
 * Expects the lineage of a run made under the faults `forced`, and the fault space.
 * Guarantees: the whole fault sets `forced ∪ X` where X is a minimal set of extra faults that prevents
 * at least one goal (no returned X contains another, and no proper subset of one is a solution), with
 * at most one crash per node and at most `space.maxCrashes` crashed nodes (forced ones included).
 * Crash times that cut the same lineage leaves appear once, as the latest such time (see universe.ts).
 * Order: fewest faults first, then canonical order of the extra faults (crashes before omissions, by
 * node / from, to, time). The same input always gives the same output.
 */
export function minimalFaultSets(
  graph: LineageGraph,
  space: FaultSpace,
  forced: FaultSet,
  options: SolveOptions = {},
): SolveResult {
  return solveFormula(encodeLineage(graph, space, forced, options), forced, options);
}

/** `minimalFaultSets` of a lineage already encoded under `forced` (encodeLineage). */
export function solveFormula(
  formula: LineageFormula,
  forced: FaultSet,
  options: SolveOptions = {},
): SolveResult {
  const limit = options.limit ?? Infinity;
  const circuitGoals = formula.goals.filter((goal) => goal.hyperedges === null).length;
  // MMCS needs hyperedges for every goal; a goal whose supports blew up is left to the SAT backend.
  const backend = options.backend === 'sat' || circuitGoals > 0 ? 'sat' : 'mmcs';
  const found =
    backend === 'mmcs' ? mmcsMinimalSolutions(formula, limit) : satMinimalSolutions(formula, limit);
  const sets = [...found.sets].sort(compareIdSets);
  return {
    sets: sets.slice(0, limit).map((set) =>
      withForced(
        forced,
        set.map((id) => formula.elements[id]!),
      ),
    ),
    stats: {
      backend,
      elements: formula.elements.length,
      hyperedges: formula.goals.reduce((sum, goal) => sum + (goal.hyperedges?.length ?? 0), 0),
      circuitGoals,
      steps: found.steps,
      complete: found.complete && sets.length <= limit,
    },
  };
}
