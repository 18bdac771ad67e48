// The correctness specification (SPEC §4): at EOT, every `pre` tuple must also be a `post` tuple.
import type { Value } from '../datalog/ast.js';
import type { Evaluation } from '../datalog/evaluate.js';

/** The `pre` tuples at EOT with no equal `post` tuple, in tuple order. */
export function violations(ev: Evaluation): Value[][] {
  const { db, spec } = ev;
  const out: Value[][] = [];
  for (const id of db.relationAt('pre', spec.eot)) {
    const values = db.tuple(id).values;
    if (db.find('post', values, spec.eot) === undefined) out.push([...values]);
  }
  return out;
}
