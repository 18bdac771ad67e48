// The fault model in one place (SPEC §3): the bounds of a search, the canonical order of faults,
// what a fault cuts, their keys, and the one notation people read them in. The engine, the solver,
// the runner and the report all use these definitions; nothing else restates them.
import type { Value } from '../syntax/types.js';
import type { Bounds, Crash, FaultSet, Message, Omission } from './types.js';
import type { NoCrashNode } from '../lineage/types.js';

export type { Bounds };

export const NO_FAULTS: FaultSet = { crashes: [], omissions: [] };

// ---- order -------------------------------------------------------------------------------------

/** Code-unit order, so results never depend on the locale. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Crashes by node, then time. */
export function compareCrashes(a: Crash, b: Crash): number {
  return compareStrings(a.node, b.node) || a.time - b.time;
}

/** Omissions by sender, receiver, then time. */
export function compareOmissions(a: Omission, b: Omission): number {
  return compareStrings(a.from, b.from) || compareStrings(a.to, b.to) || a.time - b.time;
}

export function sortCrashes(crashes: readonly Crash[]): Crash[] {
  return [...crashes].sort(compareCrashes);
}

export function sortOmissions(omissions: readonly Omission[]): Omission[] {
  return [...omissions].sort(compareOmissions);
}

/** The fault set alone (a failure spec's bounds dropped), each list in canonical order. */
export function canonicalFaults(f: FaultSet): FaultSet {
  return { crashes: sortCrashes(f.crashes), omissions: sortOmissions(f.omissions) };
}

export function faultCount(f: FaultSet): number {
  return f.crashes.length + f.omissions.length;
}

/** The failure spec of `bounds` with the faults `f`, in canonical order. */
export function withFaults<B extends Bounds>(bounds: B, f: FaultSet): B & FaultSet {
  const c = canonicalFaults(f);
  return { ...bounds, crashes: c.crashes, omissions: c.omissions };
}

// ---- keys --------------------------------------------------------------------------------------

/** A message or an omission of it: one key for both, so a send can be looked up among omissions. */
export function omissionKey(from: string, to: string, time: number): string {
  return `${from}\u0000${to}\u0000${time}`;
}

export function messageKey(m: Message): string {
  return omissionKey(m.from, m.to, m.sendTime);
}

export function crashKey(node: string, time: number | null): string {
  return `${node}\u0000${time ?? '*'}`;
}

/** Equal for equal fault sets, whatever the order of their lists ("already explored"). */
export function faultKey(f: FaultSet): string {
  const crashes = sortCrashes(f.crashes).map((c) => crashKey(c.node, c.time));
  const omissions = sortOmissions(f.omissions).map((o) => omissionKey(o.from, o.to, o.time));
  return `${crashes.join('\u0001')}\u0002${omissions.join('\u0001')}`;
}

// ---- what a fault cuts -------------------------------------------------------------------------

/** A crash stops every message its node sends at or after the crash time (SPEC §2). */
export function crashCutsMessage(crash: Crash, message: Message): boolean {
  return crash.node === message.from && crash.time <= message.sendTime;
}

/** The fault of `faults` that loses `message` (an omission of it first), or null when it gets through. */
export function faultCutting(message: Message, faults: FaultSet): Crash | Omission | null {
  return (
    faults.omissions.find(
      (o) => o.from === message.from && o.to === message.to && o.time === message.sendTime,
    ) ??
    faults.crashes.find((c) => crashCutsMessage(c, message)) ??
    null
  );
}

/** A `message` lineage leaf is cut by an omission of it, or by its sender crashing at or before the send. */
export function messageCut(message: Message, faults: FaultSet): boolean {
  return faultCutting(message, faults) !== null;
}

/** A `no-crash` leaf is cut by a crash of its node at exactly its time, or at any time when it has none. */
export function crashCutsNoCrash(crash: Crash, leaf: Pick<NoCrashNode, 'node' | 'time'>): boolean {
  return crash.node === leaf.node && (leaf.time === null || leaf.time === crash.time);
}

export function noCrashCut(leaf: Pick<NoCrashNode, 'node' | 'time'>, faults: FaultSet): boolean {
  return faults.crashes.some((c) => crashCutsNoCrash(c, leaf));
}

/**
 * The faults that changed a run: its crashes, and the omissions of messages it actually sent (an
 * omission of a message an earlier fault stopped changes nothing). The run with only these faults is
 * the same run.
 */
export function effectiveFaults(
  faults: FaultSet,
  sends: readonly (Message & { readonly lostBy: 'omission' | 'crash' | null })[],
): FaultSet {
  if (faults.omissions.length === 0) return { crashes: faults.crashes, omissions: [] };
  const dropped = new Set(sends.filter((s) => s.lostBy === 'omission').map(messageKey));
  return {
    crashes: faults.crashes,
    omissions: faults.omissions.filter((o) => dropped.has(omissionKey(o.from, o.to, o.time))),
  };
}

// ---- words: the one notation people read -------------------------------------------------------

/** `a→b@1`: the message from a to b sent at time 1. */
export function describeMessage(m: Message): string {
  return `${m.from}→${m.to}@${m.sendTime}`;
}

/** `a→b@1 lost` */
export function describeOmission(o: Omission): string {
  return `${o.from}→${o.to}@${o.time} lost`;
}

/** `b crashed@2` (sends nothing from time 2 on) */
export function describeCrash(c: Crash): string {
  return `${c.node} crashed@${c.time}`;
}

export function describeFault(f: Crash | Omission): string {
  return 'node' in f ? describeCrash(f) : describeOmission(f);
}

/** Each fault in words, crashes first, in canonical order. */
export function faultWords(f: FaultSet): string[] {
  return [...sortCrashes(f.crashes).map(describeCrash), ...sortOmissions(f.omissions).map(describeOmission)];
}

/** `b crashed@2, a→c@1 lost`, or `no faults`. */
export function describeFaults(f: FaultSet): string {
  const words = faultWords(f);
  return words.length === 0 ? 'no faults' : words.join(', ');
}

/** A value as the program writes it: strings quoted, integers bare. */
export function formatValue(v: Value | null): string {
  if (v === null) return '_';
  return typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** `log("b", 2)@3`, or without `@t` when `time` is omitted; null columns print as `_`. */
export function formatTuple(relation: string, values: readonly (Value | null)[], time?: number): string {
  const at = time === undefined ? '' : `@${time}`;
  return `${relation}(${values.map(formatValue).join(', ')})${at}`;
}
