// Checker: one row per kind of user error, pinned to code, line, column and message.
import { describe, expect, test } from 'vitest';
import { checkProgram } from '../datalog/syntax/check.js';
import { loadProgram } from '../datalog/syntax/load.js';

const SPEC = 'pre(X) :- e(X);\npost(X) :- e(X);\n';

/** Checks `text` (after the spec rules, so its line numbers start at 3). */
function check(text: string, options: { strict?: boolean } = {}) {
  const { program, diagnostics } = loadProgram(['c.ded'], { read: () => SPEC + text });
  expect(diagnostics).toEqual([]);
  return checkProgram(program, options);
}

const pin = (d: { code: string; span: { line: number; col: number } | null; message: string }) => [
  d.code,
  d.span?.line,
  d.span?.col,
  d.message,
];

describe('accepted', () => {
  test('a well-formed protocol has no diagnostics', () => {
    const text = `node("a", "b")@1;
node(N, M)@next :- node(N, M);
log(N, P)@next :- log(N, P);
log(B, P)@async :- bcast(A, P), node(A, B);
log(N, P) :- bcast(N, P);
bcast("a", "hi")@1;
cnt(N, count<P>) :- log(N, P);
t(H, T - 1)@next :- t(H, T), T > 1;
t("a", 3)@1;
missing(A, P) :- log(X, P), node(X, A), notin log(A, P), notin crash(A, A, _);
late(X) :- clock(X, Y, S, D), crash(X, Y, C), S > C, D == S + 1, notin node(X, _)@1;`;
    expect(check(text)).toEqual([]);
  });
});

describe('errors', () => {
  test.each([
    [
      'h(X, Y) :- b(X);',
      'E010',
      3,
      6,
      "variable 'Y' in the head of 'h' is not bound by a positive body atom; add an atom that binds it",
    ],
    [
      'h(_) :- b(X);',
      'E010',
      3,
      3,
      "wildcard '_' in the head of 'h' matches nothing; use a variable bound by a positive body atom",
    ],
    [
      'h(X) :- b(X), notin c(X, Y), notin d(Y);',
      'E010',
      3,
      26,
      "variable 'Y' in 'notin c' is not bound by a positive body atom (a variable written only inside one notin means \"any value\", but it occurs in more than one notin); add an atom that binds it",
    ],
    [
      'h(X) :- b(X), notin c(X, Y), Y > 1;',
      'E010',
      3,
      26,
      "variable 'Y' in 'notin c' is not bound by a positive body atom (a variable written only inside one notin means \"any value\", but it also occurs in a comparison or an expression); add an atom that binds it",
    ],
    [
      'h(X) :- b(X), X > Y;',
      'E010',
      3,
      19,
      "variable 'Y' in a comparison is not bound by a positive body atom; add an atom that binds it",
    ],
    [
      'h(X) :- b(X), c(X, Y + 1);',
      'E010',
      3,
      20,
      "variable 'Y' in an expression in 'c' is not bound by a positive body atom; add an atom that binds it",
    ],
    [
      'h(X) :- b(X);\nh(X, Y) :- b(X), c(Y);',
      'E011',
      4,
      1,
      "'h' is used with 2 columns here but with 1 at c.ded:3:1; use one arity per relation",
    ],
    [
      'h(X) :- clock(X, Y, T);',
      'E011',
      3,
      9,
      "'clock' has 4 columns (from, to, sendTime, deliverTime), but is used here with 3",
    ],
    [
      'h(X) :- crash(X);',
      'E011',
      3,
      9,
      "'crash' has 3 columns (observer, node, crashTime), but is used here with 1",
    ],
    [
      'f("a")@1;\nf(1)@1;',
      'E012',
      4,
      3,
      "column 1 of 'f' holds both strings and integers; use one type per column",
    ],
    [
      'f("a")@1;\ng(X) :- f(X), X > 2;',
      'E012',
      4,
      19,
      'this comparison holds both strings and integers; use one type per column',
    ],
    [
      'g(X, T) :- clock(X, _, T, _);\ng(X, "late") :- b(X);',
      'E012',
      4,
      6,
      "column 2 of 'g' holds both strings and integers: 'clock' column 3 (sendTime) is a time; use one type per column",
    ],
    [
      'a(X) :- e(X), notin b(X);\nb(X) :- a(X);\ne("a")@1;',
      'E013',
      3,
      15,
      "cannot be stratified: 'a' depends on 'notin b' in a cycle a -> b -> a; break the cycle, or read 'b' at the next step with an @next rule",
    ],
    [
      'c(X, count<Y>) :- c(X, Y);\nc("a", 1)@1;',
      'E013',
      3,
      19,
      "cannot be stratified: 'c' aggregates over 'c' in a cycle c -> c; break the cycle, or read 'c' at the next step with an @next rule",
    ],
    [
      'clock(A, B, 1, 2) :- node(A, B);',
      'E014',
      3,
      1,
      "'clock' is provided by the engine and cannot be defined; rename the relation",
    ],
    [
      'crash("a", "a", 1)@1;',
      'E014',
      3,
      1,
      "'crash' is provided by the engine and cannot be defined; rename the relation",
    ],
    ['f("a");', 'E015', 3, 1, "fact 'f' has no time; add one, e.g. 'f(…)@1;'"],
    [
      'f("a")@next;',
      'E015',
      3,
      1,
      "fact 'f' cannot hold '@next'; give its time ('@1') or make it a rule with ':-'",
    ],
    [
      'h(X)@2 :- b(X);',
      'E016',
      3,
      1,
      "rule head 'h' cannot hold at the absolute time '@2'; use '@next', '@async' or no suffix (facts take '@k')",
    ],
    [
      'h(X) :- b(X), c(count<X>);',
      'E019',
      3,
      17,
      "aggregate 'count<X>' in a rule body; aggregates are whole columns of a rule head, e.g. 'n(X, count<X>) :- …'",
    ],
    [
      'h(X, 1 + max<X>) :- b(X);',
      'E019',
      3,
      10,
      "aggregate 'max<X>' inside an expression; aggregates are whole columns of a rule head, e.g. 'n(X, max<X>) :- …'",
    ],
    ['f(count<X>)@1;', 'E019', 3, 3, "aggregates only appear in rule heads; fact 'f' must list constants"],
    [
      'f(X)@1;',
      'E020',
      3,
      3,
      "fact 'f' holds variable 'X'; facts hold constants only (or make it a rule with ':-')",
    ],
    [
      'f(_)@1;',
      'E020',
      3,
      3,
      "fact 'f' holds wildcard '_'; facts hold constants only (or make it a rule with ':-')",
    ],
    ['f(1 + 2)@1;', 'E020', 3, 3, "fact 'f' holds an expression; write its value as a constant"],
  ])('%s', (text, code, line, col, message) => {
    const diagnostics = check(text);
    expect(diagnostics.map(pin)).toContainEqual([code, line, col, message]);
    expect(diagnostics.every((d) => d.severity === 'error')).toBe(true);
  });

  test('a conflict points at one side and notes the other', () => {
    const [d] = check('f("a")@1;\ng(X) :- f(X);\ng(2)@1;');
    expect(d?.code).toBe('E012');
    expect([d?.span?.line, d?.span?.col]).toEqual([5, 3]);
    expect(d?.related.map((r) => [r.message, r.span.line, r.span.col])).toEqual([['"a" is a string', 3, 3]]);
  });

  test('every error is reported, in source order', () => {
    const codes = check('f(X);\nh(Y) :- b(X);\nclock("a", "b", 3, 4)@1;').map((d) => [d.code, d.span?.line]);
    expect(codes).toEqual([
      ['E015', 3],
      ['E020', 3],
      ['E010', 4],
      ['E014', 5],
    ]);
  });

  test('a variable is reported once per rule', () => {
    expect(check('h(Y, Y) :- b(X), Y > 1;').map((d) => d.code)).toEqual(['E010']);
  });
});

describe('specification', () => {
  const load = (text: string) => loadProgram(['s.ded'], { read: () => text }).program;
  test.each([
    ['e(1)@1;', ['E017 pre', 'E017 post']],
    ['pre(X) :- e(X);', ['E017 post']],
    ['post(1)@1;\npre(X) :- e(X);', []],
  ])('%s', (text, expected) => {
    const found = checkProgram(load(text)).map((d) => `${d.code} ${/'(pre|post)'/.exec(d.message)?.[1]}`);
    expect(found).toEqual(expected);
  });

  test('pre and post differ in arity', () => {
    const [d] = checkProgram(load('pre(X) :- e(X);\npost(X, X) :- e(X);'));
    expect(d && pin(d)).toEqual([
      'E018',
      2,
      1,
      "'post' has 2 columns but 'pre' has 1; give them the same columns",
    ]);
  });

  test('E017 points at the start of the first file', () => {
    const [d] = checkProgram(load('pre(X) :- e(X);'));
    expect(d?.span).toEqual({ file: 's.ded', line: 1, col: 1, endLine: 1, endCol: 1 });
  });

  test('requireSpec: false skips it', () => {
    expect(checkProgram(load('e(1)@1;'), { requireSpec: false })).toEqual([]);
  });
});

describe('strict locality', () => {
  test.each([
    [
      'h(X, Y) :- a(X, Y), b(Y);',
      3,
      21,
      "rule for 'h' is not local: 'b' is read at 'Y' but the rule runs at 'X' (the first column of its first body atom); read only local state, or send it with @async",
    ],
    [
      'h(Y)@next :- a(X, Y);',
      3,
      1,
      "rule for 'h' is not local: it derives at 'Y' but the rule runs at 'X' (the first column of its first body atom); use @async to send to another node",
    ],
  ])('%s', (text, line, col, message) => {
    expect(check(text, { strict: true }).map(pin)).toEqual([['W001', line, col, message]]);
    expect(check(text)).toEqual([]);
  });

  test('the specification may observe every node', () => {
    expect(check('pre(Y) :- a(X, Y), b(Y);', { strict: true })).toEqual([]);
  });

  test('local and @async rules pass', () => {
    expect(check('h(X, Y) :- a(X, Y), b(X);\nh(Y, X)@async :- a(X, Y);', { strict: true })).toEqual([]);
  });
});
