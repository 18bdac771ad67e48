// Hostile programs, generated at any size: the fast table (hostile.test.ts) runs them scaled down,
// the slow project (hostile.slow.test.ts) at the sizes the issue reported.

/** `n(N, X + 1) :- n(N, X);`: derives without end. */
export const FOREVER = [
  'n("a", 1)@1;',
  'n(N, X + 1) :- n(N, X);',
  'pre(N) :- n(N, 1);',
  'post(N) :- n(N, 1);',
].join('\n');

/** Squaring from 2: 2^64 after six steps, far past the exact integers. */
export const SQUARING = [
  'sq("a", 2)@1;',
  'sq(N, X * X)@next :- sq(N, X);',
  'pre(N) :- sq(N, _);',
  'post(N) :- sq(N, _);',
].join('\n');

/** A broadcast that loses a message under one omission (SPEC's delivery example, one file). */
export const DELIVERY = [
  'delivered(Node, Msg) :- broadcast(Node, Msg);',
  'delivered(Peer, Msg)@async :- broadcast(Node, Msg), peer(Node, Peer);',
  'delivered(Node, Msg)@next :- delivered(Node, Msg);',
  'peer("a", "b")@1;',
  'peer("a", "c")@1;',
  'peer(Node, Other)@next :- peer(Node, Other);',
  'broadcast("a", "hello")@1;',
  'intended(Peer, Msg) :- broadcast(Node, Msg), peer(Node, Peer);',
  'intended(Peer, Msg)@next :- intended(Peer, Msg);',
  'pre(Node, Msg) :- intended(Node, Msg);',
  'post(Node, Msg) :- intended(Node, Msg), delivered(Node, Msg);',
].join('\n');

/** DELIVERY without the delivery in `post`: tolerant, so an exhaustive search runs every set. */
export const TOLERANT_DELIVERY = DELIVERY.replace(/^post.*$/m, 'post(Node, Msg) :- intended(Node, Msg);');

/** Relations named like Object.prototype's members, as heads, bodies, negations and aggregates. */
export const OBJECT_KEYS = [
  'constructor("a", 1)@1;',
  '__proto__("a", 2)@1;',
  'hasOwnProperty("a", 3)@1;',
  'constructor(N, X)@next :- constructor(N, X);',
  'toString(N, count<X>) :- constructor(N, X);',
  'valueOf(N) :- __proto__(N, _), notin hasOwnProperty(N, 4);',
  'pre(N) :- valueOf(N);',
  'post(N) :- toString(N, _), valueOf(N);',
].join('\n');

/** `r0` … `r{n-1}`, each read by the next: one stratum per relation. */
export function chain(n: number): string {
  const lines = ['r0("a", 1)@1;'];
  for (let i = 1; i < n; i++) lines.push(`r${i}(N, X) :- r${i - 1}(N, X);`);
  lines.push(`pre(N) :- r${n - 1}(N, _);`, `post(N) :- r${n - 1}(N, _);`);
  return lines.join('\n');
}

/** Files f0 … f{n-1}, each including the next; the last holds the program. */
export function includeChain(n: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n - 1; i++) files[`f${i}.ded`] = `include "f${i + 1}.ded";\n`;
  files[`f${n - 1}.ded`] = 'node("a")@1;\npre(N) :- node(N);\npost(N) :- node(N);\n';
  return files;
}

/** `n` facts of one relation at one time step. */
export function manyFacts(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`big("a", ${i})@1;`);
  lines.push('pre(N) :- big(N, 0);', 'post(N) :- big(N, 0);');
  return lines.join('\n');
}

/** `n` syntax errors, one a line. */
export function syntaxErrors(n: number): string {
  return 'x(;\n'.repeat(n);
}

/** One line of `n` characters with a syntax error at its end. */
export function longLine(n: number): string {
  return `a("${'y'.repeat(n)}") b;\n`;
}

/** Every node holds a value and tells the first node: every other node interchangeable. */
export function symmetric(nodes: readonly string[]): string {
  return [
    ...nodes.map((n) => `value("${n}", 1)@1;`),
    ...nodes.slice(1).map((n) => `leader("${n}", "${nodes[0]}")@1;`),
    'value(N, V)@next :- value(N, V);',
    'leader(N, L)@next :- leader(N, L);',
    'heard(L, N)@async :- value(N, _), leader(N, L);',
    'heard(L, N)@next :- heard(L, N);',
    'pre(L, N) :- leader(N, L);',
    'post(L, N) :- leader(N, L), heard(L, N);',
  ].join('\n');
}
