// Fault elements and fault sets: the canonical order, what cuts a lineage leaf, and conversions.
// Every other solver file relies on these definitions of "cut" and "order"; nothing else restates them.
import type { Crash, FaultSet, Message, NoCrashNode, Omission } from '../datalog/types.js';
import type { FaultElement } from './types.js';

/** Code-unit order, so results never depend on the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical element order: crashes before omissions; crashes by node, time; omissions by from, to, time. */
export function compareElements(a: FaultElement, b: FaultElement): number {
  if (a.kind !== b.kind) return a.kind === 'crash' ? -1 : 1;
  if (a.kind === 'crash' && b.kind === 'crash') {
    return compareStrings(a.node, b.node) || a.time - b.time;
  }
  const x = a as Omission;
  const y = b as Omission;
  return compareStrings(x.from, y.from) || compareStrings(x.to, y.to) || x.time - y.time;
}

/** A `message` leaf is cut by an omission of it, or by its sender crashing at or before the send. */
export function messageCut(message: Message, faults: FaultSet): boolean {
  return (
    faults.omissions.some(
      (o) => o.from === message.from && o.to === message.to && o.time === message.sendTime,
    ) || faults.crashes.some((c) => crashCutsMessage(c, message))
  );
}

export function crashCutsMessage(crash: Crash, message: Message): boolean {
  return crash.node === message.from && crash.time <= message.sendTime;
}

/** A `no-crash` leaf is cut by a crash of its node at exactly its time, or at any time when it has none. */
export function crashCutsNoCrash(crash: Crash, leaf: NoCrashNode): boolean {
  return crash.node === leaf.node && (leaf.time === null || leaf.time === crash.time);
}

export function noCrashCut(leaf: NoCrashNode, faults: FaultSet): boolean {
  return faults.crashes.some((c) => crashCutsNoCrash(c, leaf));
}

/** The fault set `forced ∪ extra`, each list in canonical order without duplicates. */
export function withForced(forced: FaultSet, extra: readonly FaultElement[]): FaultSet {
  const all: FaultElement[] = [
    ...forced.crashes.map((c): FaultElement => ({ kind: 'crash', node: c.node, time: c.time })),
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
