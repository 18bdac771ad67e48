// Printing: fixed examples, and the round trip parse(print(p)) = p (spans aside) for arbitrary syntax trees.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type {
  Aggregate,
  Atom,
  BodyItem,
  Clause,
  Fact,
  HeadTime,
  Include,
  Rule,
  Span,
  Term,
} from '../datalog/syntax/types.js';
import { parseSource } from '../datalog/syntax/parse.js';
import {
  printAtom,
  printBodyItem,
  printClause,
  printProgram,
  printRule,
  printSourceFile,
  printTerm,
} from '../datalog/syntax/print.js';

const span: Span = { file: 'g.ded', line: 1, col: 1, endLine: 1, endCol: 1 };

const word = fc.stringMatching(/^[A-Za-z0-9._?]{1,5}$/);
const name = word.filter((w) => !/^[0-9]+$/.test(w) && w !== '_');
const text = fc.string({ maxLength: 6 }).filter((s) => !s.includes('"') && !s.includes('\n'));
const time = fc.nat({ max: 99 });

const { term } = fc.letrec<{ term: Term; leaf: Term; binary: Term }>((tie) => ({
  term: fc.oneof({ depthSize: 'small', withCrossShrink: true }, tie('leaf'), tie('binary')),
  leaf: fc.oneof(
    name.map((n): Term => ({ kind: 'var', name: n, span })),
    fc.constant<Term>({ kind: 'wildcard', span }),
    fc.oneof(text, fc.nat()).map((value): Term => ({ kind: 'const', value, span })),
  ),
  binary: fc
    .record({ op: fc.constantFrom('+', '-', '*', '/' as const), left: tie('term'), right: tie('term') })
    .map((b): Term => ({ kind: 'binary', ...b, span })),
}));

const aggregate = fc
  .record({ fn: fc.constantFrom('count', 'sum', 'min', 'max', 'avg' as const), arg: name })
  .map(({ fn, arg }): Aggregate => ({ kind: 'aggregate', fn, arg: { kind: 'var', name: arg, span }, span }));

const atom = (args: fc.Arbitrary<Term>) =>
  fc
    .record({ relation: name, args: fc.array(args, { maxLength: 4 }) })
    .map((a): Atom => ({ kind: 'atom', ...a, span }));

const bodyItem: fc.Arbitrary<BodyItem> = fc.oneof(
  fc
    .record({ negated: fc.boolean(), atom: atom(term), time: fc.option(time) })
    .map((b): BodyItem => ({ kind: 'body-atom', ...b, span })),
  fc
    .record({ op: fc.constantFrom('==', '!=', '<', '>', '<=', '>=' as const), left: term, right: term })
    .map((c): BodyItem => ({ kind: 'compare', ...c, span })),
);

const headTime: fc.Arbitrary<HeadTime> = fc.oneof(
  fc.constantFrom<HeadTime>('now', 'next', 'async'),
  time.map((at) => ({ at })),
);

const rule = fc
  .record({
    head: atom(fc.oneof(term, aggregate)),
    headTime,
    body: fc.array(bodyItem, { minLength: 1, maxLength: 4 }),
  })
  .map((r): Rule => ({ kind: 'rule', ...r, span }));

const fact = fc
  .oneof(
    fc.record({ time: time.map((t): number | null => t), badSuffix: fc.constant(null) }),
    fc.record({
      time: fc.constant(null),
      badSuffix: fc.constantFrom(null, 'next' as const, 'async' as const),
    }),
  )
  .chain((when) => atom(term).map((a): Fact => ({ kind: 'fact', atom: a, ...when, span })));

const include = text.map((path): Include => ({ kind: 'include', path, span }));

const clause: fc.Arbitrary<Clause> = fc.oneof(rule, fact, include);

/** The tree without its positions. */
const withoutSpans = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v)));

function reparse(source: string): Clause[] {
  const { file, diagnostics } = parseSource('p.ded', source);
  expect(diagnostics).toEqual([]);
  return [...file.clauses];
}

describe('round trip', () => {
  test('parse(printSourceFile(f)) = f, spans aside', () => {
    fc.assert(
      fc.property(fc.array(clause, { maxLength: 6 }), (clauses) => {
        const printed = printSourceFile({ path: 'g.ded', text: '', clauses });
        expect(withoutSpans(reparse(printed))).toEqual(withoutSpans(clauses));
      }),
      { numRuns: 300 },
    );
  });

  test('parse(printProgram(p)) gives its facts, then its rules', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 3 }), fc.array(rule, { maxLength: 3 }), (facts, rules) => {
        const printed = printProgram({ files: [], facts, rules });
        expect(withoutSpans(reparse(printed))).toEqual(withoutSpans([...facts, ...rules]));
      }),
      { numRuns: 100 },
    );
  });
});

/** A node's span and printed text; an operand's span also covers parentheses the printer added. */
type Printed = readonly [Span, string, boolean];

function* printedNodes(clause: Clause): Generator<Printed> {
  yield [clause.span, printClause(clause), false];
  if (clause.kind === 'include') return;
  const atoms = clause.kind === 'fact' ? [clause.atom] : [clause.head];
  if (clause.kind === 'rule') {
    for (const item of clause.body) {
      yield [item.span, printBodyItem(item), false];
      if (item.kind === 'body-atom') atoms.push(item.atom);
      else yield* printedTerms([item.left, item.right], false);
    }
  }
  for (const a of atoms) {
    yield [a.span, printAtom(a), false];
    yield* printedTerms(a.args, false);
  }
}

function* printedTerms(terms: readonly Term[], operands: boolean): Generator<Printed> {
  for (const t of terms) {
    yield [t.span, printTerm(t), operands && t.kind === 'binary'];
    if (t.kind === 'binary') yield* printedTerms([t.left, t.right], true);
  }
}

test('spans cover exactly the printed text of each node', () => {
  fc.assert(
    fc.property(fc.array(clause, { maxLength: 4 }), (clauses) => {
      const source = printSourceFile({ path: 'g.ded', text: '', clauses });
      const lines = source.split('\n');
      for (const parsed of reparse(source)) {
        for (const [s, printed, mayParen] of printedNodes(parsed)) {
          expect(s.endLine).toBe(s.line);
          const covered = lines[s.line - 1]!.slice(s.col - 1, s.endCol - 1);
          expect(mayParen ? [printed, `(${printed})`] : [printed]).toContain(covered);
        }
      }
    }),
    { numRuns: 200 },
  );
});

describe('examples', () => {
  const first = (source: string) => reparse(source)[0] as Rule;
  test.each([
    ['log(B, P)@async :- bcast(A, P), node(A, B);', 'log(B, P)@async :- bcast(A, P), node(A, B);'],
    ['t(H,T-1)@next:-t(H,T),T>1;', 't(H, T - 1)@next :- t(H, T), T > 1;'],
    [
      'm(A) :- l(X), notin l(A)@2, notin crash(X, X, _);',
      'm(A) :- l(X), notin l(A)@2, notin crash(X, X, _);',
    ],
    ['c(H, count<I>) :- v(H, I), H != "a b";', 'c(H, count<I>) :- v(H, I), H != "a b";'],
  ])('%s', (source, expected) => {
    expect(printRule(first(source))).toBe(expected);
  });

  test.each([
    ['(A - B) - C', 'A - B - C'],
    ['A - (B - C)', 'A - (B - C)'],
    ['(A * B) + C', 'A * B + C'],
    ['A * (B + C)', 'A * (B + C)'],
    ['(A + B) / (C * D)', '(A + B) / (C * D)'],
  ])('%s', (source, expected) => {
    expect(printTerm(first(`h(${source}) :- b(A);`).head.args[0]!)).toBe(expected);
  });
});
