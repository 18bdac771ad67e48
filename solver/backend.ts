// What a solving backend returns, the MMCS backend, and the order of results shared by both.
import { minimalHittingSets } from './mmcs.js';
import type { LineageFormula } from './types.js';

/** Minimal solutions as ascending element ids; `complete` is false when `limit` may have cut some off. */
export interface MinimalSolutions {
  readonly sets: number[][];
  readonly steps: number;
  readonly complete: boolean;
}

/**
 * Expects a formula whose goals all have hyperedges (none fell back to the circuit).
 * Guarantees: the minimal element sets that prevent at least one goal within the crash bound.
 * A set prevents a goal iff it hits all the goal's hyperedges, so the solutions are the union of each
 * goal's minimal hitting sets, minus those containing a smaller solution of another goal.
 * With a finite `limit`, MMCS is bounded to k elements for k = 1, 2, 4, … until at least `limit` sets
 * are found (or k covers every element).
 */
export function mmcsMinimalSolutions(formula: LineageFormula, limit: number): MinimalSolutions {
  const problems = formula.goals.map((goal) => {
    if (goal.hyperedges === null) throw new Error('mmcs backend: a goal has no hyperedges (use the circuit)');
    return {
      elementCount: formula.elements.length,
      hyperedges: goal.hyperedges,
      crashNode: formula.crashNode,
      movesCrash: formula.movesCrash,
      crashBudget: formula.crashBudget,
    };
  });
  let steps = 0;
  const solveUpTo = (maxSize: number): number[][] =>
    problems.flatMap((problem) => {
      const found = minimalHittingSets(problem, maxSize);
      steps += found.steps;
      return found.sets;
    });
  if (!Number.isFinite(limit)) return { sets: minimalFamily(solveUpTo(Infinity)), steps, complete: true };
  // Results are ordered by size, so once the sets of size ≤ k number `limit`, the first `limit` are
  // among them. Doubling k keeps the repeated work within about twice the last search.
  for (let k = 1; ; k *= 2) {
    const sets = minimalFamily(solveUpTo(k));
    if (sets.length >= limit || k >= formula.elements.length) {
      return { sets, steps, complete: k >= formula.elements.length };
    }
  }
}

/** Result order on extra faults: fewer first, then lexicographic in canonical element order (= id). */
export function compareIdSets(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) return a.length - b.length;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/** The sets (ascending ids) that contain no other set of the list, once each, in result order. */
export function minimalFamily(sets: readonly (readonly number[])[]): number[][] {
  const sorted = [...sets].sort(compareIdSets);
  const kept: number[][] = [];
  for (const set of sorted) {
    const members = new Set(set);
    if (kept.some((smaller) => smaller.every((e) => members.has(e)))) continue;
    kept.push([...set]);
  }
  return kept;
}
