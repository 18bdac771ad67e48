// The mechanisms behind the hostile-input table, tested at the level they live: the budget inside a
// run, the closed-form bound, the canonical key of symmetry, the in-memory loader.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../datalog/eval/evaluate.js';
import { BudgetExceeded } from '../../datalog/eval/budget.js';
import { loadProgram } from '../../datalog/syntax/load.js';
import { parseSource } from '../../datalog/syntax/parse.js';
import type { Fact, Program, Rule } from '../../datalog/syntax/types.js';
import type { FaultSet } from '../../datalog/eval/types.js';
import { failureSpaceSize, BoundsError } from '../../runner/bound.js';
import { runSearch, type SearchOptions } from '../../runner/search.js';
import { canonicalKey } from '../../runner/symmetry.js';
import { faultKey } from '../../datalog/eval/faults.js';
import * as P from './programs.js';

function programOf(text: string): Program {
  const { file, diagnostics } = parseSource('p.ded', text);
  expect(diagnostics).toEqual([]);
  return {
    files: [file],
    rules: file.clauses.filter((c): c is Rule => c.kind === 'rule'),
    facts: file.clauses.filter((c): c is Fact => c.kind === 'fact'),
  };
}

const spec = (nodes: string[], eot: number) => ({
  nodes,
  eot,
  eff: 2,
  maxCrashes: 0,
  crashes: [],
  omissions: [],
});

describe('budgets inside a run', () => {
  /** A search of a program that derives forever, with no tuple ceiling to stop it. */
  const forever = (options: Partial<SearchOptions>) =>
    runSearch(programOf(P.FOREVER), {
      nodes: ['a'],
      eot: 2,
      eff: 2,
      maxCrashes: 0,
      maxTuples: 1e9,
      ...options,
    });

  it('a timeout stops a run that never ends, between two fixpoint rounds', () => {
    let clock = 0;
    // One "millisecond" per look at the clock.
    const report = forever({ timeoutMs: 1000, now: () => (clock += 1) });
    expect(report.verdict).toBe('inconclusive');
    expect(report.stopped).toMatchObject({ reason: 'timeout', during: 0 });
    expect(report.executions).toBe(0);
  });

  it('an interrupt is polled per round', () => {
    let polls = 0;
    const report = forever({ shouldStop: () => ++polls > 50 });
    expect(report.stopped?.reason).toBe('interrupted');
  });

  it('the tuple ceiling holds on every insert, whatever one round derives', () => {
    const wide =
      'e("a", 1)@1;\ne(N, X + 1) :- e(N, X), X < 100;\np(N, X, Y) :- e(N, X), e(N, Y);\npre(N) :- e(N, 1);\npost(N) :- e(N, 1);';
    expect(() => evaluate(programOf(wide), spec(['a'], 1), { maxTuples: 5000 })).toThrow(BudgetExceeded);
    expect(evaluate(programOf(wide), spec(['a'], 1), { maxTuples: 20_000 }).db.size).toBe(10_102);
  });

  it('a sum past 2^53 is an error naming its rule, not a rounded number', () => {
    const text =
      'v("a", 9007199254740991)@1;\nv("a", 2)@1;\ns(N, sum<X>) :- v(N, X);\npre(N) :- s(N, _);\npost(N) :- s(N, _);';
    expect(() => evaluate(programOf(text), spec(['a'], 1))).toThrow(
      /integer overflow in a rule of 's': sum of 2 values/,
    );
  });
});

describe('the failure space in closed form', () => {
  // The bound as SPEC §3 writes it, term by term.
  const bySum = (n: number, eot: number, eff: number, c: number): bigint => {
    const s = 2n ** BigInt(n - 1);
    let prone = 0n;
    for (let t = 1; t <= eot + 1; t++) prone += s ** BigInt(Math.min(eff, t - 1));
    let choose = 1n;
    for (let i = 1; i <= c; i++) choose = (choose * BigInt(n - c + i)) / BigInt(i);
    return choose * (s ** BigInt(eff)) ** BigInt(n - c) * prone ** BigInt(c);
  };

  it('equals the sum on small bounds', () => {
    for (let n = 1; n <= 5; n++)
      for (let eot = 1; eot <= 6; eot++)
        for (let eff = 0; eff <= 8; eff++)
          for (let c = 0; c <= n; c++)
            expect(failureSpaceSize({ nodes: n, eot, eff, maxCrashes: c })).toBe(bySum(n, eot, eff, c));
  });

  it('EOT 10^12 costs nothing; a space past 2^100,000 is refused', () => {
    expect(failureSpaceSize({ nodes: 3, eot: 1e12, eff: 2, maxCrashes: 1 }).toString()).toBe(
      (3n * 16n ** 2n * (1n + 4n + (10n ** 12n - 1n) * 16n)).toString(),
    );
    expect(() => failureSpaceSize({ nodes: 3, eot: 5, eff: 1e9, maxCrashes: 0 })).toThrow(BoundsError);
  });
});

describe('symmetry: a canonical key without permutations', () => {
  const nodes = Array.from({ length: 13 }, (_, i) => `n${i}`);
  const rename = (f: FaultSet, p: ReadonlyMap<string, string>): FaultSet => ({
    crashes: f.crashes.map((c) => ({ node: p.get(c.node)!, time: c.time })),
    omissions: f.omissions.map((o) => ({ from: p.get(o.from)!, to: p.get(o.to)!, time: o.time })),
  });
  const shuffle = (seed: number): Map<string, string> => {
    const order = [...nodes];
    for (let i = order.length - 1, s = seed; i > 0; i--) {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      const j = s % (i + 1);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return new Map(nodes.map((n, i) => [n, order[i]!]));
  };
  const f: FaultSet = {
    crashes: [{ node: 'n3', time: 2 }],
    omissions: [
      { from: 'n0', to: 'n5', time: 1 },
      { from: 'n5', to: 'n7', time: 1 },
      { from: 'n7', to: 'n0', time: 2 },
      { from: 'n9', to: 'n9', time: 1 },
    ],
  };

  it('gives every image of a fault set under the 13! permutations of one class the same key', () => {
    const key = canonicalKey(f, [nodes]);
    for (let seed = 1; seed <= 200; seed++) expect(canonicalKey(rename(f, shuffle(seed)), [nodes])).toBe(key);
  });

  it('is the key of an image, so sets that are not equivalent never share it', () => {
    const other: FaultSet = { ...f, crashes: [{ node: 'n3', time: 1 }] };
    expect(canonicalKey(other, [nodes])).not.toBe(canonicalKey(f, [nodes]));
    // Nodes outside every class keep their names.
    expect(canonicalKey(f, [])).toBe(faultKey(f));
  });
});

describe('the in-memory loader', () => {
  it('sees only the files it was given: an absolute include is just a missing file', () => {
    const files = new Map([['p/main.ded', 'include "/etc/passwd";\ninclude "../x.ded";']]);
    const { diagnostics } = loadProgram(['p/main.ded'], { read: (path) => files.get(path) ?? null });
    expect(diagnostics.map((d) => d.code)).toEqual(['E002', 'E002']);
  });
});
