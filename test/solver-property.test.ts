// Differential properties: on small random lineage graphs and fault spaces, every solving path returns
// exactly what the brute-force enumeration (all fault sets, judged by holdsUnder) finds.
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Crash, FaultSet, Omission } from '../datalog/eval/types.js';
import type { LineageGraph, LineageNode } from '../datalog/lineage/types.js';
import {
  encodeLineage,
  faultIndex,
  minimalFaultSets,
  proofOf,
  provesGood,
  virtualProposals,
  withForced,
  type FaultSpace,
  type SolveOptions,
} from '../solver/index.js';
import { loadLogicSolver } from '../solver/sat-loader.js';
import { bruteForceMinimal, extraFaults, frozenUnder, prevents } from './fixtures/solver/brute-force.js';

// The SAT backend is loaded on demand; these tests call it synchronously.
beforeAll(loadLogicSolver);

const NAMES = ['a', 'b', 'c'];

interface Case {
  readonly graph: LineageGraph;
  readonly space: FaultSpace;
  readonly forced: FaultSet;
}

const time = fc.integer({ min: 1, max: 3 });
const leaf = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('message' as const),
      from: fc.nat(2),
      hop: fc.nat(1),
      sendTime: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('no-crash' as const),
      node: fc.nat(2),
      time: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    }),
  },
);

/**
 * Leaves first, then tuples, then derivations. Tuple i's derivations have as children leaves and
 * tuples below i (a lineage is mostly layered by time) or a base fact, and `loops` adds derivations
 * from any tuple (cycles within a time step). Indices wrap around,
 * so every drawn value is a valid graph.
 */
const caseArbitrary: fc.Arbitrary<Case> = fc
  .record({
    nodeCount: fc.oneof({ weight: 1, arbitrary: fc.constant(2) }, { weight: 3, arbitrary: fc.constant(3) }),
    eot: time,
    eff: fc.oneof(
      { weight: 1, arbitrary: fc.constant(1) },
      { weight: 4, arbitrary: fc.integer({ min: 2, max: 4 }) },
    ),
    maxCrashes: fc.integer({ min: 0, max: 2 }),
    leaves: fc.array(leaf, { minLength: 1, maxLength: 6 }),
    tuples: fc.array(
      fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }),
      {
        minLength: 1,
        maxLength: 5,
      },
    ),
    loops: fc.array(fc.record({ tuple: fc.nat(), child: fc.nat() }), { maxLength: 2 }),
    goals: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }),
    forcedCrash: fc.option(fc.record({ node: fc.nat(2), time }), { nil: null }),
    forcedOmission: fc.option(fc.record({ from: fc.nat(2), hop: fc.nat(1), time }), { nil: null }),
  })
  .map((r): Case => {
    const n = r.nodeCount;
    const name = (i: number): string => NAMES[i % n]!;
    const receiver = (from: number, hop: number): string => name(from + 1 + (hop % (n - 1)));
    const nodes: LineageNode[] = r.leaves.map((l): LineageNode =>
      l.kind === 'message'
        ? {
            kind: 'message',
            message: { from: name(l.from), to: receiver(l.from, l.hop), sendTime: l.sendTime },
          }
        : { kind: 'no-crash', node: name(l.node), time: l.time },
    );
    const tupleId = (i: number): number => r.leaves.length + i;
    const derivationsOf: number[][] = r.tuples.map(() => []);
    r.tuples.forEach(() => nodes.push({ kind: 'tuple', tuple: 0, derivations: [] }));
    const baseFact = nodes.length;
    nodes.push({ kind: 'tuple', tuple: r.tuples.length, derivations: [] });
    const addDerivation = (tuple: number, children: number[]): void => {
      derivationsOf[tuple]!.push(nodes.length);
      nodes.push({ kind: 'derivation', derivation: nodes.length, rule: 0, children });
    };
    // A pick names a lower tuple, a leaf, or the base fact.
    const pickChild = (pick: number, tuple: number): number => {
      if (pick % 10 >= 5 && tuple > 0) return tupleId(Math.floor(pick / 10) % tuple);
      return pick % 10 === 0 ? baseFact : Math.floor(pick / 10) % r.leaves.length;
    };
    r.tuples.forEach((derivations, i) => {
      for (const picks of derivations) {
        addDerivation(
          i,
          picks.map((p) => pickChild(p, i)),
        );
      }
    });
    for (const loop of r.loops)
      addDerivation(loop.tuple % r.tuples.length, [tupleId(loop.child % r.tuples.length)]);
    derivationsOf.forEach((derivations, i) => (nodes[tupleId(i)] = { kind: 'tuple', tuple: i, derivations }));
    const crashes: Crash[] = r.forcedCrash
      ? [{ node: name(r.forcedCrash.node), time: r.forcedCrash.time }]
      : [];
    const o = r.forcedOmission;
    const omissions: Omission[] = o
      ? [{ from: name(o.from), to: receiver(o.from, o.hop), time: o.time }]
      : [];
    return {
      graph: { nodes, goals: r.goals.map((g) => tupleId(r.tuples.length - 1 - (g % r.tuples.length))) },
      space: { nodes: NAMES.slice(0, n), eot: r.eot, eff: r.eff, maxCrashes: r.maxCrashes },
      forced: { crashes, omissions },
    };
  });

/** Each solving path, and how many cases it gets (a SAT solver costs ~15 ms to set up). */
const paths: readonly [string, SolveOptions, number][] = [
  ['mmcs', { backend: 'mmcs' }, 400],
  ['sat from supports', { backend: 'sat' }, 100],
  ['sat from the circuit', { backend: 'sat', supportCap: 0 }, 100],
  ['mmcs with some goals over the cap', { backend: 'mmcs', supportCap: 1 }, 100],
];

describe('minimalFaultSets agrees with brute force', () => {
  for (const [name, options, numRuns] of paths) {
    test(name, () => {
      fc.assert(
        fc.property(caseArbitrary, ({ graph, space, forced }) => {
          const { sets } = minimalFaultSets(graph, space, forced, options);
          expect(sets).toEqual(bruteForceMinimal(graph, space, forced));
        }),
        { numRuns },
      );
    });
  }

  test('every set prevents a goal, and removing any one added fault no longer does', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ graph, space, forced }) => {
        // What forced cuts stays cut; an added crash of a crashed node moves its crash (universe.ts).
        const run = frozenUnder(graph, forced);
        for (const set of minimalFaultSets(graph, space, forced).sets) {
          expect(prevents(run, set)).toBe(true);
          expect(new Set(set.crashes.map((c) => c.node)).size).toBe(set.crashes.length);
          const extra = extraFaults(set, forced);
          const without = (dropped: Crash | Omission): FaultSet => {
            const rest = [...extra.crashes, ...extra.omissions].filter((f) => f !== dropped);
            return withForced(
              forced,
              rest.map((f) => ('node' in f ? { kind: 'crash', ...f } : { kind: 'omission', ...f })),
            );
          };
          for (const fault of [...extra.crashes, ...extra.omissions])
            expect(prevents(run, without(fault))).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  test('limit returns a prefix of the full result', () => {
    fc.assert(
      fc.property(caseArbitrary, fc.integer({ min: 1, max: 3 }), ({ graph, space, forced }, limit) => {
        const full = minimalFaultSets(graph, space, forced).sets;
        for (const backend of ['mmcs', 'sat'] as const) {
          expect(minimalFaultSets(graph, space, forced, { backend, limit }).sets).toEqual(
            full.slice(0, limit),
          );
        }
      }),
      { numRuns: 50 },
    );
  });
});

describe('a proof of a good run (solver/proof.ts)', () => {
  // Extra faults: crashes of nodes `forced` does not crash (within the budget), omissions before EFF.
  const extraArbitrary = fc.record({
    crashes: fc.array(fc.record({ node: fc.nat(2), time }), { maxLength: 2 }),
    omissions: fc.array(
      fc.record({ from: fc.nat(2), hop: fc.nat(1), time: fc.integer({ min: 1, max: 3 }) }),
      {
        maxLength: 4,
      },
    ),
  });

  test("says a superset of the run's faults keeps every goal exactly when the lineage says so", () => {
    fc.assert(
      fc.property(caseArbitrary, extraArbitrary, ({ graph, space, forced }, extra) => {
        const nodes = space.nodes;
        const proof = proofOf(encodeLineage(graph, space, forced), forced, nodes);
        const run = frozenUnder(graph, forced);
        if (proof === null) {
          expect(prevents(run, forced)).toBe(true);
          return;
        }
        const h = extended(forced, extra, space);
        expect(provesGood(proof, faultIndex(h))).toBe(!prevents(run, h));
      }),
      { numRuns: 500 },
    );
  });

  test('proposes, for a hypothesis it proves good, a part of every superset that cuts a goal', () => {
    fc.assert(
      fc.property(
        caseArbitrary,
        extraArbitrary,
        extraArbitrary,
        ({ graph, space, forced }, first, second) => {
          const nodes = space.nodes;
          const proof = proofOf(encodeLineage(graph, space, forced), forced, nodes);
          const run = frozenUnder(graph, forced);
          if (proof === null) return;
          const h = extended(forced, first, space);
          if (!provesGood(proof, faultIndex(h))) return;
          const proposals = virtualProposals(proof, h, space.maxCrashes);
          for (const p of proposals) {
            // Each contains h (a crash may come earlier) and more, and cuts a goal of the run.
            expect(within(h, p), JSON.stringify([h, p])).toBe(true);
            expect(within(p, h)).toBe(false);
            expect(prevents(run, p)).toBe(true);
          }
          // Every superset of h that cuts a goal contains one of them.
          const g = extended(h, second, space);
          if (prevents(run, g)) expect(proposals.some((p) => within(p, g))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

type Extra = {
  crashes: { node: number; time: number }[];
  omissions: { from: number; hop: number; time: number }[];
};

/** `base` with the extra faults the space allows (a node crashes once, within the budget). */
function extended(
  base: FaultSet,
  extra: Extra,
  space: { nodes: readonly string[]; eot: number; eff: number; maxCrashes: number },
): FaultSet {
  const { nodes } = space;
  const crashed = new Set(base.crashes.map((c) => c.node));
  const crashes: Crash[] = [...base.crashes];
  for (const c of extra.crashes) {
    const node = nodes[c.node % nodes.length]!;
    if (crashed.has(node) || crashes.length >= space.maxCrashes || c.time > space.eot) continue;
    crashed.add(node);
    crashes.push({ node, time: c.time });
  }
  const omissions: Omission[] = [...base.omissions];
  for (const o of extra.omissions) {
    const from = o.from % nodes.length;
    const to = nodes[(from + 1 + (o.hop % (nodes.length - 1))) % nodes.length]!;
    if (o.time < space.eff) omissions.push({ from: nodes[from]!, to, time: o.time });
  }
  return { crashes, omissions };
}

/** Every fault of `a` is in `b` or implied by it: an omission by a crash of its sender no later, a crash by one no later. */
function within(a: FaultSet, b: FaultSet): boolean {
  const crashTime = new Map(b.crashes.map((c) => [c.node, c.time]));
  return (
    a.crashes.every((c) => (crashTime.get(c.node) ?? Infinity) <= c.time) &&
    a.omissions.every(
      (o) =>
        (crashTime.get(o.from) ?? Infinity) <= o.time ||
        b.omissions.some((x) => x.from === o.from && x.to === o.to && x.time === o.time),
    )
  );
}
