// The lineage of a run: why goal tuples hold, as an AND/OR graph down to what faults can cut.
// Built by lineage.ts from a run's derivations (eval/), read by the solver, the runner and viz.
import type { Message, TupleId } from '../eval/types.js';

/**
 * The AND/OR graph of why some goal tuples hold, down to what faults can cut (SPEC §5).
 * Node ids index `nodes`. Semantics, under a fault set F (least fixpoint, so cycles within a time
 * step are well-founded):
 * - `tuple`: holds iff one of its derivations holds; no derivations = a base fact, always holds.
 * - `derivation`: holds iff all its children hold.
 * - `message`: holds unless F omits (from, to, sendTime) or crashes `from` at or before sendTime.
 * - `no-crash`: holds unless F crashes `node` (at exactly `time`, or at any time when `time` is null);
 *   this is how an outcome that rests on `notin crash(…)` is cut.
 * A derivation's children include, for each of its `notin` atoms, the present tuples whose loss could
 * let the negated tuple be derived (a conservative over-approximation, SPEC §5).
 */
export interface LineageGraph {
  readonly nodes: readonly LineageNode[];
  /** The goal tuples (e.g. every `post` tuple at EOT), as node ids. */
  readonly goals: readonly number[];
}

export type LineageNode = TupleNode | DerivationNode | MessageNode | NoCrashNode;

export interface TupleNode {
  readonly kind: 'tuple';
  readonly tuple: TupleId;
  readonly derivations: readonly number[];
}

export interface DerivationNode {
  readonly kind: 'derivation';
  /** Index into the run's derivations. */
  readonly derivation: number;
  readonly rule: number;
  readonly children: readonly number[];
}

export interface MessageNode {
  readonly kind: 'message';
  readonly message: Message;
}

export interface NoCrashNode {
  readonly kind: 'no-crash';
  readonly node: string;
  readonly time: number | null;
}

/**
 * What a node rests on: a tuple's derivations, a derivation's children; a leaf rests on nothing.
 * For the report's records of the graph too (runner/types.ts), which share these fields.
 */
export function inputsOf(
  node:
    | { readonly kind: 'tuple'; readonly derivations: readonly number[] }
    | { readonly kind: 'derivation'; readonly children: readonly number[] }
    | { readonly kind: 'message' | 'no-crash' },
): readonly number[] {
  return node.kind === 'tuple' ? node.derivations : node.kind === 'derivation' ? node.children : [];
}
