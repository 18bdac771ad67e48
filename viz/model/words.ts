// Faults, messages and tuples in the one notation of the fault model (datalog/eval/faults.ts), plus the
// words only the report needs.
import type { Value } from '../../datalog/syntax/types.js';
import { formatTuple } from '../../datalog/eval/faults.js';

export { describeCrash, describeOmission, faultWords, formatTuple } from '../../datalog/eval/faults.js';

/** A violation is a `pre` tuple at EOT whose `post` is missing (SPEC §4). */
export function describeViolation(values: readonly Value[]): string {
  return `${formatTuple('post', values)} missing`;
}
