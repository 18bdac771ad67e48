// Data of the solver stage: the fault space, fault elements, the per-goal formula and the results.
// Imports only types from the run-time data (datalog/eval/types.ts); the algorithms live in sibling files.
import type { Bounds } from '../datalog/eval/faults.js';
import type { FaultSet } from '../datalog/eval/types.js';

/** The bounds a fault set must respect: the fault model's bounds (datalog/eval/faults.ts). */
export type FaultSpace = Bounds;

/** One fault the solver may add: a Boolean variable of the formula. */
export type FaultElement = CrashElement | OmissionElement;

export interface CrashElement {
  readonly kind: 'crash';
  readonly node: string;
  readonly time: number;
}

export interface OmissionElement {
  readonly kind: 'omission';
  readonly from: string;
  readonly to: string;
  readonly time: number;
}

/**
 * The lineage graph as a Boolean circuit over fault elements. Gate ids are the lineage node ids.
 * - `and`: holds iff every input holds (a derivation; also a base fact, as `and` of nothing);
 * - `or`: holds iff some input holds (a tuple with derivations; also a leaf the forced faults
 *   already cut, as `or` of nothing);
 * - `leaf`: holds unless one of `cutBy` (element ids) is chosen; `cutBy` empty = always holds.
 * Semantics is the least fixpoint, as for the lineage graph.
 */
export type Gate =
  | { readonly kind: 'and'; readonly inputs: readonly number[] }
  | { readonly kind: 'or'; readonly inputs: readonly number[] }
  | { readonly kind: 'leaf'; readonly cutBy: readonly number[] };

/**
 * How one goal can be prevented. A *support* is a way the goal can hold: a set of leaves that
 * together make it hold. We keep each support as its *hyperedge*: the sorted ids of the elements that
 * cut at least one of its leaves (the support survives a fault set iff the set misses its hyperedge).
 * Preventing the goal = hitting every hyperedge. `hyperedges` is null when the supports exceeded the
 * cap; the goal is then solved from `LineageFormula.circuit` alone.
 * No hyperedges = the goal already fails under the forced faults; an empty hyperedge = it cannot fail.
 */
export interface GoalFormula {
  readonly goal: number;
  readonly hyperedges: readonly (readonly number[])[] | null;
}

/** The whole formula of a lineage graph (`encodeLineage`): what any backend needs to solve it. */
export interface LineageFormula {
  /** The fault elements in canonical order; an element's id is its index. */
  readonly elements: readonly FaultElement[];
  /** For each element, the index in `space.nodes` of the node it crashes, or -1 for an omission. */
  readonly crashNode: readonly number[];
  /**
   * For each element, true when it crashes a node the forced faults already crash: it moves that
   * crash earlier, replacing it, and is not counted against `crashBudget` (universe.ts).
   */
  readonly movesCrash: readonly boolean[];
  /** How many more nodes may crash: `maxCrashes` minus the nodes the forced faults crash. */
  readonly crashBudget: number;
  /** Per node and crash time: the element standing for that crash, or -1 (universe.ts). */
  readonly crashAt: readonly (readonly number[])[];
  readonly circuit: readonly Gate[];
  readonly goals: readonly GoalFormula[];
}

/** How minimal fault sets are found: 'mmcs' (minimal hitting sets, the default) or 'sat' (logic-solver). */
export type Backend = 'mmcs' | 'sat';

export interface EncodeOptions {
  /** Most supports kept per lineage node before the goal falls back to the circuit (default 2000). */
  readonly supportCap?: number;
}

export interface SolveOptions extends EncodeOptions {
  /** Default 'mmcs' (the faster, measured in bench/solver.ts); 'sat' is kept as an oracle. */
  readonly backend?: Backend;
  /** Return at most this many fault sets: the first ones in the result order. */
  readonly limit?: number;
}

export interface SolveStats {
  /** The backend that ran: 'sat' also when 'mmcs' was asked but some goal needed the circuit. */
  readonly backend: Backend;
  readonly elements: number;
  /** Hyperedges over all goals solved from supports. */
  readonly hyperedges: number;
  /** Goals whose supports exceeded the cap and were solved from the circuit. */
  readonly circuitGoals: number;
  /** Work done: MMCS search nodes, or SAT solver calls. */
  readonly steps: number;
  /** False when `limit` cut the enumeration short. */
  readonly complete: boolean;
}

export interface SolveResult {
  /** Whole fault sets (forced faults included), fewest faults first, then canonical order. */
  readonly sets: readonly FaultSet[];
  readonly stats: SolveStats;
}
