// Differential properties of the engine: semi-naive evaluation agrees with the naive oracle on
// generated stratified programs, and every recorded derivation re-derives its head.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Value } from '../datalog/syntax/types.js';
import { evaluate } from '../datalog/eval/evaluate.js';
import type { FailureSpec } from '../datalog/eval/types.js';
import { naiveEvaluate, tupleId } from './support/naive.js';
import { programOf } from './support/program.js';

const NODES = ['a', 'b'];
const RELS = ['r0', 'r1', 'r2', 'r3'];

/**
 * A random program over relations r0..r3 (columns: location, integer) and node(L, M). Relation ri
 * may read rj positively for j ≤ i (recursion allowed) and negatively only for j < i, so every
 * generated program is stratified.
 */
const programArb = fc
  .record({
    facts: fc.array(
      fc.tuple(
        fc.constantFrom(...RELS),
        fc.constantFrom(...NODES),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 2 }),
      ),
      {
        minLength: 1,
        maxLength: 6,
      },
    ),
    rules: fc.array(
      fc.record({
        head: fc.integer({ min: 0, max: 3 }),
        pos: fc.integer({ min: 0, max: 3 }),
        second: fc.option(fc.integer({ min: 0, max: 3 })),
        neg: fc.option(fc.integer({ min: 0, max: 3 })),
        when: fc.constantFrom('now', 'now', 'next', 'async'),
        cmp: fc.option(fc.constantFrom('<', '>', '!=', '<=')),
        shift: fc.boolean(),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  })
  .map(({ facts, rules }) => {
    const lines = ['node("a", "b")@1;', 'node("b", "a")@1;', 'node(L, M)@next :- node(L, M);'];
    for (const [rel, node, value, time] of facts) lines.push(`${rel}("${node}", ${value})@${time};`);
    for (const r of rules) {
      const pos = Math.min(r.pos, r.head);
      const body = [`r${pos}(L, X)`];
      if (r.second !== null) body.push(`r${Math.min(r.second, r.head)}(L, Y)`);
      if (r.neg !== null && r.neg < r.head) body.push(`notin r${r.neg}(L, X)`);
      if (r.cmp && r.second !== null) body.push(`X ${r.cmp} Y`);
      const value = r.shift ? 'X + 1' : 'X';
      if (r.when === 'async')
        lines.push(`r${r.head}(M, ${value})@async :- ${[...body, 'node(L, M)'].join(', ')};`);
      else if (r.when === 'next') lines.push(`r${r.head}(L, ${value})@next :- ${body.join(', ')};`);
      else if (r.shift) lines.push(`r${r.head}(L, X) :- ${body.join(', ')}, X < 3;`);
      else lines.push(`r${r.head}(L, X) :- ${body.join(', ')};`);
    }
    return lines.join('\n');
  });

const specArb = fc
  .record({
    crash: fc.option(fc.record({ node: fc.constantFrom(...NODES), time: fc.integer({ min: 1, max: 3 }) })),
    omit: fc.array(fc.record({ from: fc.constantFrom(...NODES), time: fc.integer({ min: 1, max: 2 }) }), {
      maxLength: 2,
    }),
  })
  .map(({ crash, omit }): FailureSpec => ({
    nodes: NODES,
    eot: 4,
    eff: 3,
    maxCrashes: 1,
    crashes: crash ? [crash] : [],
    omissions: omit.map((o) => ({ from: o.from, to: o.from === 'a' ? 'b' : 'a', time: o.time })),
  }));

describe('evaluation properties', () => {
  it('semi-naive evaluation agrees with the naive oracle on tuples and derivations', () => {
    fc.assert(
      fc.property(programArb, specArb, (text, spec) => {
        const program = programOf(text);
        const ev = evaluate(program, spec);
        const naive = naiveEvaluate(program, spec);
        const tuples = new Set<string>();
        for (let id = 0; id < ev.db.size; id++) {
          const t = ev.db.tuple(id);
          tuples.add(tupleId(t.relation, t.values, t.time));
        }
        expect([...tuples].sort()).toEqual([...naive.tuples].sort());
        const derivations = ev.derivations.map((d) => {
          const head = ev.db.tuple(d.head);
          const body = d.body.map((b) => {
            const t = ev.db.tuple(b);
            return tupleId(t.relation, t.values, t.time);
          });
          return JSON.stringify([d.rule, tupleId(head.relation, head.values, head.time), body]);
        });
        expect(new Set(derivations).size).toBe(derivations.length); // each instance once
        expect(derivations.sort()).toEqual([...naive.derivations].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('every derivation re-derives its head from its body tuples', () => {
    fc.assert(
      fc.property(programArb, specArb, (text, spec) => {
        const program = programOf(text);
        const ev = evaluate(program, spec);
        for (const d of ev.derivations) {
          const rule = program.rules[d.rule]!;
          const head = ev.db.tuple(d.head);
          const bodyTuples = d.body.map((b) => ev.db.tuple(b));
          const positives = rule.body.filter((b) => b.kind === 'body-atom' && !b.negated);
          expect(bodyTuples.map((t) => t.relation)).toEqual(
            positives.map((p) => p.kind === 'body-atom' && p.atom.relation),
          );
          // Re-derive: bind variables from the body tuples, then evaluate the head.
          const env = new Map<string, Value>();
          positives.forEach((p, i) => {
            if (p.kind !== 'body-atom') return;
            p.atom.args.forEach((a, c) => {
              const v = bodyTuples[i]!.values[c]!;
              if (a.kind === 'var') {
                if (env.has(a.name)) expect(env.get(a.name)).toBe(v);
                env.set(a.name, v);
              } else if (a.kind === 'const') expect(a.value).toBe(v);
            });
          });
          const headValues = rule.head.args.map((a) => {
            if (a.kind === 'var') return env.get(a.name);
            if (a.kind === 'const') return a.value;
            if (a.kind === 'binary' && a.left.kind === 'var' && a.right.kind === 'const')
              return (env.get(a.left.name) as number) + (a.right.value as number);
            return undefined;
          });
          expect(headValues).toEqual(head.values);
          const t = bodyTuples[0]?.time ?? head.time;
          expect(head.time).toBe(rule.headTime === 'now' ? t : t + 1);
          for (const n of d.negated)
            expect(
              ev.db
                .relationAt(n.relation, n.time)
                .some((id) =>
                  ev.db.tuple(id).values.every((v, i) => n.values[i] === null || n.values[i] === v),
                ),
            ).toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});
