// The network a failure spec describes (SPEC §2–3): which messages get through, who has crashed.
import type { Crash, FailureSpec, Omission } from './types.js';

export interface Network {
  readonly nodes: ReadonlySet<string>;
  /** Crash time of each crashed node. */
  readonly crashTime: ReadonlyMap<string, number>;
  /** Is the message from→to sent at `time` delivered at time + 1? */
  delivered(from: string, to: string, time: number): boolean;
  /** Why a message between nodes was not delivered, or null when it was. */
  lostBy(from: string, to: string, time: number): 'omission' | 'crash' | null;
}

export function networkOf(spec: FailureSpec): Network {
  const nodes = new Set(spec.nodes);
  const crashTime = new Map(spec.crashes.map((c) => [c.node, c.time]));
  const omitted = new Set(spec.omissions.map(omissionKey));
  const lostBy = (from: string, to: string, time: number): 'omission' | 'crash' | null => {
    if (from === to) return null;
    const crashed = crashTime.get(from);
    if (crashed !== undefined && crashed <= time) return 'crash';
    return omitted.size > 0 && omitted.has(omissionKey({ from, to, time })) ? 'omission' : null;
  };
  return {
    nodes,
    crashTime,
    lostBy,
    delivered: (from, to, time) => nodes.has(from) && nodes.has(to) && lostBy(from, to, time) === null,
  };
}

function omissionKey(o: Omission): string {
  return `${o.from}\u0000${o.to}\u0000${o.time}`;
}

/** Sort faults canonically (crashes by node then time; omissions by from, to, time). */
export function sortCrashes(crashes: readonly Crash[]): Crash[] {
  return [...crashes].sort((a, b) => cmp(a.node, b.node) || a.time - b.time);
}

export function sortOmissions(omissions: readonly Omission[]): Omission[] {
  return [...omissions].sort((a, b) => cmp(a.from, b.from) || cmp(a.to, b.to) || a.time - b.time);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
