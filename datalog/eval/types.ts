// Run-time data of the engine: failure specs, faults, tuples and derivations (the lineage graph
// built from them is in ../lineage/types.ts). Imports nothing but the syntax types.
import type { Value } from '../syntax/types.js';

/** The node `node` sends nothing to other nodes from time `time` on (SPEC §3). */
export interface Crash {
  readonly node: string;
  readonly time: number;
}

/** The message on channel from→to sent at `time` is lost (SPEC §3). */
export interface Omission {
  readonly from: string;
  readonly to: string;
  readonly time: number;
}

/**
 * The bounds of a search (SPEC §3): omissions `(from, to, t)` with `from ≠ to`, both in `nodes`,
 * `1 ≤ t < eff`; crashes `(node, t)` with `1 ≤ t ≤ eot`; at most `maxCrashes` crashed nodes.
 */
export interface Bounds {
  readonly nodes: readonly string[];
  readonly eot: number;
  readonly eff: number;
  readonly maxCrashes: number;
}

/** The bounds of a run and the faults injected into it (Molly's `FailureSpec`). */
export interface FailureSpec extends Bounds, FaultSet {}

/** Faults alone, as the solver proposes them. */
export interface FaultSet {
  readonly crashes: readonly Crash[];
  readonly omissions: readonly Omission[];
}

/** A message that crossed the network: a cross-node `clock(from, to, sendTime, sendTime + 1)`. */
export interface Message {
  readonly from: string;
  readonly to: string;
  readonly sendTime: number;
}

/** A fact of a run: `relation(values…)` holding at `time`. */
export interface Tuple {
  readonly relation: string;
  readonly values: readonly Value[];
  readonly time: number;
}

/** Index of a tuple in its run's tuple table; stable for a given program and failure spec. */
export type TupleId = number;

/**
 * One firing of one rule: the head tuple, the rule (index into `Program.rules`), the positive body
 * tuples it used, and the negated atoms it checked (ground, `null` where the atom had a wildcard).
 * For an `@async` head, `message` is the network hop the head crossed.
 * For an aggregate head, `body` is every tuple of every contributing binding.
 */
export interface Derivation {
  readonly head: TupleId;
  readonly rule: number;
  readonly body: readonly TupleId[];
  readonly negated: readonly NegatedAtom[];
  readonly message: Message | null;
}

/** A `notin` atom as checked: absent at `time`; `null` columns were wildcards. */
export interface NegatedAtom {
  readonly relation: string;
  readonly values: readonly (Value | null)[];
  readonly time: number;
}
