// Stratification of the deductive ('now') rules: the order in which one time step computes its
// relations, so that `notin` and aggregates only ever read relations that are already complete.
//
// Expects: any rules (unchecked). Guarantees: every 'now' rule index but the dropped ones appears in
// exactly one stratum; a stratum is one strongly connected component of the dependency graph and
// comes after every stratum it reads; ties are broken by first rule index, so the same rules always
// give the same strata. `@next` / `@async` rules read the completed step and so belong to no stratum.
// Given the facts, a rule that can never fire is dropped where it would close a negative cycle
// (Molly's runtime accepts such programs); everywhere else it stays, harmless.
import { alg, Graph } from '@dagrejs/graphlib';
import type { BodyAtom, Fact, Rule, Span } from './ast.js';
import { neverFiring } from './dead-rules.js';

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

/** What an edge head → body records: the first place it is read, preferring a negative read. */
interface Dependency {
  readonly span: Span;
  readonly negated: boolean;
  readonly aggregate: boolean;
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
  const componentOf = new Map<string, number>();
  alg.tarjan(graph).forEach((members, i) => members.forEach((r) => componentOf.set(r, i)));
  const cycles = negativeCycles(graph, componentOf);
  const strata = orderComponents(rules, skip, graph, componentOf);
  return { strata, cycle: cycles[0] ?? null, cycles, componentOf };
}

// head ← body for every body atom of every 'now' rule not skipped; negative for `notin`, and for
// every body atom of a rule whose head aggregates (the aggregate needs the whole relation).
function dependencyGraph(rules: readonly Rule[], skip: ReadonlySet<number>): Graph {
  const graph = new Graph({ directed: true });
  for (const [i, rule] of rules.entries()) {
    if (rule.headTime !== 'now' || skip.has(i)) continue;
    const head = rule.head.relation;
    graph.setNode(head);
    const aggregates = rule.head.args.some((t) => t.kind === 'aggregate');
    for (const item of rule.body) {
      if (item.kind !== 'body-atom') continue;
      const body = item.atom.relation;
      const negated = item.negated || aggregates;
      const previous = graph.edge(head, body) as Dependency | undefined;
      if (previous && (previous.negated || !negated)) continue;
      const dependency: Dependency = { span: item.span, negated, aggregate: negated && !item.negated };
      graph.setEdge(head, body, dependency);
    }
  }
  return graph;
}

/**
 * Kahn's algorithm over the components, always taking the ready component whose rules come first in
 * the program (graphlib's topsort leaves ties in an unspecified order).
 */
function orderComponents(
  rules: readonly Rule[],
  skip: ReadonlySet<number>,
  graph: Graph,
  componentOf: ReadonlyMap<string, number>,
): number[][] {
  const members = new Map<number, number[]>();
  rules.forEach((rule, i) => {
    if (rule.headTime !== 'now' || skip.has(i)) return;
    const c = componentOf.get(rule.head.relation)!;
    const list = members.get(c);
    if (list) list.push(i);
    else members.set(c, [i]);
  });
  // A component waits for the distinct components it reads (other than itself).
  const waitsFor = new Map<number, Set<number>>();
  const readers = new Map<number, Set<number>>();
  for (const { v, w } of graph.edges()) {
    const [head, body] = [componentOf.get(v)!, componentOf.get(w)!];
    if (head === body || !members.has(body)) continue;
    addTo(waitsFor, head, body);
    addTo(readers, body, head);
  }
  const strata: number[][] = [];
  const ready = [...members.keys()].filter((c) => !waitsFor.get(c)?.size);
  const firstRule = (c: number): number => members.get(c)![0]!;
  while (ready.length > 0) {
    ready.sort((a, b) => firstRule(a) - firstRule(b));
    const c = ready.shift()!;
    strata.push(members.get(c)!);
    for (const reader of readers.get(c) ?? []) {
      const waiting = waitsFor.get(reader)!;
      waiting.delete(c);
      if (waiting.size === 0) ready.push(reader);
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
function negativeCycles(graph: Graph, componentOf: ReadonlyMap<string, number>): CycleStep[][] {
  const cycles: CycleStep[][] = [];
  const done = new Set<number>();
  for (const { v, w } of graph.edges()) {
    const component = componentOf.get(v)!;
    const dependency = graph.edge(v, w) as Dependency;
    if (!dependency.negated || component !== componentOf.get(w) || done.has(component)) continue;
    done.add(component);
    const back = shortestPath(graph, w, v, component, componentOf);
    const relations = [v, ...back.slice(0, -1)];
    cycles.push(
      relations.map((relation, i) => {
        const next = relations[(i + 1) % relations.length]!;
        const step = graph.edge(relation, next) as Dependency;
        return { relation, span: step.span, negated: step.negated, aggregate: step.aggregate };
      }),
    );
  }
  return cycles;
}

/** Breadth-first path from `from` to `to` (both included) within one component. */
function shortestPath(
  graph: Graph,
  from: string,
  to: string,
  component: number,
  componentOf: ReadonlyMap<string, number>,
): string[] {
  const parent = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  for (let i = 0; i < queue.length && !parent.has(to); i++) {
    const current = queue[i]!;
    for (const next of graph.successors(current) ?? []) {
      if (parent.has(next) || componentOf.get(next) !== component) continue;
      parent.set(next, current);
      queue.push(next);
    }
  }
  const path: string[] = [];
  for (let at: string | null | undefined = to; at != null; at = parent.get(at)) path.unshift(at);
  return path;
}
