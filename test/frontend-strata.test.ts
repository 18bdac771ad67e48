// Stratification: order of deductive rules within a time step, and cycles through negation.
import { describe, expect, test } from 'vitest';
import type { Rule } from '../datalog/syntax/types.js';
import { parseSource } from '../datalog/syntax/parse.js';
import { stratify } from '../datalog/syntax/strata.js';

function rulesOf(text: string): Rule[] {
  const { file, diagnostics } = parseSource('s.ded', text);
  expect(diagnostics).toEqual([]);
  return file.clauses.filter((c): c is Rule => c.kind === 'rule');
}

describe('strata', () => {
  test.each([
    ['independent rules keep program order', 'a(X) :- e(X);\nb(X) :- e(X);', [[0], [1]]],
    ['a reader comes after what it reads', 'b(X) :- a(X);\na(X) :- e(X);', [[1], [0]]],
    ['mutual recursion is one stratum', 'p(X) :- q(X);\nq(X) :- p(X);\nq(X) :- e(X);', [[0, 1, 2]]],
    ['negation waits for the negated relation', 'm(X) :- e(X), notin l(X);\nl(X) :- e(X);', [[1], [0]]],
    [
      'an aggregate waits for its body',
      'c(H, count<I>) :- v(H, I);\nv(H, I) :- w(H, I);\nz(H) :- e(H);',
      [[1], [0], [2]],
    ],
    [
      '@next and @async rules are in no stratum',
      'a(X)@next :- a(X);\nb(X)@async :- a(X);\nc(X) :- a(X);',
      [[2]],
    ],
    ['a body atom read @k still orders', 'b(X) :- a(X)@1;\na(X) :- e(X);', [[1], [0]]],
    [
      'ties broken by first rule index',
      'd(X) :- c(X);\nc(X) :- a(X), b(X);\nb(X) :- e(X);\na(X) :- e(X);',
      [[2], [3], [1], [0]],
    ],
  ])('%s', (_name, text, expected) => {
    const { strata, cycle } = stratify(rulesOf(text));
    expect(strata).toEqual(expected);
    expect(cycle).toBeNull();
  });
});

describe('negative cycles', () => {
  test('through notin, with the offending atom first', () => {
    const { cycle } = stratify(rulesOf('a(X) :- e(X), notin b(X);\nb(X) :- c(X);\nc(X) :- a(X);'));
    expect(cycle?.map((s) => [s.relation, s.negated, s.span.line, s.span.col])).toEqual([
      ['a', true, 1, 15],
      ['b', false, 2, 9],
      ['c', false, 3, 9],
    ]);
  });

  test('one cycle per component', () => {
    const { cycles } = stratify(
      rulesOf('a(X) :- e(X), notin a(X);\nb(X) :- e(X), notin c(X);\nc(X) :- b(X);'),
    );
    expect(cycles.map((c) => c.map((s) => s.relation))).toEqual([['a'], ['b', 'c']]);
  });

  test('a relation negating itself', () => {
    const { cycle } = stratify(rulesOf('a(X) :- e(X), notin a(X);'));
    expect(cycle?.map((s) => [s.relation, s.negated])).toEqual([['a', true]]);
  });

  test('through an aggregate', () => {
    const { cycle } = stratify(rulesOf('c(H, count<I>) :- c(H, I);'));
    expect(cycle?.map((s) => [s.relation, s.negated, s.aggregate])).toEqual([['c', true, true]]);
  });

  test('negation across time steps is fine', () => {
    const { cycle } = stratify(rulesOf('a(X)@next :- e(X), notin b(X);\nb(X) :- a(X);'));
    expect(cycle).toBeNull();
  });

  test('strata still cover every deductive rule', () => {
    const { strata } = stratify(rulesOf('a(X) :- e(X), notin b(X);\nb(X) :- a(X);\nz(X) :- e(X);'));
    expect(strata.flat().sort()).toEqual([0, 1, 2]);
  });
});
