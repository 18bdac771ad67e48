// Positions for lineage graphs too big for dagre in the page (SPEC: time as rank). Rows: the time
// step first, latest on top, then the distance from the goals within the step, so a deductive chain
// inside one step still reads downwards. Within a row, nodes follow the mean x of their parents (one
// barycentre sweep from the goals down; ties by id): deterministic, and far fewer crossing edges
// than plain id order.
import type { LineageRecord } from '../../runner/types.js';
import type { Point } from './types.js';

const ROW_SPACING = 90;
const GAP = 18;

/** The width the page gives a node's box, from its label (the client sizes boxes the same way). */
export function labelWidth(label: string): number {
  return Math.min(240, Math.max(36, label.length * 7 + 16));
}

export function layeredPositions(record: LineageRecord, times: readonly (number | null)[]): Point[] {
  const children = record.nodes.map((node) =>
    node.kind === 'tuple' ? node.derivations : node.kind === 'derivation' ? node.children : [],
  );
  const parents: number[][] = record.nodes.map(() => []);
  children.forEach((targets, source) => targets.forEach((target) => parents[target]!.push(source)));
  const rowOf = rowsByTimeThenDepth(record, children, times);
  const rows: number[][] = [];
  record.nodes.forEach((_, id) => (rows[rowOf[id]!] ??= []).push(id));
  const positions: Point[] = new Array<Point>(record.nodes.length);
  rows.forEach((members, row) => {
    const placedParentX = (id: number): number => {
      const xs = parents[id]!.filter((p) => positions[p] !== undefined).map((p) => positions[p]!.x);
      return xs.length === 0 ? Infinity : xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    const order = members
      .map((id) => ({ id, key: placedParentX(id) }))
      .sort((a, b) => a.key - b.key || a.id - b.id);
    const widths = order.map(({ id }) => labelWidth(record.nodes[id]!.label));
    let x = -(widths.reduce((a, b) => a + b + GAP, -GAP) / 2);
    order.forEach(({ id }, i) => {
      positions[id] = { x: x + widths[i]! / 2, y: row * ROW_SPACING };
      x += widths[i]! + GAP;
    });
  });
  return positions;
}

/** Dense row numbers for the (time step from the top, breadth-first depth from the goals) pairs. */
function rowsByTimeThenDepth(
  record: LineageRecord,
  children: readonly (readonly number[])[],
  times: readonly (number | null)[],
): number[] {
  const depth = new Array<number>(record.nodes.length).fill(-1);
  const queue = record.goals.filter((g) => depth[g] === -1 && (depth[g] = 0) === 0);
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    for (const child of children[id]!) {
      if (depth[child] !== -1) continue;
      depth[child] = depth[id]! + 1;
      queue.push(child);
    }
  }
  // reduce, not Math.max(...xs): a spread of a very large graph overflows the stack.
  const deepest = depth.reduce((a, b) => Math.max(a, b), 0);
  const top = times.reduce<number>((a, t) => Math.max(a, t ?? 0), 0);
  const keyOf = (id: number): [number, number] => {
    const time = times[id] ?? null;
    return [time === null ? top + 1 : top - time, depth[id] === -1 ? deepest + 1 : depth[id]!];
  };
  const keys = record.nodes.map((_, id) => keyOf(id));
  const distinct = [...new Set(keys.map(([t, d]) => `${t},${d}`))]
    .map((k) => k.split(',').map(Number) as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const rowOfKey = new Map(distinct.map(([t, d], row) => [`${t},${d}`, row]));
  return keys.map(([t, d]) => rowOfKey.get(`${t},${d}`)!);
}
