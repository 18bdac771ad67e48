// What a good run proved about the runs with more faults (`--prune-proven`, runner/search.ts).
//
// The lineage of a good run R, made under its effective faults F, lists for each goal (every `post`
// tuple at EOT, and the absence of a new `pre` tuple when faults could make one appear) the supports
// that make it hold, `notin` included: a support of a `notin` lists the faults that could make the
// negated tuple appear (datalog/lineage/negation.ts). The search rests on one lemma about it: a fault
// set X ⊇ F that leaves some support of every goal uncut runs as a good run (each goal still holds
// through that support, and no new `pre` tuple appears), so a violating X must cut a goal, and LDFI
// only proposes sets that do. A proof keeps those supports as plain data, so that any later
// hypothesis can be tested against it without the lineage.
import { omissionKey } from '../datalog/eval/faults.js';
import type { FaultSet } from '../datalog/eval/types.js';
import type { FaultElement, LineageFormula } from './types.js';
import { solveFormula } from './minimal.js';

/** The supports of a good run's goals over its fault elements (LineageFormula), as plain data. */
export interface Proof {
  /** The run's effective faults: the proof speaks of supersets of these only. */
  readonly faults: FaultSet;
  readonly nodes: readonly string[];
  readonly elements: readonly FaultElement[];
  /** Per node and crash time, the element a crash at that time is (universe.ts), or -1. */
  readonly crashAt: readonly (readonly number[])[];
  /** Per element, the index in `nodes` of the node it crashes, or -1 (LineageFormula.crashNode). */
  readonly crashNode: readonly number[];
  /** Per goal, its supports as the element ids that cut them (a goal holds while one is missed). */
  readonly goals: readonly (readonly (readonly number[])[])[];
  /** omissionKey of each omission of `faults`. */
  readonly omissionKeys: readonly string[];
  /** The id of each omission element, by its omissionKey. */
  readonly omissionIds: ReadonlyMap<string, number>;
}

/**
 * The proof a good run's formula gives, or null when it proves nothing cheaply: some goal's supports
 * exceeded the cap (solved from the circuit), or some goal already fails under the run's faults.
 */
export function proofOf(formula: LineageFormula, faults: FaultSet, nodes: readonly string[]): Proof | null {
  const goals: (readonly (readonly number[])[])[] = [];
  for (const goal of formula.goals) {
    if (goal.hyperedges === null || goal.hyperedges.length === 0) return null;
    goals.push(goal.hyperedges);
  }
  if (goals.length === 0) return null;
  return {
    faults,
    nodes,
    elements: formula.elements,
    crashAt: formula.crashAt,
    crashNode: formula.crashNode,
    goals,
    omissionKeys: faults.omissions.map((o) => omissionKey(o.from, o.to, o.time)),
    omissionIds: new Map(
      formula.elements.flatMap((e, id) =>
        e.kind === 'omission' ? [[omissionKey(e.from, e.to, e.time), id] as const] : [],
      ),
    ),
  };
}

/** provesGood's marks, all 0 between calls. */
let scratch = new Uint8Array(256);

/** A hypothesis's faults, looked up by every proof it is tested against (`provesGood`). */
export interface FaultIndex {
  /** omissionKey of each omission. */
  readonly omitted: ReadonlySet<string>;
  /** Crash time by node. */
  readonly crashed: ReadonlyMap<string, number>;
}

export function faultIndex(h: FaultSet): FaultIndex {
  return {
    omitted: new Set(h.omissions.map((o) => omissionKey(o.from, o.to, o.time))),
    crashed: new Map(h.crashes.map((c) => [c.node, c.time])),
  };
}

/**
 * True when the hypothesis contains the proof's faults (crashes at the same times) and misses a
 * support of every goal: by the lemma above, its run keeps the spec. Linear in the size of the proof.
 */
export function provesGood(proof: Proof, index: FaultIndex): boolean {
  if (!proof.faults.crashes.every((c) => index.crashed.get(c.node) === c.time)) return false;
  if (!proof.omissionKeys.every((key) => index.omitted.has(key))) return false;
  // The elements the hypothesis cuts, marked in a buffer shared by every call and cleared after.
  if (scratch.length < proof.elements.length) scratch = new Uint8Array(proof.elements.length * 2);
  const cut = scratch;
  const marked = cutElements(proof, index);
  for (const id of marked) cut[id] = 1;
  const good = proof.goals.every((supports) => supports.some((edge) => edge.every((id) => cut[id] === 0)));
  for (const id of marked) cut[id] = 0;
  return good;
}

/**
 * The elements of the proof a hypothesis cuts: its omissions by key, and for each of its crashes
 * the element of that crash time's class (universe.ts: a crash time is looked up, never compared,
 * since a `no-crash` leaf is cut by a crash at exactly its time).
 */
function cutElements(proof: Proof, { omitted, crashed }: FaultIndex): number[] {
  const marked: number[] = [];
  for (const key of omitted) {
    const id = proof.omissionIds.get(key);
    if (id !== undefined) marked.push(id);
  }
  for (const [node, time] of crashed) {
    const n = proof.nodes.indexOf(node);
    const id = n < 0 ? -1 : (proof.crashAt[n]?.[time] ?? -1);
    if (id >= 0) marked.push(id);
  }
  return marked;
}

/**
 * What a hypothesis `h` that `proof` proves good would propose had it run (`--prune-proven`): the
 * proof's lineage stands for its own. Every violating G ⊇ h contains the proof's faults, so it cuts a
 * goal of the proof (the lemma above): it contains h ∪ M for some M minimal among the sets that,
 * added to h, cut a goal. Those h ∪ M are the proposals, each strictly larger than h.
 * Supports h cuts (by the exact marking provesGood uses) are done; the others must be cut by added
 * omissions or crashes of nodes h does not crash, within the budget `maxCrashes` leaves h.
 */
export function virtualProposals(proof: Proof, h: FaultSet, maxCrashes: number): readonly FaultSet[] {
  const index = faultIndex(h);
  const cut = new Set(cutElements(proof, index));
  const { elements } = proof;
  // A node h crashes crashes once: a superset of h keeps that crash as it is. (Moving it earlier, as
  // a run's own proposals may, is no superset: a `no-crash` leaf h's crash cut would hold again.)
  const usable = elements.map((e) => e.kind !== 'crash' || !index.crashed.has(e.node));
  const goals = proof.goals.map((supports, goal) => ({
    goal,
    // The supports h leaves standing, each to be cut by what may be added (none left: cannot be).
    hyperedges: supports
      .filter((edge) => !edge.some((id) => cut.has(id)))
      .map((edge) => edge.filter((id) => usable[id])),
  }));
  const formula: LineageFormula = {
    elements,
    crashNode: proof.crashNode,
    movesCrash: elements.map(() => false),
    crashBudget: Math.max(0, maxCrashes - index.crashed.size),
    crashAt: proof.crashAt,
    circuit: [],
    goals,
  };
  return solveFormula(formula, h).sets;
}
