import { describe, expect, test } from 'vitest';
import { holdsUnder } from '../solver/index.js';
import { LineageBuilder } from './fixtures/solver/lineage.js';

const none = { crashes: [], omissions: [] };

describe('holdsUnder', () => {
  test('a base fact and a childless derivation hold; a message holds until omitted', () => {
    const g = new LineageBuilder();
    const fact = g.tuple();
    g.derivation();
    const message = g.message('a', 'b', 1);
    const delivered = g.derived(fact, message);
    const graph = g.build(delivered);
    expect([...holdsUnder(graph, none)]).toEqual([1, 1, 1, 1, 1]);
    const lost = holdsUnder(graph, { crashes: [], omissions: [{ from: 'a', to: 'b', time: 1 }] });
    expect([...lost]).toEqual([1, 1, 0, 0, 0]);
  });

  test('a crash cuts the messages its node sends at or after the crash', () => {
    const g = new LineageBuilder();
    g.message('a', 'b', 1);
    g.message('a', 'b', 3);
    g.message('b', 'a', 3);
    const graph = g.build();
    expect([...holdsUnder(graph, { crashes: [{ node: 'a', time: 2 }], omissions: [] })]).toEqual([1, 0, 1]);
    expect([...holdsUnder(graph, { crashes: [{ node: 'a', time: 3 }], omissions: [] })]).toEqual([1, 0, 1]);
  });

  test('a no-crash leaf without a time falls to any crash of its node, with a time only to that time', () => {
    const g = new LineageBuilder();
    g.noCrash('a');
    g.noCrash('a', 2);
    const graph = g.build();
    expect([...holdsUnder(graph, { crashes: [{ node: 'a', time: 5 }], omissions: [] })]).toEqual([0, 1]);
    expect([...holdsUnder(graph, { crashes: [{ node: 'a', time: 2 }], omissions: [] })]).toEqual([0, 0]);
    expect([...holdsUnder(graph, { crashes: [{ node: 'b', time: 2 }], omissions: [] })]).toEqual([1, 1]);
  });

  test('a cycle holds only when something outside it holds it up (least fixpoint)', () => {
    const g = new LineageBuilder();
    const message = g.message('a', 'b', 1);
    const p = g.tuple();
    const q = g.derived(p);
    g.addDerivation(p, g.derivation(q));
    g.addDerivation(p, g.derivation(message));
    const graph = g.build(q);
    expect(holdsUnder(graph, none)[q]).toBe(1);
    expect(holdsUnder(graph, { crashes: [], omissions: [{ from: 'a', to: 'b', time: 1 }] })[q]).toBe(0);
  });
});
