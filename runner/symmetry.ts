// Symmetry reduction (SPEC §5.4): two nodes are interchangeable when no rule names either as a
// constant and swapping them maps the program's facts onto themselves. Interchangeable nodes form
// classes; fault sets equal up to a permutation within classes are explored once.
import type { Program, Term, Value } from '../datalog/ast.js';
import type { FaultSet, Omission } from '../datalog/types.js';
import { faultKey } from './faults.js';

/** Classes of mutually interchangeable nodes (singletons omitted), deterministic order. */
export function interchangeableClasses(program: Program, nodes: readonly string[]): string[][] {
  const named = new Set<Value>();
  const visit = (t: Term): void => {
    if (t.kind === 'const') named.add(t.value);
    else if (t.kind === 'binary') {
      visit(t.left);
      visit(t.right);
    }
  };
  for (const r of program.rules) {
    r.head.args.forEach(visit);
    for (const b of r.body) {
      if (b.kind === 'compare') [b.left, b.right].forEach(visit);
      else b.atom.args.forEach(visit);
    }
  }
  const factKeys = new Set(program.facts.map((f) => factKey(f.atom.relation, f.atom.args, f.time)));
  const swapInvariant = (a: string, b: string): boolean => {
    const swap = new Map([
      [a, b],
      [b, a],
    ]);
    return program.facts.every((f) => {
      const args = f.atom.args.map((t) =>
        t.kind === 'const' && typeof t.value === 'string' ? { ...t, value: swap.get(t.value) ?? t.value } : t,
      );
      return factKeys.has(factKey(f.atom.relation, args, f.time));
    });
  };
  const classes: string[][] = [];
  for (const n of nodes) {
    if (named.has(n)) continue;
    const home = classes.find((c) => swapInvariant(c[0]!, n));
    if (home) home.push(n);
    else classes.push([n]);
  }
  return classes.filter((c) => c.length > 1);
}

function factKey(relation: string, args: readonly Term[], time: number | null): string {
  return JSON.stringify([relation, time, args.map((t) => (t.kind === 'const' ? t.value : null))]);
}

/**
 * A key equal for fault sets equal up to permuting nodes within their classes, in O(n + k log k) for
 * n nodes and k faults (no permutation is enumerated: 13 interchangeable nodes have 13! of them). Each class's nodes
 * are ranked by what the fault set does to them (their crash times, then the messages they lose, with
 * the other end named by its class), refined once by the ranks of the other ends, and renamed to the
 * class's members in rank order. The key is that of an image of the fault set, so equal keys always
 * mean equivalent sets; nodes the signature cannot tell apart keep their order, so rare equivalent
 * sets may keep distinct keys (explored twice, never skipped wrongly).
 */
export function canonicalKey(f: FaultSet, classes: readonly (readonly string[])[]): string {
  const classOf = new Map<string, number>();
  classes.forEach((c, i) => c.forEach((n) => classOf.set(n, i)));
  // The name of an end outside every class (it is never renamed), else its class and current rank.
  let rank = new Map<string, number>();
  const end = (n: string): string => {
    const c = classOf.get(n);
    return c === undefined ? `=${n}` : `${c}:${rank.get(n) ?? ''}`;
  };
  // What happens to each node, gathered in one pass over the faults.
  const touching = new Map<string, { crashes: number[]; out: Omission[]; in: Omission[] }>();
  const at = (n: string) => {
    let t = touching.get(n);
    if (!t) touching.set(n, (t = { crashes: [], out: [], in: [] }));
    return t;
  };
  for (const c of f.crashes) at(c.node).crashes.push(c.time);
  for (const o of f.omissions) {
    at(o.from).out.push(o);
    at(o.to).in.push(o);
  }
  const signature = (n: string): string => {
    const t = touching.get(n);
    if (!t) return '';
    return [
      t.crashes.map(String),
      t.out.map((o) => `${o.time}>${end(o.to)}`),
      t.in.map((o) => `${o.time}<${end(o.from)}`),
    ]
      .map((part) => part.sort().join(' '))
      .join('|');
  };
  let rename = new Map<string, string>();
  for (let round = 0; round < 2; round++) {
    const next = new Map<string, number>();
    rename = new Map();
    for (const cls of classes) {
      const signatures = new Map(cls.map((n) => [n, signature(n)]));
      const ordered = [...cls].sort((a, b) => compare(signatures.get(a)!, signatures.get(b)!));
      ordered.forEach((n, i) => {
        next.set(n, i);
        rename.set(n, cls[i]!);
      });
    }
    rank = next;
  }
  const m = (n: string): string => rename.get(n) ?? n;
  return faultKey({
    crashes: f.crashes.map((c) => ({ node: m(c.node), time: c.time })),
    omissions: f.omissions.map((o) => ({ from: m(o.from), to: m(o.to), time: o.time })),
  });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
