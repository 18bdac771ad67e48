// The lineage of goal tuples as an AND/OR graph (datalog/eval/types.ts LineageGraph), built from a run's
// recorded derivations. Node ids follow a breadth-first walk from the goals in order, so the same
// run always gives the same graph.
import type { Evaluation } from '../eval/evaluate.js';
import { crashKey, messageKey } from '../eval/faults.js';
import { AbsenceExplainer, movedCrashBlockers, type AbsenceExplanations, type Blockers } from './negation.js';
import { explainedProgram } from './slots.js';
import type { Message, NegatedAtom, TupleId } from '../eval/types.js';
import type { LineageGraph, LineageNode } from './types.js';

export interface LineageOptions {
  /** Follow `notin` atoms to what could make them fail (SPEC §5). Default true. */
  readonly negation?: boolean;
  /** An explainer of this run to reuse (and its memo), when one run needs several graphs. */
  readonly explainer?: AbsenceExplanations;
  /**
   * Absences to protect as goals too: for each atom (null columns open) whose blockers faults could
   * cut, one more goal, a derivation node with `rule` and `derivation` -1 whose children are the
   * blockers. Cutting it makes a matching tuple appear (a new `pre` tuple, SPEC §4). For the solver
   * only: reports have no rule to show for it. Ignored without `negation`.
   */
  readonly absent?: readonly NegatedAtom[];
}

type Draft =
  | { kind: 'tuple'; tuple: TupleId; derivations: number[] }
  | { kind: 'derivation'; derivation: number; rule: number; children: number[] }
  | { kind: 'message'; message: Message }
  | { kind: 'no-crash'; node: string; time: number | null };

/** The AND/OR graph of every derivation of `goals`, down to base facts and message leaves. */
export function lineageOf(
  ev: Evaluation,
  goals: readonly TupleId[],
  options: LineageOptions = {},
): LineageGraph {
  const { db } = ev;
  const explainer = options.negation === false ? null : (options.explainer ?? new AbsenceExplainer(ev));
  const nodes: Draft[] = [];
  const tupleNodes = new Map<TupleId, number>();
  const leafNodes = new Map<string, number>();
  const queue: number[] = [];
  const clockRel = db.relationIdOf('clock');
  const crashRel = db.relationIdOf('crash');
  // Per rule (computed once per program): does some `crash` atom of it care when the node crashed?
  const rules = explainedProgram(ev.program).rules;
  const movedMatters = (index: number): boolean => rules[index]!.positives.some((a) => a.crashTimeMatters);

  const leaf = (key: string, draft: Draft): number => {
    let id = leafNodes.get(key);
    if (id === undefined) {
      id = nodes.push(draft) - 1;
      leafNodes.set(key, id);
    }
    return id;
  };
  const messageLeaf = (m: Message): number => leaf(`m${messageKey(m)}`, { kind: 'message', message: m });
  const tupleNode = (id: TupleId): number => {
    if (db.rel(id) === clockRel) {
      const [from, to, sendTime] = db.tuple(id).values;
      if (from !== to && typeof from === 'string' && typeof to === 'string' && typeof sendTime === 'number')
        return messageLeaf({ from, to, sendTime });
    }
    let node = tupleNodes.get(id);
    if (node === undefined) {
      node = nodes.push({ kind: 'tuple', tuple: id, derivations: [] }) - 1;
      tupleNodes.set(id, node);
      queue.push(node);
    }
    return node;
  };

  const addBlockers = (children: number[], blockers: Blockers): void => {
    for (const t of blockers.tuples) children.push(tupleNode(t));
    for (const c of blockers.crashes)
      children.push(leaf(`c${crashKey(c.node, c.time)}`, { kind: 'no-crash', node: c.node, time: c.time }));
  };

  const goalNodes = goals.map(tupleNode);
  for (const atom of explainer ? (options.absent ?? []) : []) {
    const children: number[] = [];
    addBlockers(children, explainer!.blockers(atom));
    if (children.length > 0)
      goalNodes.push(
        nodes.push({ kind: 'derivation', derivation: -1, rule: -1, children: dedupe(children) }) - 1,
      );
  }
  for (let q = 0; q < queue.length; q++) {
    const draft = nodes[queue[q]!]!;
    if (draft.kind !== 'tuple' || ev.isBase(draft.tuple)) continue;
    for (const d of ev.derivationsOf(draft.tuple)) {
      const derivation = ev.derivations[d]!;
      const children = derivation.body.map(tupleNode);
      if (derivation.message) children.push(messageLeaf(derivation.message));
      // A crash tuple read for its time holds only while its node does not crash earlier instead.
      if (movedMatters(derivation.rule))
        for (const t of derivation.body)
          if (db.rel(t) === crashRel)
            addBlockers(children, { tuples: [], crashes: movedCrashBlockers(db.tuple(t).values) });
      if (explainer) {
        for (const neg of derivation.negated) {
          const blockers = explainer.blockers(neg);
          addBlockers(children, blockers);
        }
        // An aggregate's value also holds only while its group gains no input (SPEC §5.5).
        addBlockers(children, explainer.growth(d));
      }
      const node =
        nodes.push({ kind: 'derivation', derivation: d, rule: derivation.rule, children: dedupe(children) }) -
        1;
      draft.derivations.push(node);
    }
  }
  return { nodes: nodes as LineageNode[], goals: goalNodes };
}

/** The ids without repeats, in first-seen order (short lists, the common case, allocate nothing). */
function dedupe(ids: number[]): number[] {
  if (ids.length > 16) return [...new Set(ids)];
  for (let i = 1; i < ids.length; i++)
    for (let j = 0; j < i; j++) if (ids[i] === ids[j]) return [...new Set(ids)];
  return ids;
}
