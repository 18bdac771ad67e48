import { beforeAll, describe, expect, test } from 'vitest';
import type { FaultSet } from '../datalog/eval/types.js';
import type { LineageGraph } from '../datalog/lineage/types.js';
import { encodeLineage, minimalFaultSets, type FaultSpace, type SolveOptions } from '../solver/index.js';
import { loadLogicSolver } from '../solver/sat-loader.js';
import { LineageBuilder, showSets } from './fixtures/solver/lineage.js';

// The SAT backend is loaded on demand; these tests call it synchronously.
beforeAll(loadLogicSolver);

const none: FaultSet = { crashes: [], omissions: [] };
const space = (nodes: string[], eot: number, eff: number, maxCrashes: number): FaultSpace => ({
  nodes,
  eot,
  eff,
  maxCrashes,
});

/** Both backends, which must agree to the byte; the sets as short strings. */
function solve(
  graph: LineageGraph,
  faultSpace: FaultSpace,
  forced: FaultSet = none,
  options: SolveOptions = {},
): string[] {
  const mmcs = minimalFaultSets(graph, faultSpace, forced, { ...options, backend: 'mmcs' });
  const sat = minimalFaultSets(graph, faultSpace, forced, { ...options, backend: 'sat' });
  expect(JSON.stringify(sat.sets)).toBe(JSON.stringify(mmcs.sets));
  return showSets(mmcs.sets);
}

/** log(b)@2 ← log(a)@1, clock(a, b, sendTime): one message. */
function oneMessage(sendTime: number): LineageGraph {
  const g = new LineageBuilder();
  return g.build(g.derived(g.tuple(), g.message('a', 'b', sendTime)));
}

/** log(b)@3 ← log(b)@2 (persistence) | clock(a, b, 2) (retry); log(b)@2 ← clock(a, b, 1). */
function retry(): LineageGraph {
  const g = new LineageBuilder();
  const first = g.derived(g.message('a', 'b', 1));
  return g.build(g.tuple(g.derivation(first), g.derivation(g.message('a', 'b', 2))));
}

/** a broadcasts to b and c at 1, b relays to c at 2; the goal is log(c)@3. */
function relay(): LineageGraph {
  const g = new LineageBuilder();
  const atC = g.derived(g.message('a', 'c', 1));
  const atB = g.derived(g.message('a', 'b', 1));
  return g.build(g.tuple(g.derivation(atC), g.derivation(atB, g.message('b', 'c', 2))));
}

describe('minimalFaultSets', () => {
  test('one message: lost by an omission, or by its sender crashing', () => {
    expect(solve(oneMessage(1), space(['a', 'b'], 3, 2, 0))).toEqual(['omit a>b@1']);
    expect(solve(oneMessage(1), space(['a', 'b'], 3, 2, 1))).toEqual(['crash a@1', 'omit a>b@1']);
  });

  test('EFF bounds omissions; interchangeable crash times are reported once, the latest', () => {
    expect(solve(oneMessage(2), space(['a', 'b'], 4, 2, 0))).toEqual([]);
    expect(solve(oneMessage(2), space(['a', 'b'], 4, 2, 1))).toEqual(['crash a@2']);
  });

  test('a retry through persistence needs every attempt cut; an earlier crash cuts more', () => {
    expect(solve(retry(), space(['a', 'b'], 3, 3, 1))).toEqual([
      'crash a@1',
      'crash a@2 + omit a>b@1',
      'omit a>b@1 + omit a>b@2',
    ]);
  });

  test('a relay: cut the direct message and one hop of the relayed path', () => {
    expect(solve(relay(), space(['a', 'b', 'c'], 3, 3, 0))).toEqual([
      'omit a>b@1 + omit a>c@1',
      'omit a>c@1 + omit b>c@2',
    ]);
    expect(solve(relay(), space(['a', 'b', 'c'], 3, 3, 1))).toEqual([
      'crash a@1',
      'crash b@2 + omit a>c@1',
      'omit a>b@1 + omit a>c@1',
      'omit a>c@1 + omit b>c@2',
    ]);
  });

  test('a no-crash leaf is cut by a crash of its node (any time, or its exact time)', () => {
    const anyTime = new LineageBuilder();
    const anyGraph = anyTime.build(anyTime.derived(anyTime.tuple(), anyTime.noCrash('a')));
    expect(solve(anyGraph, space(['a', 'b'], 3, 1, 0))).toEqual([]);
    expect(solve(anyGraph, space(['a', 'b'], 3, 1, 1))).toEqual(['crash a@3']);
    const exact = new LineageBuilder();
    const exactGraph = exact.build(exact.derived(exact.noCrash('a', 2)));
    expect(solve(exactGraph, space(['a', 'b'], 3, 1, 1))).toEqual(['crash a@2']);
  });

  test('cycles: supports come from outside the cycle; a goal held up only by a cycle already fails', () => {
    const g = new LineageBuilder();
    const p = g.tuple(g.derivation(g.message('a', 'b', 1)));
    const q = g.tuple(g.derivation(p), g.derivation(g.message('c', 'b', 1)));
    g.addDerivation(p, g.derivation(q));
    expect(solve(g.build(p), space(['a', 'b', 'c'], 2, 2, 0))).toEqual(['omit a>b@1 + omit c>b@1']);
    const pure = new LineageBuilder();
    const x = pure.tuple();
    pure.addDerivation(x, pure.derivation(pure.derived(x)));
    expect(solve(pure.build(x), space(['a', 'b'], 2, 2, 0))).toEqual(['']);
  });

  test('forced faults are part of every set and of the crash bound', () => {
    // The retry run with its first attempt omitted: only the second attempt is left in the lineage.
    const g = new LineageBuilder();
    const secondOnly = g.build(g.derived(g.message('a', 'b', 2)));
    const firstLost: FaultSet = { crashes: [], omissions: [{ from: 'a', to: 'b', time: 1 }] };
    expect(solve(secondOnly, space(['a', 'b'], 3, 3, 1), firstLost)).toEqual([
      'crash a@2 + omit a>b@1',
      'omit a>b@1 + omit a>b@2',
    ]);
    // The relay run with b crashed: b's relay is gone from the lineage.
    const r = new LineageBuilder();
    const direct = r.build(r.tuple(r.derivation(r.derived(r.message('a', 'c', 1)))));
    const bCrashed: FaultSet = { crashes: [{ node: 'b', time: 1 }], omissions: [] };
    expect(solve(direct, space(['a', 'b', 'c'], 3, 3, 1), bCrashed)).toEqual(['crash b@1 + omit a>c@1']);
    expect(solve(direct, space(['a', 'b', 'c'], 3, 3, 2), bCrashed)).toEqual([
      'crash a@1 + crash b@1',
      'crash b@1 + omit a>c@1',
    ]);
  });

  test('a leaf the forced faults already cut stays cut: the forced set alone is the answer', () => {
    const aCrashed: FaultSet = { crashes: [{ node: 'a', time: 1 }], omissions: [] };
    expect(solve(oneMessage(2), space(['a', 'b'], 3, 3, 1), aCrashed)).toEqual(['crash a@1']);
  });

  test('the crash bound counts crashed nodes', () => {
    const g = new LineageBuilder();
    const either = g.build(
      g.tuple(g.derivation(g.message('a', 'c', 1)), g.derivation(g.message('b', 'c', 1))),
    );
    expect(solve(either, space(['a', 'b', 'c'], 1, 1, 1))).toEqual([]);
    expect(solve(either, space(['a', 'b', 'c'], 1, 1, 2))).toEqual(['crash a@1 + crash b@1']);
  });

  test('several goals: a set that prevents any one of them is a solution', () => {
    const g = new LineageBuilder();
    const ab = g.message('a', 'b', 1);
    const graph = g.build(g.derived(ab), g.derived(ab, g.message('a', 'c', 1)));
    expect(solve(graph, space(['a', 'b', 'c'], 2, 2, 0))).toEqual(['omit a>b@1', 'omit a>c@1']);
  });

  test('limit keeps the first sets of the full order and says the result is incomplete', () => {
    const faultSpace = space(['a', 'b', 'c'], 3, 3, 1);
    const full = minimalFaultSets(relay(), faultSpace, none);
    for (const backend of ['mmcs', 'sat'] as const) {
      const first = minimalFaultSets(relay(), faultSpace, none, { backend, limit: 2 });
      expect(first.sets).toEqual(full.sets.slice(0, 2));
      expect(first.stats.complete).toBe(false);
    }
    expect(full.stats.complete).toBe(true);
  });

  test('too many supports: the goal is solved from the circuit by the SAT backend, same answer', () => {
    const faultSpace = space(['a', 'b', 'c'], 3, 3, 1);
    const capped = minimalFaultSets(relay(), faultSpace, none, { supportCap: 1 });
    expect(capped.stats).toMatchObject({ backend: 'sat', circuitGoals: 1, hyperedges: 0 });
    expect(capped.sets).toEqual(minimalFaultSets(relay(), faultSpace, none).sets);
  });
});

describe('encodeLineage', () => {
  test('elements in canonical order, one hyperedge per minimal support', () => {
    const graph = relay();
    const formula = encodeLineage(graph, space(['a', 'b', 'c'], 3, 3, 1), none);
    expect(formula.elements).toEqual([
      { kind: 'crash', node: 'a', time: 1 },
      { kind: 'crash', node: 'b', time: 2 },
      { kind: 'omission', from: 'a', to: 'b', time: 1 },
      { kind: 'omission', from: 'a', to: 'c', time: 1 },
      { kind: 'omission', from: 'b', to: 'c', time: 2 },
    ]);
    expect(formula.crashBudget).toBe(1);
    expect(formula.goals).toEqual([
      {
        goal: graph.goals[0],
        hyperedges: [
          [0, 3],
          [0, 1, 2, 4],
        ],
      },
    ]);
  });
});
