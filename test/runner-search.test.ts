import { describe, expect, it } from 'vitest';
import { failureSpaceSize } from '../runner/bound.js';
import { runSearch } from '../runner/search.js';
import { programOf } from './support/program.js';

// Delivery with its spec: every node that is correct (never crashes) must log what was broadcast.
const SPEC = `
  missing(A, P) :- log(X, P), node(X, A), notin log(A, P);
  pre(X, P) :- log(X, P), notin bcast(X, P)@1, notin crash(X, X, _);
  post(X, P) :- log(X, P), notin missing(_, P);
`;
const NODES = `
  node("a", "b")@1; node("a", "c")@1; node("b", "a")@1; node("b", "c")@1; node("c", "a")@1; node("c", "b")@1;
  node(N, M)@next :- node(N, M);
  bcast("a", "hi")@1;
  log(N, P) :- bcast(N, P);
  log(N, P)@next :- log(N, P);
`;
const SIMPLE = `${NODES} log(M, P)@async :- bcast(N, P), node(N, M); ${SPEC}`;
const RETRY = `${NODES} bcast(N, P)@next :- bcast(N, P); log(M, P)@async :- bcast(N, P), node(N, M); ${SPEC}`;

const nodes = ['a', 'b', 'c'];

describe('runSearch', () => {
  it('finds the lost message of send-once delivery on the second execution', () => {
    const r = runSearch(programOf(SIMPLE), { nodes, eot: 4, eff: 2, maxCrashes: 0 });
    expect(r.verdict).toBe('counterexample');
    expect(r.executions).toBe(2);
    expect(r.bound).toBe('4096');
    const cx = r.runs.find((x) => x.iteration === r.counterexample)!;
    expect(cx.failureSpec.omissions).toHaveLength(1);
    expect(cx.status).toBe('failure');
  });

  it('certifies retry delivery without crashes as tolerant', () => {
    const r = runSearch(programOf(RETRY), { nodes, eot: 6, eff: 3, maxCrashes: 0 });
    expect(r.verdict).toBe('tolerant');
    // Retries at t >= EFF cannot be lost, so no fault set can cut every derivation: no hypothesis.
    expect(r.executions).toBe(1);
  });

  it('breaks retry delivery with one crash of the sender', () => {
    const r = runSearch(programOf(RETRY), { nodes, eot: 6, eff: 3, maxCrashes: 1 });
    expect(r.verdict).toBe('counterexample');
    const cx = r.runs.find((x) => x.iteration === r.counterexample)!;
    expect(cx.failureSpec.crashes.map((c) => c.node)).toEqual(['a']);
  });

  it('agrees with the exhaustive strategy on small bounds', () => {
    for (const [text, c] of [
      [SIMPLE, 0],
      [RETRY, 0],
      [RETRY, 1],
    ] as const) {
      const program = programOf(text);
      const ldfi = runSearch(program, { nodes, eot: 4, eff: 2, maxCrashes: c });
      const exhaustive = runSearch(program, { nodes, eot: 4, eff: 2, maxCrashes: c, strategy: 'exhaustive' });
      expect(ldfi.verdict).toBe(exhaustive.verdict);
    }
  });

  it('is deterministic: the same search gives the same runs', () => {
    const a = runSearch(programOf(RETRY), { nodes, eot: 5, eff: 3, maxCrashes: 1, all: true });
    const b = runSearch(programOf(RETRY), { nodes, eot: 5, eff: 3, maxCrashes: 1, all: true });
    expect(JSON.stringify(a.runs)).toBe(JSON.stringify(b.runs));
  });

  it('ends inconclusive when the budget runs out', () => {
    const r = runSearch(programOf(SIMPLE), { nodes, eot: 4, eff: 2, maxCrashes: 0, maxRuns: 1 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.executions).toBe(1);
  });

  it('random search is reproducible from its seed, and another seed samples other fault sets', () => {
    const search = (seed: number) =>
      runSearch(programOf(SIMPLE), {
        nodes,
        eot: 4,
        eff: 2,
        maxCrashes: 0,
        strategy: 'random',
        seed,
        records: 'all',
      });
    const a = search(7);
    expect(a.verdict).toBe('counterexample');
    expect(JSON.stringify(search(7).runs)).toBe(JSON.stringify(a.runs));
    const faults = (r: ReturnType<typeof search>) =>
      JSON.stringify(r.runs.map((run) => run.failureSpec.omissions));
    expect(faults(search(8))).not.toBe(faults(a));
  });

  it('symmetry reduction, on by default, explores fewer hypotheses and keeps the verdict', () => {
    const program = programOf(SIMPLE);
    const plain = runSearch(program, { nodes, eot: 4, eff: 2, maxCrashes: 0, all: true, symmetry: false });
    const sym = runSearch(program, { nodes, eot: 4, eff: 2, maxCrashes: 0, all: true });
    expect(plain.symmetry).toEqual([]);
    expect(sym.symmetry).toEqual([['b', 'c']]);
    expect(sym.verdict).toBe(plain.verdict);
    expect(sym.executions).toBeLessThan(plain.executions);
  });

  it('keeps symmetry off where a rule orders node names', () => {
    // The smallest node that heard the message leads: swapping b and c changes who leads.
    const ordered = `${SIMPLE} lead(N, min<M>) :- log(N, _), node(N, M);`;
    const r = runSearch(programOf(ordered), { nodes, eot: 4, eff: 2, maxCrashes: 0, all: true });
    expect(r.symmetry).toEqual([]);
    const compared = `${SIMPLE} first(N, M) :- node(N, M), node(N, K), M < K;`;
    expect(runSearch(programOf(compared), { nodes, eot: 4, eff: 2, maxCrashes: 0 }).symmetry).toEqual([]);
  });
});

describe('failureSpaceSize', () => {
  it.each([
    [3, 4, 2, 0, '4096'],
    [3, 4, 2, 1, '40704'],
    [4, 5, 0, 1, '24'],
  ])('n=%i EOT=%i EFF=%i c=%i is %s (SPEC §3, BENCHMARKS.md)', (n, eot, eff, c, want) => {
    expect(failureSpaceSize({ nodes: n, eot, eff, maxCrashes: c }).toString()).toBe(want);
  });
});
