// Fault sets as values: a canonical key (for "already explored"), words for people, and the
// failure spec a hypothesis becomes.
import { sortCrashes, sortOmissions } from '../datalog/failures.js';
import type { FailureSpec, FaultSet } from '../datalog/types.js';

export const NO_FAULTS: FaultSet = { crashes: [], omissions: [] };

export function faultKey(f: FaultSet): string {
  const crashes = sortCrashes(f.crashes).map((c) => `${c.node}@${c.time}`);
  const omissions = sortOmissions(f.omissions).map((o) => `${o.from}>${o.to}@${o.time}`);
  return `${crashes.join(' ')}|${omissions.join(' ')}`;
}

export function faultCount(f: FaultSet): number {
  return f.crashes.length + f.omissions.length;
}

export function canonicalFaults(f: FaultSet): FaultSet {
  return { crashes: sortCrashes(f.crashes), omissions: sortOmissions(f.omissions) };
}

export function withFaults(spec: FailureSpec, f: FaultSet): FailureSpec {
  const c = canonicalFaults(f);
  return { ...spec, crashes: c.crashes, omissions: c.omissions };
}

/** "message a→b sent at 1 lost; b crashed at 2" */
export function describeFaults(f: FaultSet): string {
  const parts = [
    ...sortCrashes(f.crashes).map((c) => `${c.node} crashed at ${c.time}`),
    ...sortOmissions(f.omissions).map((o) => `message ${o.from}→${o.to} sent at ${o.time} lost`),
  ];
  return parts.length === 0 ? 'no faults' : parts.join('; ');
}

/**
 * The faults that changed a run: its crashes, and the omissions of messages it actually sent (an
 * omission of a message an earlier fault stopped changes nothing). The run with only these faults is
 * the same run.
 */
export function effectiveFaults(
  faults: FaultSet,
  sends: readonly { from: string; to: string; sendTime: number; lostBy: 'omission' | 'crash' | null }[],
): FaultSet {
  if (faults.omissions.length === 0) return faults;
  const dropped = new Set(
    sends.filter((s) => s.lostBy === 'omission').map((s) => `${s.from}>${s.to}@${s.sendTime}`),
  );
  return {
    crashes: faults.crashes,
    omissions: faults.omissions.filter((o) => dropped.has(`${o.from}>${o.to}@${o.time}`)),
  };
}
