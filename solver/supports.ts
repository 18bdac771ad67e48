// Support families: for each lineage node, the minimal ways it can hold, bottom-up with absorption.
//
// A support is kept as its hyperedge (the elements that would cut one of its leaves; see GoalFormula),
// and a node's *family* is the set of its supports' hyperedges:
//   leaf  : { cutBy }                 (cutBy empty: the leaf always holds, the family {∅})
//   or    : ⋃ families of inputs      (a tuple holds through any derivation)
//   and   : { h1 ∪ … ∪ hk | hi ∈ family of input i }   (a derivation needs all its children)
// then absorption keeps only the minimal hyperedges (if h1 ⊆ h2, any fault set that spares h2 spares
// h1, so h2 adds nothing). The empty family means "never holds"; {∅} means "holds whatever we add".
import {
  bitsetOf,
  compareBitsets,
  emptyBitset,
  isSubset,
  members,
  size,
  union,
  type Bitset,
} from './bitset.js';
import { componentsInDependencyOrder } from '../datalog/syntax/scc.js';
import type { Gate } from './types.js';

/** Minimal, in canonical order; null = more supports than the cap allows. */
type Family = readonly Bitset[] | null;

/** A product of two families may try at most this many times the cap in pairs before giving up. */
const PAIRS_PER_CAP = 16;
/**
 * Set operations allowed for a whole lineage (about 10–20 ms). Past it every goal not yet done
 * falls back to the circuit: many families just under the cap cost more than the SAT backend.
 */
const WORK_BUDGET = 2_000_000;

/**
 * Expects a circuit (cycles allowed), the goal gates, the number of elements, and a cap.
 * Guarantees, per goal: the minimal hyperedges of the goal's supports in the least fixpoint (a cycle
 * holds nothing up by itself), each sorted ascending, in canonical order (fewest elements first);
 * or null when some family on the way would have exceeded `cap` supports (or the work budget ran out).
 */
export function goalHyperedges(
  circuit: readonly Gate[],
  goals: readonly number[],
  elementCount: number,
  cap: number,
): (number[][] | null)[] {
  const words = Math.max(1, Math.ceil(elementCount / 32));
  const context: Context = { circuit, words, cap, work: { done: 0 }, families: [] };
  const inputs = (gate: number): readonly number[] => inputsOf(circuit[gate]!);
  for (const component of componentsInDependencyOrder(circuit.length, goals, inputs)) {
    const only = component[0]!;
    const cyclic = component.length > 1 || inputs(only).includes(only);
    if (cyclic) solveCycle(context, component);
    else context.families[only] = evaluate(context, only);
  }
  return goals.map((goal) => context.families[goal]?.map(members) ?? null);
}

interface Context {
  readonly circuit: readonly Gate[];
  readonly words: number;
  readonly cap: number;
  /** Set operations so far (unions and subset tests), against WORK_BUDGET. */
  readonly work: { done: number };
  /** Undefined until computed; inside a cycle, the current approximation. */
  readonly families: Family[];
}

function inputsOf(gate: Gate): readonly number[] {
  return gate.kind === 'leaf' ? [] : gate.inputs;
}

/**
 * Kleene iteration from "nothing holds" over a strongly connected component: each round can only add
 * supports, the families are canonical, so the first round that changes nothing is the least fixpoint.
 */
function solveCycle(context: Context, component: readonly number[]): void {
  for (const gate of component) context.families[gate] = [];
  for (let changed = true; changed;) {
    changed = false;
    for (const gate of component) {
      const next = evaluate(context, gate);
      if (next === null) {
        for (const member of component) context.families[member] = null;
        return;
      }
      if (!sameFamily(next, context.families[gate]!)) {
        context.families[gate] = next;
        changed = true;
      }
    }
  }
}

function evaluate(context: Context, gateId: number): Family {
  if (context.work.done > WORK_BUDGET) return null;
  const gate = context.circuit[gateId]!;
  if (gate.kind === 'leaf') return [bitsetOf(context.words, gate.cutBy)];
  const inputs = gate.inputs.map((input) => context.families[input]);
  if (inputs.some((family) => family === null || family === undefined)) return null;
  const families = inputs as readonly (readonly Bitset[])[];
  if (gate.kind === 'or') {
    let result: Family = [];
    for (const family of families) {
      result = mergeFamilies(result, family, context);
      if (result === null) return null;
    }
    return result;
  }
  // A child that can never hold sinks the derivation, whatever the other children do.
  if (families.some((family) => family.length === 0)) return [];
  let result: Family = [emptyBitset(context.words)];
  for (const family of families) {
    result = product(result, family, context);
    if (result === null) return null;
  }
  return result;
}

/** a ∪ b of two minimal families, minimal: only supports of one can absorb supports of the other. */
function mergeFamilies(a: readonly Bitset[], b: readonly Bitset[], context: Context): Family {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  context.work.done += 2 * a.length * b.length;
  if (context.work.done > WORK_BUDGET) return null;
  const keptA = a.filter((x) => !b.some((y) => isSubset(y, x) && !isSubset(x, y)));
  const keptB = b.filter((y) => !a.some((x) => isSubset(x, y)));
  if (keptA.length + keptB.length > context.cap) return null;
  return sortFamily([...keptA, ...keptB]);
}

function product(a: readonly Bitset[], b: readonly Bitset[], context: Context): Family {
  if (a.length * b.length > context.cap * PAIRS_PER_CAP) return null;
  context.work.done += a.length * b.length;
  if (context.work.done > WORK_BUDGET) return null;
  const unions: Bitset[] = [];
  for (const x of a) for (const y of b) unions.push(union(x, y));
  return minimize(unions, context);
}

/** Absorption: drop every hyperedge that contains another (duplicates included). */
function minimize(hyperedges: readonly Bitset[], context: Context): Family {
  const kept: Bitset[] = [];
  for (const candidate of sortFamily(hyperedges)) {
    context.work.done += kept.length;
    if (context.work.done > WORK_BUDGET) return null;
    if (kept.some((smaller) => isSubset(smaller, candidate))) continue;
    kept.push(candidate);
    if (kept.length > context.cap) return null;
  }
  return kept;
}

/** Canonical order (fewest elements first): sizes computed once, not per comparison. */
function sortFamily(family: readonly Bitset[]): Bitset[] {
  return family
    .map((set) => ({ set, size: size(set) }))
    .sort((x, y) => x.size - y.size || compareBitsets(x.set, y.set))
    .map(({ set }) => set);
}

function sameFamily(a: readonly Bitset[], b: readonly Bitset[]): boolean {
  return a.length === b.length && a.every((set, i) => compareBitsets(set, b[i]!) === 0);
}
