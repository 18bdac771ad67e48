// Symmetry reduction (SPEC §5.4): two nodes are interchangeable when no rule names either as a
// constant and swapping them maps the program's facts onto themselves. Interchangeable nodes form
// classes; fault sets equal up to a permutation within classes are explored once.
import type { Program, Term, Value } from '../datalog/syntax/types.js';
import type { FaultSet, Message, Omission } from '../datalog/eval/types.js';
import { faultKey } from '../datalog/eval/faults.js';

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

/** Rounds of refinement at most: each is O(k log k), and two or three settle any usual fault set. */
const MAX_REFINEMENTS = 8;

/**
 * A key equal for fault sets equal up to permuting nodes within their classes, in O(n + k log k) for
 * n nodes and k faults (no permutation is enumerated: 13 interchangeable nodes have 13! of them).
 * Each node gets a colour from what the fault set does to it (its crash times, the messages it loses
 * with the other end named by its class and colour), refined until the colours settle (colour
 * refinement, as in graph canonisation); each class's nodes are then renamed to the class's members
 * in colour order. The key is that of an image of the fault set, so equal keys always mean
 * equivalent sets; nodes that keep one colour but are not interchangeable within the set are ordered
 * by name, so rare equivalent sets may keep distinct keys (explored twice, never skipped wrongly).
 */
export function canonicalKey(f: FaultSet, classes: readonly (readonly string[])[]): string {
  const classOf = new Map<string, number>();
  classes.forEach((c, i) => c.forEach((n) => classOf.set(n, i)));
  let colour = new Map<string, number>();
  // The name of an end outside every class (it is never renamed), else its class and colour.
  const end = (n: string): string => {
    const c = classOf.get(n);
    return c === undefined ? `=${n}` : `${c}:${colour.get(n) ?? 0}`;
  };
  const touching = faultsByNode(f);
  const signature = (n: string): string => {
    const t = touching.get(n);
    if (!t) return `${colour.get(n) ?? 0}`;
    return [
      [String(colour.get(n) ?? 0)],
      t.crashes.map(String),
      t.out.map((o) => `${o.time}>${end(o.to)}`),
      t.in.map((o) => `${o.time}<${end(o.from)}`),
    ]
      .map((part) => part.sort().join(' '))
      .join('|');
  };
  let colours = 0;
  for (let round = 0; round < MAX_REFINEMENTS; round++) {
    const next = new Map<string, number>();
    let distinct = 0;
    for (const cls of classes) {
      const signatures = new Map(cls.map((n) => [n, signature(n)]));
      const ordered = [...new Set(signatures.values())].sort(compare);
      const dense = new Map(ordered.map((sig, i) => [sig, i]));
      for (const n of cls) next.set(n, dense.get(signatures.get(n)!)!);
      distinct += ordered.length;
    }
    colour = next;
    if (distinct === colours) break;
    colours = distinct;
  }
  const rename = new Map<string, string>();
  for (const cls of classes) {
    const ordered = [...cls].sort((a, b) => colour.get(a)! - colour.get(b)! || compare(a, b));
    ordered.forEach((n, i) => rename.set(n, cls[i]!));
  }
  return faultKey(imageOf(f, rename));
}

/** What happens to each node, gathered in one pass over the faults. */
function faultsByNode(f: FaultSet): Map<string, { crashes: number[]; out: Omission[]; in: Omission[] }> {
  const touching = new Map<string, { crashes: number[]; out: Omission[]; in: Omission[] }>();
  const at = (n: string): { crashes: number[]; out: Omission[]; in: Omission[] } => {
    let t = touching.get(n);
    if (!t) touching.set(n, (t = { crashes: [], out: [], in: [] }));
    return t;
  };
  for (const c of f.crashes) at(c.node).crashes.push(c.time);
  for (const o of f.omissions) {
    at(o.from).out.push(o);
    at(o.to).in.push(o);
  }
  return touching;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every permutation of the nodes within their classes but the identity; none past 120 (5! ). */
export function nodePermutations(classes: readonly (readonly string[])[]): Map<string, string>[] {
  let count = 1;
  for (const cls of classes) for (let k = 2; k <= cls.length; k++) count *= k;
  if (count > 120) return [];
  let perms: Map<string, string>[] = [new Map()];
  for (const cls of classes) {
    const next: Map<string, string>[] = [];
    for (const order of arrangements(cls))
      for (const p of perms) next.push(new Map([...p, ...cls.map((n, i) => [n, order[i]!] as const)]));
    perms = next;
  }
  return perms.slice(1);
}

function arrangements<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) =>
    arrangements([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [x, ...rest]),
  );
}

/** The fault set, then its images under each permutation (a run of an image is the image of its run). */
export function* imagesOf(
  f: FaultSet,
  permutations: readonly ReadonlyMap<string, string>[],
): Generator<FaultSet> {
  yield f;
  for (const p of permutations) yield imageOf(f, p);
}

/** A fault set with its nodes renamed by a permutation. */
export function imageOf(f: FaultSet, p: ReadonlyMap<string, string>): FaultSet {
  const m = (n: string): string => p.get(n) ?? n;
  return {
    crashes: f.crashes.map((c) => ({ node: m(c.node), time: c.time })),
    omissions: f.omissions.map((o) => ({ from: m(o.from), to: m(o.to), time: o.time })),
  };
}

/** Messages with their nodes renamed by a permutation. */
export function messagesImage(messages: readonly Message[], p: ReadonlyMap<string, string>): Message[] {
  return messages.map((s) => ({
    from: p.get(s.from) ?? s.from,
    to: p.get(s.to) ?? s.to,
    sendTime: s.sendTime,
  }));
}
