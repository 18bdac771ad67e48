// Blockers the absence explainer can tell apart (datalog/lineage/forced.ts, instances.ts): one the
// blocked instance's own body keeps up, one whose loss needs a finer loss, and the one input a `max`
// needs lost. Each on a program small enough to read, with the search's verdict checked against
// exhaustive search (the property test does the same on generated programs).
import { describe, expect, it } from 'vitest';
import { evaluate } from '../datalog/eval/evaluate.js';
import { AbsenceExplainer } from '../datalog/lineage/negation.js';
import { runSearch } from '../runner/search.js';
import { programOf, specOf } from './support/program.js';

const NODES = ['a', 'b'];
const PEERS = `
peer("a", "b")@1;
peer("b", "a")@1;
peer(L, M)@next :- peer(L, M);
`;

/** The blockers of `notin rel(values)@time` in the failure-free run, as `rel(values)@time` strings. */
function blockersOf(text: string, rel: string, values: (string | number | null)[], time: number): string[] {
  const ev = evaluate(programOf(text), specOf({ nodes: NODES, eot: 4, eff: 3 }));
  const { tuples } = new AbsenceExplainer(ev).blockers({ relation: rel, values, time });
  return tuples.map((id) => {
    const t = ev.db.tuple(id);
    return `${t.relation}(${t.values.join(',')})@${t.time}`;
  });
}

/** ldfi's verdict, checked against exhaustive search's. */
function agreesWithExhaustive(text: string): { verdict: string } {
  const program = programOf(text);
  const bounds = { nodes: NODES, eot: 4, eff: 3, maxCrashes: 1, records: 'none' as const, symmetry: false };
  const ldfi = runSearch(program, bounds);
  const exhaustive = runSearch(program, { ...bounds, strategy: 'exhaustive' });
  expect(ldfi.verdict).toBe(exhaustive.verdict);
  return { verdict: ldfi.verdict };
}

describe('blockers refined by what the blocked instance needs anyway', () => {
  // `late(L, X)` fires on a `hello` only if no `both` is there; `both` needs that same `hello`, and
  // `echo`, a second message of the same sender.
  const guarded = `${PEERS}
src("a", 1)@1;
src(L, X)@next :- src(L, X);
hello(M, X)@async :- src(L, X), peer(L, M);
echo(M, X)@async :- src(L, X), peer(L, M), notin stop(L);
both(L, X) :- hello(L, X), echo(L, X);
late(L, X) :- hello(L, X), notin both(L, X);
pre(L, X) :- src(L, X);
post(L, X) :- src(L, X), notin late(_, X);
`;

  it('stands a blocker the instance needs anyway for the loss that would unblock it', () => {
    // Losing `hello` would remove `both`, but `late` needs `hello` too: only losing `echo` helps.
    expect(blockersOf(guarded, 'late', [null, 1], 4)).toEqual(['echo(b,1)@4']);
  });

  it('leaves the verdict to what exhaustive search finds', () => {
    // No fault removes `echo` alone (one message per channel and step): tolerant, as exhaustively.
    expect(agreesWithExhaustive(guarded).verdict).toBe('tolerant');
    // `echo` from the other node: losing it alone lets `late` fire.
    const twoSenders = `${PEERS}
src("a", 1)@1;
src("b", 1)@1;
src(L, X)@next :- src(L, X);
hello(M, X)@async :- src(L, X), peer(L, M), L == "b";
echo(M, X)@async :- src(L, X), peer(L, M), L == "b";
both(L, X) :- hello(L, X), echo(L, X);
late(L, X) :- hello(L, X), notin both(L, X);
pre(L, X) :- src(L, X);
post(L, X) :- src(L, X), notin late(_, X);
`;
    expect(blockersOf(twoSenders, 'late', [null, 1], 4)).toEqual(['echo(a,1)@4']);
    expect(agreesWithExhaustive(twoSenders).verdict).toBe('tolerant');
  });

  it('drops an instance its own body blocks: nothing could make it fire', () => {
    const dead = `${PEERS}
src("a", 1)@1;
src(L, X)@next :- src(L, X);
hello(M, X)@async :- src(L, X), peer(L, M);
seen(L, X) :- hello(L, X);
late(L, X) :- hello(L, X), notin seen(L, X);
pre(L, X) :- src(L, X);
post(L, X) :- src(L, X), notin late(_, X);
`;
    expect(blockersOf(dead, 'late', [null, 1], 4)).toEqual([]);
    expect(agreesWithExhaustive(dead).verdict).toBe('tolerant');
  });

  it('keeps a blocker whose finer form only drops facts (it names the same losses)', () => {
    const facts = `${PEERS}
src("a", 1)@1;
src(L, X)@next :- src(L, X);
limit("b", 1)@1;
limit(L, X)@next :- limit(L, X);
hello(M, X)@async :- src(L, X), peer(L, M);
capped(L, X) :- hello(L, X), limit(L, X);
late(L, X) :- src(L, X), notin capped(_, X);
pre(L, X) :- src(L, X);
post(L, X) :- src(L, X), notin late(_, X);
`;
    expect(blockersOf(facts, 'late', [null, 1], 4)).toEqual(['capped(b,1)@4']);
  });
});

describe('a max or min changes when every input attaining it is lost', () => {
  // `best` is the highest value `a` holds: 2, from its own fact and from `b`'s message alike.
  const program = `${PEERS}
src("b", 2)@1;
src(L, X)@next :- src(L, X);
own("a", "self", 2)@1;
own(L, S, X)@next :- own(L, S, X);
ping(M, X)@async :- src(L, X), peer(L, M);
heard(L, "peer", X) :- ping(L, X);
heard(L, S, X) :- own(L, S, X);
best(L, max<X>) :- heard(L, _, X);
low(L) :- best(L, X), X < 2;
pre(L) :- own(L, _, _);
post(L) :- own(L, _, _), notin low(L);
`;

  it('lists one input of those attaining the value, not each', () => {
    const heard = blockersOf(program, 'low', ['a'], 4).filter((b) => b.startsWith('heard('));
    expect(heard).toHaveLength(1);
  });

  it('finds what exhaustive search finds', () => {
    expect(agreesWithExhaustive(program).verdict).toBe('tolerant');
    // Without its own copy, losing `b`'s messages lowers the value: a counterexample.
    const alone = program.replace('own("a", "self", 2)@1;', 'own("a", "self", 1)@1;');
    expect(agreesWithExhaustive(alone).verdict).toBe('counterexample');
  });
});
