// Table-driven parser tests: shapes of parsed clauses, and syntax errors pinned to line and column.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { BodyAtom, Comparison, Fact, Rule, Term } from '../datalog/syntax/types.js';
import { checkProgram } from '../datalog/syntax/check.js';
import { parseSource } from '../datalog/syntax/parse.js';
import { printSourceFile } from '../datalog/syntax/print.js';

function parseOk(text: string) {
  const { file, diagnostics } = parseSource('t.ded', text);
  expect(diagnostics).toEqual([]);
  return file.clauses;
}

function rule(text: string): Rule {
  const [clause] = parseOk(text);
  expect(clause?.kind).toBe('rule');
  return clause as Rule;
}

/** A compact rendering of a term, to compare structure without spans. */
function shape(t: Term): string {
  switch (t.kind) {
    case 'var':
      return t.name;
    case 'wildcard':
      return '_';
    case 'const':
      return typeof t.value === 'string' ? JSON.stringify(t.value) : String(t.value);
    case 'aggregate':
      return `${t.fn}<${t.arg.name}>`;
    case 'binary':
      return `(${shape(t.left)} ${t.op} ${shape(t.right)})`;
  }
}

describe('clauses', () => {
  test('include, fact, rules with each head time', () => {
    const clauses = parseOk(`include "lib/x.ded";
node("a", "b")@1;
log(N, P)@next :- log(N, P);
log(B, P)@async :- bcast(A, P), node(A, B);
log(N, P) :- bcast(N, P);`);
    expect(clauses.map((c) => c.kind)).toEqual(['include', 'fact', 'rule', 'rule', 'rule']);
    expect(clauses[0]).toMatchObject({ kind: 'include', path: 'lib/x.ded' });
    expect(clauses[1]).toMatchObject({ kind: 'fact', time: 1, badSuffix: null });
    expect((clauses[1] as Fact).atom.args.map(shape)).toEqual(['"a"', '"b"']);
    expect(clauses.slice(2).map((c) => (c as Rule).headTime)).toEqual(['next', 'async', 'now']);
  });

  test('facts without a time or with @next keep what was written', () => {
    const [a, b, c] = parseOk('f(1); g(2)@next; h(3)@async;') as Fact[];
    expect([a!.time, a!.badSuffix, b!.badSuffix, c!.badSuffix]).toEqual([null, null, 'next', 'async']);
  });

  test('a head with @k is kept for the checker', () => {
    expect(rule('h(X)@3 :- b(X);').headTime).toEqual({ at: 3 });
  });

  test('notin and absolute times in bodies', () => {
    const r = rule('pre(X, P) :- log(X, P), notin bcast(X, P)@1, notin crash(X, X, _);');
    const atoms = r.body as BodyAtom[];
    expect(atoms.map((a) => [a.negated, a.atom.relation, a.time])).toEqual([
      [false, 'log', null],
      [true, 'bcast', 1],
      [true, 'crash', null],
    ]);
    expect(atoms[2]!.atom.args.map(shape)).toEqual(['X', 'X', '_']);
  });

  test('every unquoted word is a variable whatever its case; digits are integers', () => {
    const r = rule('h(x, Y, a.b, q?, _x, 007) :- b(x);');
    expect(r.head.args.map((t) => t.kind)).toEqual(['var', 'var', 'var', 'var', 'var', 'const']);
    expect(r.head.args.map(shape)).toEqual(['x', 'Y', 'a.b', 'q?', '_x', '7']);
  });

  test('comments anywhere whitespace may be', () => {
    const clauses = parseOk('/* a */ f(1)/*b*/@1; // c\n g(/* d */ 2)@2 ; // end');
    expect(clauses).toHaveLength(2);
  });
});

describe('terms', () => {
  test.each([
    ['T - 1', '(T - 1)'],
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['A - B - C', '((A - B) - C)'],
    ['A / B / C', '((A / B) / C)'],
    ['A - (B - C)', '(A - (B - C))'],
    ['count<I>', 'count<I>'],
    ['max<Os>', 'max<Os>'],
    ['"s p a c e"', '"s p a c e"'],
  ])('%s', (source, expected) => {
    expect(shape(rule(`h(${source}) :- b(X);`).head.args[0]!)).toBe(expected);
  });

  test.each([
    ['A != B', '!=', 'A', 'B'],
    ['C > N / 2', '>', 'C', '(N / 2)'],
    ['Time - Last > 1', '>', '(Time - Last)', '1'],
    ['A <= B', '<=', 'A', 'B'],
    ['A >= B', '>=', 'A', 'B'],
    ['min < max', '<', 'min', 'max'],
    ['"x" == X', '==', '"x"', 'X'],
  ])('comparison %s', (source, op, left, right) => {
    const c = rule(`h(X) :- b(X), ${source};`).body[1] as Comparison;
    expect([c.op, shape(c.left), shape(c.right)]).toEqual([op, left, right]);
  });
});

describe('spans', () => {
  const text = 'log(N, P)@next :-\n  log(N, P),\n  notin crash(N, _, T)@2,\n  T > 1 + N;';
  const r = rule(text);
  const at = (s: { span: { line: number; col: number; endLine: number; endCol: number } }) => [
    s.span.line,
    s.span.col,
    s.span.endLine,
    s.span.endCol,
  ];
  test.each([
    ['rule', r, [1, 1, 4, 13]],
    ['head', r.head, [1, 1, 1, 10]],
    ['head arg P', r.head.args[1]!, [1, 8, 1, 9]],
    ['first body atom', r.body[0]!, [2, 3, 2, 12]],
    ['notin atom with time', r.body[1]!, [3, 3, 3, 25]],
    ['its atom', (r.body[1] as BodyAtom).atom, [3, 9, 3, 23]],
    ['its wildcard', (r.body[1] as BodyAtom).atom.args[1]!, [3, 18, 3, 19]],
    ['comparison', r.body[2]!, [4, 3, 4, 12]],
    ['right side', (r.body[2] as Comparison).right, [4, 7, 4, 12]],
  ])('%s', (_name, node, expected) => {
    expect(at(node)).toEqual(expected);
  });
});

describe('syntax errors', () => {
  test.each([
    ['x(A) :- y(A) foo;', 1, 14, "expected ';' or ',' after body item, found 'foo'"],
    ['bad(X :- z(X);', 1, 7, "expected ')' or ',' in the arguments of 'bad', found ':-'"],
    ['f(1)@1', 1, 7, "expected ';' or ':-' after the head, found end of file"],
    ['h(X)@later :- b(X);', 1, 6, "expected 'next', 'async' or an integer time after '@', found 'later'"],
    [
      'h(X) :- b(X)@next;',
      1,
      14,
      "expected an integer time after '@' in a rule body (only heads take @next or @async), found 'next'",
    ],
    [
      'h(X) :- X;',
      1,
      10,
      "expected a comparison ('==', '!=', '<', '>', '<=', '>=') in a rule body, found ';'",
    ],
    ['12(X) :- b(X);', 1, 1, "expected a fact or a rule head, found '12'"],
    [
      'notin h(X) :- b(X);',
      1,
      1,
      "expected a fact or a rule head (only body atoms take 'notin'), found 'notin'",
    ],
    ['h(X) :- b(X), ;', 1, 15, "expected a term (a variable, a constant or an expression), found ';'"],
    ['h("x) :- b(X);', 1, 3, "unterminated string: add the closing '\"'"],
    ['h(X) :- b(X); /* never closed', 1, 15, "unterminated comment: add '*/'"],
    ['h(X) :- b(X) & c(X);', 1, 14, "unexpected character '&'"],
    ['h(count<1>) :- b(X);', 1, 9, "aggregate 'count' needs a variable inside '<>', found '1'"],
    ['f(99999999999999999999)@1;', 1, 3, 'integer 99999999999999999999 is too large'],
    [
      `f(${'('.repeat(2000)}1${')'.repeat(2000)})@1;`,
      1,
      1003,
      'expression too large (over 1000 operators and parentheses); split it over several rules',
    ],
  ])('%s', (text, line, col, message) => {
    const { diagnostics } = parseSource('t.ded', text);
    expect(diagnostics[0]).toMatchObject({ code: expect.stringMatching(/^E0(01|19)$/), message });
    expect([diagnostics[0]!.span!.line, diagnostics[0]!.span!.col]).toEqual([line, col]);
  });

  test('recovers at the next ; and reports every broken clause', () => {
    const { file, diagnostics } = parseSource('t.ded', 'a(X) :- ;\nb(1)@1;\nc(X :- d(X);\ne(2)@2;\nf(');
    expect(diagnostics.map((d) => [d.span!.line, d.span!.col])).toEqual([
      [1, 9],
      [3, 5],
      [5, 3],
    ]);
    expect(file.clauses.map((c) => (c as Fact).atom.relation)).toEqual(['b', 'e']);
  });
});

describe('robustness', () => {
  const fragments = [
    'a',
    'X',
    '_',
    '12',
    '"s"',
    '"',
    '(',
    ')',
    ',',
    ';',
    ':-',
    '@',
    'next',
    'notin',
    'include',
  ];
  const more = ['count', '<', '>', '=', '!', '+', '-', '*', '/', '//', '/*', '*/', ' ', '\n', '\t', '&'];
  const noise = fc.array(fc.constantFrom(...fragments, ...more), { maxLength: 60 }).map((p) => p.join(''));
  // Well-formed clauses with a few characters overwritten: mostly valid, with errors in odd places.
  const clause = fc
    .tuple(
      fc.constantFrom('h(X, 1)', 'g(Y)', 'f("a")', 'pre(X)'),
      fc.constantFrom('', '@next', '@async', '@3'),
      fc.option(
        fc.array(fc.constantFrom('b(X)', 'notin c(X, _)', 'X > 1 + Y', 'd(X, Y)@1', 'g(count<X>)'), {
          minLength: 1,
          maxLength: 3,
        }),
      ),
    )
    .map(([head, time, body]) => `${head}${time}${body ? ` :- ${body.join(', ')}` : ''};`);
  const edit = fc.tuple(fc.nat(), fc.constantFrom(...fragments, ...more, ''));
  const damaged = fc
    .tuple(fc.array(clause, { maxLength: 5 }), fc.array(edit, { maxLength: 3 }))
    .map(([clauses, edits]) =>
      edits.reduce((text, [at, replacement]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        return text.slice(0, i) + replacement + text.slice(i + 1);
      }, clauses.join('\n')),
    );
  const soup = fc.oneof(noise, damaged);

  test('any text parses and checks without throwing, every error placed inside the file', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const { file, diagnostics } = parseSource('r.ded', text);
        const rules = file.clauses.filter((c): c is Rule => c.kind === 'rule');
        const facts = file.clauses.filter((c): c is Fact => c.kind === 'fact');
        checkProgram({ files: [file], rules, facts }, { strict: true });
        const lines = text.split('\n');
        for (const d of diagnostics) {
          expect(['E001', 'E019']).toContain(d.code);
          expect(d.span!.line).toBeGreaterThanOrEqual(1);
          expect(d.span!.line).toBeLessThanOrEqual(lines.length);
          expect(d.span!.col).toBeLessThanOrEqual(lines[d.span!.line - 1]!.length + 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('whatever parsed prints back to the same clauses', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const { file, diagnostics } = parseSource('r.ded', text);
        fc.pre(diagnostics.every((d) => d.code !== 'E019'));
        const again = parseSource('r.ded', printSourceFile(file));
        expect(again.diagnostics).toEqual([]);
        expect(withoutSpans(again.file.clauses)).toEqual(withoutSpans(file.clauses));
      }),
      { numRuns: 500 },
    );
  });
});

const withoutSpans = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v)));
