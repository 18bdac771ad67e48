// The correctness specification (SPEC §4): which runs violate it, under one of two judges.
//
// - 'ldfi' (the default): at EOT, every `pre` tuple must also be a `post` tuple; the failure-free run
//   is judged like any other.
// - 'molly' (Molly's `isGood`, for comparing results): a run is bad iff some `post` tuple of the
//   failure-free run is missing at EOT while the same `pre` tuple holds; the failure-free run is
//   never bad. Every counterexample under Molly's rule is one under ours, not the other way round: a
//   `pre` tuple the failure-free run never had a `post` for is invisible to Molly.
import type { Value } from '../datalog/syntax/types.js';
import type { Evaluation } from '../datalog/eval/evaluate.js';

/** Which runs violate the spec (SPEC §4): ldfi's rule (a `pre` without its `post`) or Molly's. */
export type JudgeName = 'ldfi' | 'molly';

export const JUDGES: readonly JudgeName[] = ['ldfi', 'molly'];

/** Judges runs: the `pre` tuples at EOT that count as violated, in tuple order (empty: the run is good). */
export type Judge = (ev: Evaluation) => Value[][];

/** The judge `name`, given the failure-free run (Molly's rule compares every run against it). */
export function judgeOf(name: JudgeName, failureFree: Evaluation): Judge {
  if (name === 'ldfi') return violations;
  const expected = failureFree.db
    .relationAt('post', failureFree.spec.eot)
    .map((id) => failureFree.db.tuple(id).values);
  return (ev) => {
    if (ev === failureFree) return [];
    const { db, spec } = ev;
    return expected
      .filter(
        (values) =>
          db.find('post', values, spec.eot) === undefined && db.find('pre', values, spec.eot) !== undefined,
      )
      .map((values) => [...values]);
  };
}

/** ldfi's rule: the `pre` tuples at EOT with no equal `post` tuple, in tuple order. */
export function violations(ev: Evaluation): Value[][] {
  const { db, spec } = ev;
  const out: Value[][] = [];
  for (const id of db.relationAt('pre', spec.eot)) {
    const values = db.tuple(id).values;
    if (db.find('post', values, spec.eot) === undefined) out.push([...values]);
  }
  return out;
}
