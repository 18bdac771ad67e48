// Stratification of the deductive ('now') rules: the order in which one time step computes its
// relations, so that `notin` and aggregates only ever read relations that are already complete.
//
// Expects: any rules (unchecked). Guarantees: every 'now' rule index but the dropped ones appears in
// exactly one stratum; a stratum is one strongly connected component of the dependency graph and
// comes after every stratum it reads; ties are broken by first rule index, so the same rules always
// give the same strata. `@next` / `@async` rules read the completed step and so belong to no stratum.
// Given the facts, a rule that can never fire is dropped where it would close a negative cycle
// (Molly's runtime accepts such programs); everywhere else it stays, harmless.
//
// Relations are numbered and kept in Maps (a relation may be called `constructor` or `__proto__`),
// and every traversal is a loop: a chain of 10,000 relations needs no call stack.
import type { BodyAtom, Fact, Rule, Span } from './types.js';
import { neverFiring } from './dead-rules.js';
import { MinHeap } from './queue.js';
import { componentsInDependencyOrder } from './scc.js';

/** One dependency on a cycle: `relation` reads the next element's relation at `span`. */
export interface CycleStep {
  readonly relation: string;
  readonly span: Span;
  readonly negated: boolean;
  /** True when the dependency is negative because `relation`'s head aggregates (not a `notin`). */
  readonly aggregate: boolean;
}

export interface Stratification {
  readonly strata: readonly (readonly number[])[];
  /** A cycle through a negative dependency (the first step is negative), or null when stratifiable. */
  readonly cycle: null | readonly CycleStep[];
  /** One such cycle per strongly connected component that has one (`cycle` is the first). */
  readonly cycles: readonly (readonly CycleStep[])[];
  /** Rules left out because they can never fire and would close a negative cycle, in rule order. */
  readonly dropped: readonly DroppedRule[];
}

export interface DroppedRule {
  readonly rule: number;
  /** Its positive atom whose relation can never hold. */
  readonly never: BodyAtom;
  /** The negative cycle it closed. */
  readonly cycle: readonly CycleStep[];
}

/** An edge head → body: the first place `head` reads `body`, preferring a negative read. */
interface Dependency {
  readonly head: number;
  readonly body: number;
  span: Span;
  negated: boolean;
  aggregate: boolean;
}

interface DependencyGraph {
  readonly names: string[];
  /** Edges in the order first read. */
  readonly edges: Dependency[];
  /** Per relation, the edges it reads (its successors). */
  readonly reads: Dependency[][];
}

/** `facts` lets rules that can never fire be dropped from negative cycles; without them none is. */
export function stratify(rules: readonly Rule[], facts?: readonly Fact[]): Stratification {
  const all = analyse(rules, new Set());
  if (all.cycles.length === 0 || facts === undefined) return { ...all, dropped: [] };
  const cycleOf = new Map(all.cycles.map((c) => [all.componentOf.get(c[0]!.relation)!, c]));
  const dropped: DroppedRule[] = [];
  for (const [rule, never] of neverFiring(rules, facts)) {
    const cycle = cycleOf.get(all.componentOf.get(rules[rule]!.head.relation)!);
    if (rules[rule]!.headTime === 'now' && cycle) dropped.push({ rule, never, cycle });
  }
  if (dropped.length === 0) return { ...all, dropped };
  dropped.sort((a, b) => a.rule - b.rule);
  return { ...analyse(rules, new Set(dropped.map((d) => d.rule))), dropped };
}

function analyse(
  rules: readonly Rule[],
  skip: ReadonlySet<number>,
): Omit<Stratification, 'dropped'> & { componentOf: Map<string, number> } {
  const graph = dependencyGraph(rules, skip);
  const componentOf = new Int32Array(graph.names.length);
  const roots = graph.names.map((_, i) => i);
  const targets = graph.reads.map((edges) => edges.map((e) => e.body));
  componentsInDependencyOrder(graph.names.length, roots, (v) => targets[v]!).forEach((members, i) => {
    for (const r of members) componentOf[r] = i;
  });
  const cycles = negativeCycles(graph, componentOf);
  const strata = orderComponents(rules, skip, graph, componentOf);
  const byName = new Map(graph.names.map((name, i) => [name, componentOf[i]!]));
  return { strata, cycle: cycles[0] ?? null, cycles, componentOf: byName };
}

// head ← body for every body atom of every 'now' rule not skipped; negative for `notin`, and for
// every body atom of a rule whose head aggregates (the aggregate needs the whole relation).
function dependencyGraph(rules: readonly Rule[], skip: ReadonlySet<number>): DependencyGraph {
  const ids = new Map<string, number>();
  const graph: DependencyGraph = { names: [], edges: [], reads: [] };
  const id = (name: string): number => {
    let i = ids.get(name);
    if (i === undefined) {
      ids.set(name, (i = graph.names.length));
      graph.names.push(name);
      graph.reads.push([]);
    }
    return i;
  };
  const edgeOf = new Map<string, Dependency>();
  for (const [i, rule] of rules.entries()) {
    if (rule.headTime !== 'now' || skip.has(i)) continue;
    const head = id(rule.head.relation);
    const aggregates = rule.head.args.some((t) => t.kind === 'aggregate');
    for (const item of rule.body) {
      if (item.kind !== 'body-atom') continue;
      const body = id(item.atom.relation);
      const negated = item.negated || aggregates;
      const aggregate = negated && !item.negated;
      const key = `${head},${body}`;
      const previous = edgeOf.get(key);
      if (previous) {
        // A negative read replaces a positive one, keeping the edge's place in the order.
        if (previous.negated || !negated) continue;
        Object.assign(previous, { span: item.span, negated, aggregate });
        continue;
      }
      const edge: Dependency = { head, body, span: item.span, negated, aggregate };
      edgeOf.set(key, edge);
      graph.edges.push(edge);
      graph.reads[head]!.push(edge);
    }
  }
  return graph;
}

/**
 * Kahn's algorithm over the components, always taking the ready component whose rules come first in
 * the program.
 */
function orderComponents(
  rules: readonly Rule[],
  skip: ReadonlySet<number>,
  graph: DependencyGraph,
  componentOf: Int32Array,
): number[][] {
  const relation = new Map(graph.names.map((name, i) => [name, i]));
  const members = new Map<number, number[]>();
  rules.forEach((rule, i) => {
    if (rule.headTime !== 'now' || skip.has(i)) return;
    const c = componentOf[relation.get(rule.head.relation)!]!;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  // A component waits for the distinct components it reads (other than itself).
  const waitsFor = new Map<number, Set<number>>();
  const readers = new Map<number, Set<number>>();
  for (const { head: v, body: w } of graph.edges) {
    const [head, body] = [componentOf[v]!, componentOf[w]!];
    if (head === body || !members.has(body)) continue;
    addTo(waitsFor, head, body);
    addTo(readers, body, head);
  }
  const strata: number[][] = [];
  const firstRule = (c: number): number => members.get(c)![0]!;
  // A heap, not a list sorted at each step: 10,000 independent strata stay O(n log n).
  const ready = new MinHeap<number>();
  for (const c of members.keys()) if (!waitsFor.get(c)?.size) ready.push([firstRule(c)], c);
  for (let c = ready.pop(); c !== undefined; c = ready.pop()) {
    strata.push(members.get(c)!);
    for (const reader of readers.get(c) ?? []) {
      const waiting = waitsFor.get(reader)!;
      waiting.delete(c);
      if (waiting.size === 0) ready.push([firstRule(reader)], reader);
    }
  }
  return strata;
}

function addTo(map: Map<number, Set<number>>, key: number, value: number): void {
  const set = map.get(key) ?? new Set<number>();
  set.add(value);
  map.set(key, set);
}

/**
 * For each component, its first negative edge (in the order first read), closed into a cycle by a
 * shortest path back.
 */
function negativeCycles(graph: DependencyGraph, componentOf: Int32Array): CycleStep[][] {
  const cycles: CycleStep[][] = [];
  const done = new Set<number>();
  for (const edge of graph.edges) {
    const component = componentOf[edge.head]!;
    if (!edge.negated || component !== componentOf[edge.body] || done.has(component)) continue;
    done.add(component);
    const back = shortestPath(graph, edge.body, edge.head, componentOf);
    const steps = [edge, ...back];
    cycles.push(
      steps.map((step) => ({
        relation: graph.names[step.head]!,
        span: step.span,
        negated: step.negated,
        aggregate: step.aggregate,
      })),
    );
  }
  return cycles;
}

/** Breadth-first, the edges of a shortest path from `from` to `to` within one component. */
function shortestPath(
  graph: DependencyGraph,
  from: number,
  to: number,
  componentOf: Int32Array,
): Dependency[] {
  const via = new Map<number, Dependency | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !via.has(to); i++) {
    for (const edge of graph.reads[queue[i]!]!) {
      if (via.has(edge.body) || componentOf[edge.body] !== componentOf[from]) continue;
      via.set(edge.body, edge);
      queue.push(edge.body);
    }
  }
  const path: Dependency[] = [];
  for (let step = via.get(to); step; step = via.get(step.head)) path.push(step);
  return path.reverse();
}
