// The two judges of SPEC §4: ldfi's (a `pre` tuple without its `post`) and Molly's (a `post` tuple of
// the failure-free run lost while its `pre` holds; the failure-free run is never bad).
import { describe, expect, it } from 'vitest';
import { runSearch } from '../runner/search.js';
import { programOf } from './support/program.js';

// a sends "v" once to b and c; every node that got it must have it. Send-once: one loss breaks it.
const DELIVERY = `
  peer("a", "b")@1; peer("a", "c")@1;
  peer(N, P)@next :- peer(N, P);
  send("a", "v")@1;
  got(N, V) :- send(N, V);
  got(P, V)@async :- send(N, V), peer(N, P);
  got(N, V)@next :- got(N, V);
  pre(N, V) :- got(X, V), peer(X, N);
  post(N, V) :- got(N, V);
`;

// Node c never gets "w" even without faults: ldfi's judge calls the failure-free run bad; Molly's
// never judges it, and no fault loses a `post` tuple it had, so Molly sees nothing wrong.
const BROKEN_WITHOUT_FAULTS = `
  ${DELIVERY}
  pre("c", "w") :- got("a", _);
`;

const nodes = ['a', 'b', 'c'];
const bounds = { nodes, eot: 3, eff: 2, maxCrashes: 0 };

describe('judges', () => {
  it("Molly's judge finds the lost message too, and both name themselves", () => {
    const ldfi = runSearch(programOf(DELIVERY), bounds);
    const molly = runSearch(programOf(DELIVERY), { ...bounds, judge: 'molly' });
    expect([ldfi.verdict, ldfi.judge]).toEqual(['counterexample', 'ldfi']);
    expect([molly.verdict, molly.judge]).toEqual(['counterexample', 'molly']);
    expect(molly.runs.every((r) => r.judge === 'molly')).toBe(true);
    const cx = molly.runs.find((r) => r.iteration === molly.counterexample)!;
    expect(cx.violations).toHaveLength(1);
  });

  it('the failure-free run is a counterexample for ldfi only', () => {
    const ldfi = runSearch(programOf(BROKEN_WITHOUT_FAULTS), bounds);
    expect([ldfi.verdict, ldfi.counterexample, ldfi.runs[0]!.violations]).toEqual([
      'counterexample',
      0,
      [['c', 'w']],
    ]);
    const molly = runSearch(programOf(BROKEN_WITHOUT_FAULTS), { ...bounds, judge: 'molly' });
    expect(molly.runs[0]!.status).toBe('success');
    // Molly's rule still catches the lost delivery, which loses a post tuple of the failure-free run.
    expect(molly.verdict).toBe('counterexample');
    const cx = molly.runs.find((r) => r.iteration === molly.counterexample)!;
    expect(cx.violations).not.toContainEqual(['c', 'w']);
  });

  it("every run Molly's judge calls bad, ldfi's does too (exhaustively, on one program)", () => {
    const all = { ...bounds, strategy: 'exhaustive' as const, all: true, records: 'all' as const };
    const molly = runSearch(programOf(BROKEN_WITHOUT_FAULTS), { ...all, judge: 'molly' });
    const ldfi = runSearch(programOf(BROKEN_WITHOUT_FAULTS), all);
    expect(ldfi.runs.map((r) => r.failureSpec)).toEqual(molly.runs.map((r) => r.failureSpec));
    const bad = (runs: typeof ldfi.runs): number[] =>
      runs.filter((r) => r.status === 'failure').map((r) => r.iteration);
    expect(bad(molly.runs).length).toBeGreaterThan(0);
    expect(bad(ldfi.runs)).toEqual(expect.arrayContaining(bad(molly.runs)));
    expect(bad(ldfi.runs).length).toBeGreaterThan(bad(molly.runs).length);
  });
});
