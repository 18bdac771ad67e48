// runner/known.ts decides a hypothesis's effective faults from runs already executed. Checked
// against running it: whenever it decides, the decision is the run's own effective faults, and the
// run of those faults alone is the same run, tuple for tuple (with `notin`, aggregates, `crash` and
// `clock` read).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program } from '../datalog/ast.js';
import { evaluate, type Evaluation } from '../datalog/evaluate.js';
import type { FaultSet } from '../datalog/types.js';
import { faultKey, withFaults } from '../datalog/faults.js';
import { KnownRuns, observesOf } from '../runner/known.js';
import { loadChecked } from '../runner/load.js';
import { runSearch } from '../runner/search.js';
import { programOf } from './support/program.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const example = (...files: string[]): Program =>
  loadChecked(
    files.map((f) => join(examples, f)),
    (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null),
  ).program;

// Every omission a node sees on its clock: a program in which unsent messages' omissions matter.
const CLOCKED = programOf(`
  node("a", "b")@1; node("b", "c")@1; node("c", "a")@1;
  node(N, M)@next :- node(N, M);
  ping(M, N)@async :- node(N, M), clock(N, M, T, _), T < 2;
  quiet(N, M) :- node(N, M), notin clock(N, M, _, _);
  heard(N, M)@next :- quiet(N, M);
  heard(N, M)@next :- heard(N, M);
  pre(N) :- node(N, _);
  post(N) :- node(N, M), notin heard(N, M);
`);

const NODES = ['a', 'b', 'c'];
const BOUNDS = { eot: 5, eff: 4 };
const base = { ...BOUNDS, nodes: NODES, maxCrashes: 1, crashes: [], omissions: [] };

const faultSet: fc.Arbitrary<FaultSet> = fc
  .record({
    crashes: fc.option(
      fc.record({ node: fc.constantFrom(...NODES), time: fc.integer({ min: 1, max: BOUNDS.eot }) }),
      { nil: null },
    ),
    omissions: fc.uniqueArray(
      fc.record({
        from: fc.constantFrom(...NODES),
        to: fc.constantFrom(...NODES),
        time: fc.integer({ min: 1, max: BOUNDS.eff - 1 }),
      }),
      { maxLength: 5, selector: (o) => `${o.from}>${o.to}@${o.time}` },
    ),
  })
  .map(({ crashes, omissions }) => ({
    crashes: crashes ? [crashes] : [],
    omissions: omissions.filter((o) => o.from !== o.to),
  }));

function tuples(ev: Evaluation): string[] {
  const out: string[] = [];
  for (let id = 0; id < ev.db.size; id++) {
    const t = ev.db.tuple(id);
    out.push(JSON.stringify([t.relation, t.values, t.time]));
  }
  return out.sort();
}

describe('KnownRuns', () => {
  it.each([
    ['ack delivery (notin, crash read)', () => example('delivery/ack.ded', 'delivery/spec.ded')],
    ['Paxos (aggregates)', () => example('paxos/synod.ded', 'paxos/spec.ded')],
    ['a program that reads clock', () => CLOCKED],
  ])('decides only what running shows: %s', (_name, load) => {
    const program = load();
    let decided = 0;
    fc.assert(
      fc.property(fc.array(faultSet, { minLength: 2, maxLength: 8 }), (hs) => {
        const known = new KnownRuns(observesOf(program), BOUNDS);
        // A parent and its extensions, as LDFI proposes them, so that prefixes are shared.
        const family = hs.map((h, i) => (i === 0 ? h : union(hs[0]!, h)));
        for (const h of family) {
          const decision = known.decide(h);
          const ev = evaluate(program, withFaults(base, h));
          const effective = known.effectiveOfRun(h, ev.sends);
          if (decision) {
            decided++;
            expect(faultKey(decision)).toBe(faultKey(effective));
          }
          expect(tuples(evaluate(program, withFaults(base, effective)))).toEqual(tuples(ev));
          known.add(effective, ev.sends);
        }
      }),
      { numRuns: 25, seed: 12 },
    );
    expect(decided).toBeGreaterThan(0);
  });

  it('lets the search skip runs it knows, without changing a verdict', () => {
    const program = example('delivery/ack.ded', 'delivery/spec.ded');
    const r = runSearch(program, { nodes: NODES, eot: 6, eff: 4, maxCrashes: 1, records: 'none' });
    expect(r.verdict).toBe('tolerant');
    expect(r.skipped).toBeGreaterThan(0);
  });
});

function union(a: FaultSet, b: FaultSet): FaultSet {
  const crashes = a.crashes.length > 0 ? a.crashes : b.crashes;
  const keys = new Set(a.omissions.map((o) => `${o.from}>${o.to}@${o.time}`));
  return {
    crashes,
    omissions: [...a.omissions, ...b.omissions.filter((o) => !keys.has(`${o.from}>${o.to}@${o.time}`))],
  };
}
