// The net under every verdict (SPEC §5.6): on generated programs at small bounds, the LDFI search
// reaches the verdict of the exhaustive search, and the same verdict again when the program's clauses
// are reordered and its relations and variables renamed. `npm run fuzz -- N` runs N programs
// (LDFI_FUZZ_RUNS; LDFI_FUZZ_SEED picks another sequence); `npm test` runs a few hundred.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program } from '../datalog/syntax/types.js';
import { DiagnosticError } from '../datalog/syntax/diagnostics.js';
import { loadChecked } from '../runner/load.js';
import { runSearch } from '../runner/search.js';
import type { Verdict } from '../runner/types.js';
import { evaluate } from '../datalog/eval/evaluate.js';
import type { FailureSpec } from '../datalog/eval/types.js';
import { programArb, render, spellingArb, type GenProgram } from './support/generate.js';
import { naiveEvaluate, tupleId } from './support/naive.js';

const RUNS = Number(process.env['LDFI_FUZZ_RUNS'] ?? 250);
const SEED = Number(process.env['LDFI_FUZZ_SEED'] ?? 8);

interface Bounds {
  readonly eot: number;
  readonly eff: number;
  readonly maxCrashes: number;
  /** Which runs violate the spec (runner/judge.ts): both searches judge alike. */
  readonly judge: 'ldfi' | 'molly';
}

const boundsArb: fc.Arbitrary<Bounds> = fc
  .record({
    eot: fc.integer({ min: 2, max: 4 }),
    eff: fc.integer({ min: 1, max: 3 }),
    maxCrashes: fc.integer({ min: 0, max: 2 }),
    judge: fc.constantFrom('ldfi', 'ldfi', 'molly') as fc.Arbitrary<'ldfi' | 'molly'>,
  })
  .map((b) => ({ ...b, eff: Math.min(b.eff, b.eot) }));

function checked(text: string): Program {
  try {
    return loadChecked(['gen.ded'], (p) => (p === 'gen.ded' ? text : null)).program;
  } catch (e) {
    if (e instanceof DiagnosticError)
      throw new Error(
        `the generator wrote a program the checker rejects:\n${text}\n${e.diagnostics.map((d) => d.message).join('\n')}`,
        { cause: e },
      );
    throw e;
  }
}

function verdict(
  program: Program,
  nodes: readonly string[],
  bounds: Bounds,
  strategy: 'ldfi' | 'exhaustive',
  pruneProven = true,
): Verdict {
  // The oracle explores every fault set: no symmetry reduction, so that it checks LDFI's.
  const symmetry = strategy === 'ldfi';
  return runSearch(program, { nodes, ...bounds, strategy, records: 'none', pruneProven, symmetry }).verdict;
}

const caseArb = programArb.chain((p: GenProgram) => fc.tuple(fc.constant(p), spellingArb(p), boundsArb));

describe('LDFI = exhaustive on generated programs', () => {
  it(
    `agrees on ${RUNS} programs (seed ${SEED}), whatever the clause order and names`,
    () => {
      fc.assert(
        fc.property(caseArb, ([p, spelling, drawn]) => {
          const text = render(p);
          const program = checked(text);
          // Three nodes multiply the failure space: the oracle stays small at EOT 3, EFF 2.
          const bounds =
            p.nodes.length > 2
              ? { ...drawn, eot: Math.min(drawn.eot, 3), eff: Math.min(drawn.eff, 2) }
              : drawn;
          const nodes = p.nodes;
          const exhaustive = verdict(program, nodes, bounds, 'exhaustive');
          const where = `on ${nodes.join(',')} at EOT ${bounds.eot}, EFF ${bounds.eff}, ${bounds.maxCrashes} crashes, judged by ${bounds.judge}:\n${text}`;
          expect(verdict(program, nodes, bounds, 'ldfi'), `LDFI vs exhaustive ${where}`).toBe(exhaustive);
          // Nor without pruning proven runs (runner/proven.ts): the search as it was before it.
          expect(verdict(program, nodes, bounds, 'ldfi', false), `LDFI --no-prune-proven ${where}`).toBe(
            exhaustive,
          );
          const respelled = render(p, spelling);
          expect(
            verdict(checked(respelled), nodes, bounds, 'ldfi'),
            `respelled as\n${respelled}\n${where}`,
          ).toBe(exhaustive);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
    Math.max(60_000, RUNS * 500),
  );

  it('evaluates the generated programs as the naive oracle does, under any faults', () => {
    // Faults over the program's own nodes (a fifth of the programs run on three).
    const specArb = (nodes: readonly string[]): fc.Arbitrary<FailureSpec> =>
      fc
        .record({
          crash: fc.option(
            fc.record({ node: fc.constantFrom(...nodes), time: fc.integer({ min: 1, max: 4 }) }),
          ),
          omit: fc.array(
            fc.record({
              from: fc.constantFrom(...nodes),
              hop: fc.nat(nodes.length - 2),
              time: fc.integer({ min: 1, max: 3 }),
            }),
            { maxLength: 2 },
          ),
        })
        .map(({ crash, omit }): FailureSpec => ({
          nodes,
          eot: 4,
          eff: 4,
          maxCrashes: 1,
          crashes: crash ? [crash] : [],
          omissions: omit.map((o) => {
            const others = nodes.filter((n) => n !== o.from);
            return { from: o.from, to: others[o.hop % others.length]!, time: o.time };
          }),
        }));
    const caseArb = programArb.chain((p) => fc.tuple(fc.constant(p), specArb(p.nodes)));
    fc.assert(
      fc.property(caseArb, ([p, spec]) => {
        const program = checked(render(p));
        const ev = evaluate(program, spec);
        const tuples = new Set<string>();
        for (let id = 0; id < ev.db.size; id++) {
          const t = ev.db.tuple(id);
          tuples.add(tupleId(t.relation, t.values, t.time));
        }
        expect([...tuples].sort(), render(p)).toEqual([...naiveEvaluate(program, spec).tuples].sort());
      }),
      { numRuns: Math.ceil(RUNS / 2), seed: SEED },
    );
  });
});
