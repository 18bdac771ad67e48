// The lineage at a glance: the goals and the messages they rest on, nothing in between. An edge
// from a goal or a message to a message says "this needed that message delivered"; the state a
// sender needed to send a message hangs below that message, and so on down to the first sends. It
// reads like the spacetime diagram, and it is what faults can cut (SPEC §5): messages and crashes.
import { inputsOf } from '../../datalog/lineage/types.js';
import type { LineageRecord } from '../../runner/types.js';

export interface LineageOverview {
  /** Goals, then messages and no-crash leaves in node order. */
  readonly nodes: readonly number[];
  readonly edges: readonly { readonly source: number; readonly target: number }[];
}

export function lineageOverview(record: LineageRecord): LineageOverview {
  const { nodes } = record;
  // A firing that crossed the network: its message child, and the sender-side children beside it.
  const messageOf = nodes.map((node) =>
    node.kind === 'derivation' ? (node.children.find((c) => nodes[c]?.kind === 'message') ?? -1) : -1,
  );
  const sendersOf = new Map<number, number[]>();
  messageOf.forEach((message, firing) => {
    if (message >= 0) sendersOf.set(message, [...(sendersOf.get(message) ?? []), firing]);
  });

  /** The messages and no-crash leaves first met below `starts`, not looking past a network hop. */
  const nearest = (starts: readonly number[]): number[] => {
    const found = new Set<number>();
    const seen = new Set<number>(starts);
    const stack = [...starts];
    while (stack.length > 0) {
      const id = stack.pop()!;
      const node = nodes[id]!;
      if (node.kind === 'message' || node.kind === 'no-crash') {
        found.add(id);
        continue;
      }
      if (node.kind === 'derivation' && messageOf[id]! >= 0) {
        found.add(messageOf[id]!);
        continue;
      }
      const below = inputsOf(node);
      for (const c of below) if (!seen.has(c) && seen.add(c)) stack.push(c);
    }
    return [...found].sort((a, b) => a - b);
  };

  const shown: number[] = [...record.goals];
  const included = new Set(shown);
  const edges: { source: number; target: number }[] = [];
  for (let i = 0; i < shown.length; i++) {
    const id = shown[i]!;
    const node = nodes[id]!;
    const starts =
      node.kind === 'message'
        ? (sendersOf.get(id) ?? []).flatMap((f) => {
            const firing = nodes[f]!;
            return firing.kind === 'derivation' ? firing.children.filter((c) => c !== id) : [];
          })
        : node.kind === 'tuple'
          ? [id]
          : [];
    for (const target of nearest(starts)) {
      if (target === id) continue;
      edges.push({ source: id, target });
      if (!included.has(target)) {
        included.add(target);
        shown.push(target);
      }
    }
  }
  const goals = record.goals.length;
  const rest = shown.slice(goals).sort((a, b) => a - b);
  return { nodes: [...shown.slice(0, goals), ...rest], edges: transitiveReduction(edges) };
}

/**
 * Drops an edge when its target is also reached through another target of the same source: "the
 * goal needed m2, which needed m1" says the goal needed m1. Messages only rest on earlier messages,
 * so the graph has no cycle.
 */
function transitiveReduction(
  edges: readonly { source: number; target: number }[],
): { source: number; target: number }[] {
  const out = new Map<number, number[]>();
  for (const e of edges) out.set(e.source, [...(out.get(e.source) ?? []), e.target]);
  const below = new Map<number, Set<number>>();
  const reach = (id: number): Set<number> => {
    let known = below.get(id);
    if (known) return known;
    known = new Set();
    below.set(id, known);
    for (const t of out.get(id) ?? []) {
      known.add(t);
      for (const r of reach(t)) known.add(r);
    }
    return known;
  };
  return edges.filter(
    (e) => !(out.get(e.source) ?? []).some((t) => t !== e.target && reach(t).has(e.target)),
  );
}
