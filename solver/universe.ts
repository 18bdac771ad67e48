// The fault elements a lineage graph makes worth trying, and the graph as a circuit over them.
import type { Crash, FaultSet, Message } from '../datalog/eval/types.js';
import type { LineageGraph, LineageNode } from '../datalog/lineage/types.js';
import {
  crashCutsMessage,
  crashCutsNoCrash,
  messageCut,
  noCrashCut,
  omissionKey,
} from '../datalog/eval/faults.js';
import { compareElements } from './faults.js';
import type { FaultElement, FaultSpace, Gate } from './types.js';

export interface FaultUniverse {
  /** Canonical order; an element's id is its index. */
  readonly elements: readonly FaultElement[];
  /** Per element: index of the crashed node in `space.nodes`, or -1 for an omission. */
  readonly crashNode: readonly number[];
  /**
   * Per element: true for a crash of a node `forced` already crashes. It moves that crash earlier
   * (replaces it, see `withForced`) and does not count against `crashBudget`.
   */
  readonly movesCrash: readonly boolean[];
  readonly crashBudget: number;
  /**
   * Per node (index in `space.nodes`) and crash time t (index t, 1 ≤ t ≤ EOT): the id of the element
   * that cuts exactly the leaves a crash at t cuts, or -1 when such a crash cuts no leaf left or is
   * not allowed. Leaves are cut by a crash at an exact time too (`no-crash`), so a crash time is
   * looked up, never compared.
   */
  readonly crashAt: readonly (readonly number[])[];
  /** One gate per lineage node, same ids. */
  readonly circuit: readonly Gate[];
}

type Leaf = { readonly id: number; readonly node: LineageNode & { kind: 'message' | 'no-crash' } };

/**
 * Expects a lineage graph, a fault space and the faults already forced in the run.
 * Guarantees: `elements` holds every fault that can be added to `forced` within the space and cuts at
 * least one leaf not already cut by `forced`:
 * - one omission per such message in the graph;
 * - per node not crashed in `forced` (and only while the crash budget is positive), one crash per
 *   class of crash times that cut exactly the same leaves. We keep the *latest* time of each class:
 *   those times are interchangeable for this lineage, and the latest one disturbs the run least.
 * - per node crashed in `forced` at t, one *earlier* crash per such class of times t' < t. A crash of
 *   n at t' < t dominates the crash at t: it stops every send the later one stops, and more. Without
 *   these, a surviving run with n crashed at t could never lead to n crashing sooner (the latest time
 *   of a class is tried first, and n crashes only once). Such an element does not count against the
 *   crash budget (n is counted already) and *replaces* the forced crash (`withForced`): a fault set
 *   never holds two crashes of one node. Minimality is over the extra elements, as for any other.
 * A leaf's gate lists the elements that cut it; a leaf `forced` already cuts is constant false, also
 * under a moved crash: the lineage of a run made under `forced` has no support through a leaf
 * `forced` cuts (negation.ts lists no `no-crash` blocker at a crashed node's own crash time).
 */
export function faultUniverse(graph: LineageGraph, space: FaultSpace, forced: FaultSet): FaultUniverse {
  const leaves: Leaf[] = [];
  graph.nodes.forEach((node, id) => {
    if ((node.kind === 'message' || node.kind === 'no-crash') && !leafCut(node, forced))
      leaves.push({ id, node });
  });
  const crashedAt = new Map(forced.crashes.map((c) => [c.node, c.time]));
  const crashBudget = Math.max(0, space.maxCrashes - crashedAt.size);
  const crashes = crashElements(leaves, space, crashedAt, crashBudget);
  const elements = [...omissionElements(leaves, space), ...crashes.elements].sort(compareElements);
  const crashNode = elements.map((e) => (e.kind === 'crash' ? space.nodes.indexOf(e.node) : -1));
  const movesCrash = elements.map((e) => e.kind === 'crash' && crashedAt.has(e.node));
  const idOf = new Map(elements.map((e, id) => [e.kind === 'crash' ? `${e.node}@${e.time}` : '', id]));
  const crashAt = crashes.classOf.map((times, n) =>
    times.map((time) => (time === 0 ? -1 : idOf.get(`${space.nodes[n]!}@${time}`)!)),
  );
  return {
    elements,
    crashNode,
    movesCrash,
    crashBudget,
    crashAt,
    circuit: circuitOf(graph, forced, elements),
  };
}

function leafCut(node: LineageNode, faults: FaultSet): boolean {
  if (node.kind === 'message') return messageCut(node.message, faults);
  if (node.kind === 'no-crash') return noCrashCut(node, faults);
  return false;
}

function omissionElements(leaves: readonly Leaf[], space: FaultSpace): FaultElement[] {
  const nodes = new Set(space.nodes);
  const seen = new Set<string>();
  const result: FaultElement[] = [];
  for (const { node } of leaves) {
    if (node.kind !== 'message') continue;
    const { from, to, sendTime } = node.message;
    const key = omissionKey(from, to, sendTime);
    if (from === to || !nodes.has(from) || !nodes.has(to) || sendTime < 1 || sendTime >= space.eff) continue;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ kind: 'omission', from, to, time: sendTime });
  }
  return result;
}

/**
 * One crash per node and class of equivalent times, the latest time of each class (see above): any
 * time for a node not crashed yet (while the budget allows one more), only earlier times for a node
 * crashed at `crashedAt`.
 */
function crashElements(
  leaves: readonly Leaf[],
  space: FaultSpace,
  crashedAt: ReadonlyMap<string, number>,
  crashBudget: number,
): { elements: FaultElement[]; classOf: number[][] } {
  const elements: FaultElement[] = [];
  // Per node and time: the time of the element standing for that crash time (0: none).
  const classOf = space.nodes.map(() => new Array<number>(space.eot + 1).fill(0));
  space.nodes.forEach((node, n) => {
    const forcedTime = crashedAt.get(node);
    if (forcedTime === undefined && crashBudget === 0) return;
    const last = forcedTime === undefined ? space.eot : forcedTime - 1;
    const latestByCut = new Map<string, number>();
    const keyAt: string[] = [];
    for (let time = 1; time <= last; time++) {
      const cut = leaves.filter((leaf) => crashCutsLeaf({ node, time }, leaf.node)).map((leaf) => leaf.id);
      if (cut.length === 0) continue;
      const key = cut.join(',');
      keyAt[time] = key;
      latestByCut.set(key, time);
    }
    keyAt.forEach((key, time) => {
      classOf[n]![time] = latestByCut.get(key)!;
    });
    for (const time of latestByCut.values()) elements.push({ kind: 'crash', node, time });
  });
  return { elements, classOf };
}

function crashCutsLeaf(crash: Crash, leaf: Leaf['node']): boolean {
  return leaf.kind === 'message' ? crashCutsMessage(crash, leaf.message) : crashCutsNoCrash(crash, leaf);
}

function elementCutsLeaf(element: FaultElement, leaf: Leaf['node']): boolean {
  if (element.kind === 'crash') return crashCutsLeaf(element, leaf);
  return leaf.kind === 'message' && omits(element, leaf.message);
}

function omits(omission: { from: string; to: string; time: number }, message: Message): boolean {
  return omission.from === message.from && omission.to === message.to && omission.time === message.sendTime;
}

function circuitOf(graph: LineageGraph, forced: FaultSet, elements: readonly FaultElement[]): Gate[] {
  return graph.nodes.map((node): Gate => {
    switch (node.kind) {
      case 'tuple':
        return node.derivations.length === 0
          ? { kind: 'and', inputs: [] }
          : { kind: 'or', inputs: node.derivations };
      case 'derivation':
        return { kind: 'and', inputs: node.children };
      case 'message':
      case 'no-crash':
        return leafGate(node, forced, elements);
    }
  });
}

function leafGate(node: Leaf['node'], forced: FaultSet, elements: readonly FaultElement[]): Gate {
  if (leafCut(node, forced)) return { kind: 'or', inputs: [] };
  const cutBy: number[] = [];
  elements.forEach((element, id) => {
    if (elementCutsLeaf(element, node)) cutBy.push(id);
  });
  return { kind: 'leaf', cutBy };
}
