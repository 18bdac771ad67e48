// MMCS on its own: exactly the minimal hitting sets within the crash bound, each once.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { minimalHittingSets, type HittingSetProblem } from '../solver/mmcs.js';

const ELEMENTS = 7;

const problem: fc.Arbitrary<HittingSetProblem> = fc.record({
  elementCount: fc.constant(ELEMENTS),
  hyperedges: fc.array(fc.uniqueArray(fc.nat(ELEMENTS - 1), { maxLength: 4 }), { maxLength: 6 }),
  // Elements 0-2 crash node 0, 3-4 crash node 1, the rest are omissions. Node 0 may be one the
  // forced faults crash already: its elements then move that crash and cost no budget.
  crashNode: fc.constant([0, 0, 0, 1, 1, -1, -1]),
  movesCrash: fc.boolean().map((moved) => [moved, moved, moved, false, false, false, false]),
  crashBudget: fc.integer({ min: 0, max: 2 }),
});

function bruteForce(p: HittingSetProblem, maxSize: number): number[][] {
  const allowed = (set: number[]): boolean => {
    const nodes = set.map((e) => p.crashNode[e]!).filter((n) => n >= 0);
    const counted = set.filter((e) => p.crashNode[e]! >= 0 && p.movesCrash?.[e] !== true);
    return new Set(nodes).size === nodes.length && counted.length <= p.crashBudget && set.length <= maxSize;
  };
  const hits = (set: number[]): boolean => p.hyperedges.every((edge) => edge.some((e) => set.includes(e)));
  const sets: number[][] = [];
  for (let mask = 0; mask < 1 << p.elementCount; mask++) {
    const set = [...Array(p.elementCount).keys()].filter((e) => (mask >> e) & 1);
    if (allowed(set) && hits(set) && set.every((e) => !hits(set.filter((f) => f !== e)))) sets.push(set);
  }
  return sets;
}

const byKey = (sets: number[][]): string[] => sets.map((s) => s.join(',')).sort();

test('minimalHittingSets finds exactly the minimal hitting sets, each once', () => {
  fc.assert(
    fc.property(problem, fc.integer({ min: 0, max: ELEMENTS }), (p, maxSize) => {
      expect(byKey(minimalHittingSets(p, maxSize).sets)).toEqual(byKey(bruteForce(p, maxSize)));
    }),
    { numRuns: 300 },
  );
});

test('no hyperedge: the empty set; an empty hyperedge: nothing', () => {
  const base = { elementCount: 2, crashNode: [-1, -1], crashBudget: 0 };
  expect(minimalHittingSets({ ...base, hyperedges: [] }, Infinity).sets).toEqual([[]]);
  expect(minimalHittingSets({ ...base, hyperedges: [[0], []] }, Infinity).sets).toEqual([]);
});
