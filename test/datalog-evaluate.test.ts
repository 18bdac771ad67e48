import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../datalog/eval/evaluate.js';
import { lineageOf } from '../datalog/lineage/lineage.js';
import { programOf, specOf } from './support/program.js';

const DELIVERY = `
  node("a", "b")@1; node("a", "c")@1;
  bcast("a", "hi")@1;
  node(N, M)@next :- node(N, M);
  log(N, P) :- bcast(N, P);
  log(N, P)@next :- log(N, P);
  log(M, P)@async :- bcast(N, P), node(N, M);
  pre(X, P) :- log(X, P);
  post(X, P) :- log(X, P);
`;

/** `rel(v, …)` strings of a relation at a time, sorted. */
function rows(ev: Evaluation, relation: string, time: number): string[] {
  return ev.db
    .relationAt(relation, time)
    .map((id) => `${relation}(${ev.db.tuple(id).values.join(',')})`)
    .sort();
}

describe('evaluate', () => {
  it('delivers an @async message one step later and persists @next', () => {
    const ev = evaluate(programOf(DELIVERY), specOf({ nodes: ['a', 'b', 'c'] }));
    expect(rows(ev, 'log', 1)).toEqual(['log(a,hi)']);
    expect(rows(ev, 'log', 2)).toEqual(['log(a,hi)', 'log(b,hi)', 'log(c,hi)']);
    expect(rows(ev, 'log', 4)).toEqual(['log(a,hi)', 'log(b,hi)', 'log(c,hi)']);
    expect(ev.sends.map((s) => `${s.from}>${s.to}@${s.sendTime}:${s.lostBy}`)).toEqual([
      'a>b@1:null',
      'a>c@1:null',
    ]);
  });

  it('loses an omitted message and records why', () => {
    const ev = evaluate(
      programOf(DELIVERY),
      specOf({ nodes: ['a', 'b', 'c'], omissions: [{ from: 'a', to: 'b', time: 1 }] }),
    );
    expect(rows(ev, 'log', 4)).toEqual(['log(a,hi)', 'log(c,hi)']);
    expect(ev.sends.find((s) => s.to === 'b')?.lostBy).toBe('omission');
  });

  it('a crashed node keeps computing and receiving but sends nothing to others (SPEC §2.4)', () => {
    const program = programOf(`
      tick("a", 1)@1; tick("b", 1)@1;
      tick(N, T + 1)@next :- tick(N, T);
      ping("b", N, T)@async :- tick(N, T), N != "b";
      seen(N, T) :- ping(N, _, T);
      crashed(O, N, T) :- crash(O, N, T);
    `);
    const ev = evaluate(program, specOf({ nodes: ['a', 'b'], eot: 4, crashes: [{ node: 'a', time: 2 }] }));
    expect(rows(ev, 'tick', 3)).toEqual(['tick(a,3)', 'tick(b,3)']);
    expect(rows(ev, 'seen', 2)).toEqual(['seen(b,1)']);
    expect(rows(ev, 'seen', 3)).toEqual([]);
    expect(rows(ev, 'crashed', 1)).toEqual(['crashed(a,a,2)', 'crashed(b,a,2)']);
  });

  it('rules fire only at nodes of the run (the clock guards every rule, as in Molly)', () => {
    const ev = evaluate(programOf(`p("z", 1)@1; p("a", 1)@1; q(N, X) :- p(N, X);`), specOf({ nodes: ['a'] }));
    expect(rows(ev, 'q', 1)).toEqual(['q(a,1)']);
  });

  it('computes aggregates over the distinct bindings of named variables (Molly: `_` is not counted)', () => {
    const program = programOf(`
      vote("c", "a", 1)@1; vote("c", "b", 1)@1; vote("c", "b", 2)@1; vote("c", "d", 2)@1;
      votes(C, count<V>) :- vote(C, V, _);
      total(C, sum<X>) :- vote(C, _, X);
      lo(C, min<V>) :- vote(C, V, _);
      hi(C, max<X>) :- vote(C, _, X);
      ballots(C, count<V>) :- vote(C, V, X);
    `);
    const ev = evaluate(program, specOf({ nodes: ['c'], eot: 1 }));
    expect(rows(ev, 'votes', 1)).toEqual(['votes(c,3)']);
    expect(rows(ev, 'total', 1)).toEqual(['total(c,3)']);
    expect(rows(ev, 'ballots', 1)).toEqual(['ballots(c,4)']);
    expect(rows(ev, 'lo', 1)).toEqual(['lo(c,a)']);
    expect(rows(ev, 'hi', 1)).toEqual(['hi(c,2)']);
  });

  it('evaluates arithmetic with precedence, comparisons and @k body atoms', () => {
    const program = programOf(`
      n("a", 3)@1;
      n(N, X)@next :- n(N, X);
      m(N, X * 2 + 1) :- n(N, X), X >= 3, X <= 3;
      first(N, X) :- n(N, X)@1, notin early(N)@1;
      early(N) :- n(N, X), X < 2;
    `);
    const ev = evaluate(program, specOf({ nodes: ['a'], eot: 3 }));
    expect(rows(ev, 'm', 2)).toEqual(['m(a,7)']);
    expect(rows(ev, 'first', 3)).toEqual(['first(a,3)']);
  });

  it('stratifies negation within a time step', () => {
    const program = programOf(`
      member("a", "b")@1; member("a", "c")@1; ack("a", "b")@1;
      missing(N, M) :- member(N, M), notin ack(N, M);
      done(N) :- member(N, _), notin missing(N, _);
      partial(N) :- member(N, _), notin done(N);
    `);
    const ev = evaluate(program, specOf({ nodes: ['a'], eot: 1 }));
    expect(rows(ev, 'missing', 1)).toEqual(['missing(a,c)']);
    expect(rows(ev, 'done', 1)).toEqual([]);
    expect(rows(ev, 'partial', 1)).toEqual(['partial(a)']);
  });

  it('finds every derivation of a recursive relation exactly once', () => {
    const program = programOf(`
      e("a", "x", "y")@1; e("a", "y", "z")@1; e("a", "x", "z")@1;
      path(N, X, Y) :- e(N, X, Y);
      path(N, X, Z) :- path(N, X, Y), e(N, Y, Z);
    `);
    const ev = evaluate(program, specOf({ nodes: ['a'], eot: 1 }));
    const xz = ev.db.find('path', ['a', 'x', 'z'], 1)!;
    expect(ev.derivationsOf(xz)).toHaveLength(2);
    const keys = ev.derivations.map((d) => `${d.rule}:${d.head}:${d.body.join(',')}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('is deterministic: the same input gives the same tuples and derivations', () => {
    const spec = specOf({ nodes: ['a', 'b', 'c'], omissions: [{ from: 'a', to: 'c', time: 1 }] });
    const a = evaluate(programOf(DELIVERY), spec);
    const b = evaluate(programOf(DELIVERY), spec);
    expect(JSON.stringify(a.derivations)).toBe(JSON.stringify(b.derivations));
    expect(a.db.size).toBe(b.db.size);
  });
});

describe('lineage', () => {
  it('reaches the message a post tuple needed', () => {
    const ev = evaluate(programOf(DELIVERY), specOf({ nodes: ['a', 'b', 'c'] }));
    const goal = ev.db.find('post', ['b', 'hi'], 4)!;
    const g = lineageOf(ev, [goal]);
    const messages = g.nodes
      .filter((n) => n.kind === 'message')
      .map((n) => n.kind === 'message' && n.message);
    expect(messages).toEqual([{ from: 'a', to: 'b', sendTime: 1 }]);
  });

  it('follows notin to the tuples whose loss would let the negated tuple appear (SPEC §5)', () => {
    const program = programOf(`${DELIVERY}
      missing(A, P) :- log(X, P), node(X, A), notin log(A, P);
      all(X, P) :- log(X, P), notin missing(_, P);
    `);
    const ev = evaluate(program, specOf({ nodes: ['a', 'b', 'c'] }));
    const goal = ev.db.find('all', ['a', 'hi'], 4)!;
    const g = lineageOf(ev, [goal]);
    const messages = g.nodes
      .flatMap((n) => (n.kind === 'message' ? [`${n.message.from}>${n.message.to}`] : []))
      .sort();
    expect(messages).toEqual(['a>b', 'a>c']);
  });

  it('turns notin crash into a no-crash leaf', () => {
    const program = programOf(`ok("a")@1; good(N) :- ok(N), notin crash(N, N, _);`);
    const ev = evaluate(program, specOf({ nodes: ['a'], eot: 1 }));
    const g = lineageOf(ev, [ev.db.find('good', ['a'], 1)!]);
    expect(g.nodes.filter((n) => n.kind === 'no-crash')).toEqual([
      { kind: 'no-crash', node: 'a', time: null },
    ]);
  });

  it('follows notin through a comparison that rejects the present tuples (a new tuple is needed)', () => {
    // Everyone decided "commit"; a conflict needs an "abort" decision, which appears only when b
    // misses its pre-commit message: that message must be in the lineage of post.
    const program = programOf(`
      node("c", "b")@1; node(N, M)@next :- node(N, M);
      timer("b")@3; timer(N)@next :- timer(N);
      decided("c", "commit")@1; decided(N, D)@next :- decided(N, D);
      precommit(M)@async :- decided(N, "commit"), node(N, M);
      precommitted(N) :- precommit(N);
      precommitted(N)@next :- precommitted(N);
      decided(N, "abort") :- timer(N), notin precommitted(N);
      decided(N, "commit") :- precommitted(N);
      conflict(X) :- decided(X, A), decided(Y, B), A != B;
      post(N) :- decided(N, _), notin conflict(_);
    `);
    const ev = evaluate(program, specOf({ nodes: ['b', 'c'], eot: 4 }));
    const g = lineageOf(ev, [ev.db.find('post', ['c'], 4)!]);
    const messages = g.nodes.flatMap((n) =>
      n.kind === 'message' ? [`${n.message.from}>${n.message.to}@${n.message.sendTime}`] : [],
    );
    expect(messages).toContain('c>b@1');
  });

  it.each([
    ['Count >= 3', []], // losing a vote only lowers the count: it cannot make a quorum appear
    ['Count < 2', ['a>c@1', 'a>c@2', 'b>c@1', 'b>c@2']], // but it can make a minority appear
  ])('an aggregate consumed by %s makes its lost inputs blockers: %j', (condition, expected) => {
    const program = programOf(`
      peer("a", "c")@1; peer("b", "c")@1; peer("c", "c")@1; peer(N, M)@next :- peer(N, M);
      vote(M, N)@async :- peer(N, M), N != M;
      vote(N, M)@next :- vote(N, M);
      votes(N, count<M>) :- vote(N, M);
      flagged(N) :- votes(N, Count), ${condition};
      post(N) :- peer(N, N), notin flagged(N);
    `);
    const ev = evaluate(program, specOf({ nodes: ['a', 'b', 'c'], eot: 3 }));
    const g = lineageOf(ev, [ev.db.find('post', ['c'], 3)!]);
    const messages = g.nodes.flatMap((n) =>
      n.kind === 'message' ? [`${n.message.from}>${n.message.to}@${n.message.sendTime}`] : [],
    );
    expect(messages.sort()).toEqual(expected);
  });
});
