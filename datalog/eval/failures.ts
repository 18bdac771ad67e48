// The network a failure spec describes (SPEC §2–3): which messages get through, who has crashed.
import { crashCutsMessage, omissionKey } from './faults.js';
import type { FailureSpec } from './types.js';

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
  const omitted = new Set(spec.omissions.map((o) => omissionKey(o.from, o.to, o.time)));
  const lostBy = (from: string, to: string, time: number): 'omission' | 'crash' | null => {
    if (from === to) return null;
    const crashed = crashTime.get(from);
    if (
      crashed !== undefined &&
      crashCutsMessage({ node: from, time: crashed }, { from, to, sendTime: time })
    )
      return 'crash';
    return omitted.size > 0 && omitted.has(omissionKey(from, to, time)) ? 'omission' : null;
  };
  return {
    nodes,
    crashTime,
    lostBy,
    delivered: (from, to, time) => nodes.has(from) && nodes.has(to) && lostBy(from, to, time) === null,
  };
}
