// Fault elements (the solver's variables) in the fault model's order (datalog/eval/faults.ts), and the
// fault set a choice of them makes.
import { compareCrashes, compareOmissions } from '../datalog/eval/faults.js';
import type { Crash, FaultSet, Omission } from '../datalog/eval/types.js';
import type { FaultElement } from './types.js';

/** Canonical element order: crashes before omissions, each in the fault model's order. */
export function compareElements(a: FaultElement, b: FaultElement): number {
  if (a.kind !== b.kind) return a.kind === 'crash' ? -1 : 1;
  return a.kind === 'crash' ? compareCrashes(a, b as Crash) : compareOmissions(a, b as Omission);
}

/**
 * The fault set `forced ∪ extra`, each list in canonical order without duplicates. A node crashes
 * once: a crash in `extra` of a node `forced` already crashes *replaces* the forced crash (it moves it
 * earlier, see universe.ts), so the result never holds two crashes of one node.
 */
export function withForced(forced: FaultSet, extra: readonly FaultElement[]): FaultSet {
  const moved = new Set(extra.flatMap((e) => (e.kind === 'crash' ? [e.node] : [])));
  const all: FaultElement[] = [
    ...forced.crashes
      .filter((c) => !moved.has(c.node))
      .map((c): FaultElement => ({ kind: 'crash', node: c.node, time: c.time })),
    ...forced.omissions.map((o): FaultElement => ({
      kind: 'omission',
      from: o.from,
      to: o.to,
      time: o.time,
    })),
    ...extra,
  ].sort(compareElements);
  const crashes: Crash[] = [];
  const omissions: Omission[] = [];
  let previous: FaultElement | null = null;
  for (const e of all) {
    if (previous !== null && compareElements(previous, e) === 0) continue;
    previous = e;
    if (e.kind === 'crash') crashes.push({ node: e.node, time: e.time });
    else omissions.push({ from: e.from, to: e.to, time: e.time });
  }
  return { crashes, omissions };
}
