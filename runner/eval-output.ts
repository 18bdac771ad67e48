// `ldfi eval`: one run with the faults given, its relations per time step (optionally only some
// relations and steps), then the run judged like a search judges it, each violation explained.
import type { Program } from '../datalog/syntax/types.js';
import type { Budget } from '../datalog/eval/budget.js';
import { evaluate, type Evaluation } from '../datalog/eval/evaluate.js';
import { describeFaults, formatTuple } from '../datalog/eval/faults.js';
import type { FailureSpec } from '../datalog/eval/types.js';
import { explainViolations } from './explain.js';
import { violations } from './judge.js';
import { violationLines } from './summary.js';

export interface EvalOutputOptions {
  /** Print only these relations (all when absent). */
  readonly only?: readonly string[];
  /** Print only these time steps (all when absent). */
  readonly at?: readonly number[];
  /** Print each explanation whole rather than compactly. */
  readonly explain?: boolean;
  /** Limits of the run (and of the failure-free run the explanation compares it with). */
  readonly budget?: Budget;
}

export interface EvalOutput {
  readonly text: string;
  /** Whether some `pre` tuple at EOT has no `post`. */
  readonly violated: boolean;
}

export function printEvaluation(
  program: Program,
  spec: FailureSpec,
  options: EvalOutputOptions = {},
): EvalOutput {
  const ev = evaluate(program, spec, options.budget ?? {});
  const out: string[] = [];
  out.push(`# nodes ${spec.nodes.join(',')}; EOT ${spec.eot}; faults: ${describeFaults(spec)}`);
  const only = options.only ? new Set(options.only) : null;
  for (let t = 1; t <= spec.eot; t++) {
    if (options.at && !options.at.includes(t)) continue;
    out.push(`\n== time ${t} ==`);
    const names = [...ev.db.relations()]
      .filter((r) => (only === null || only.has(r)) && ev.db.relationAt(r, t).length > 0)
      .sort();
    for (const name of names) {
      const rows = ev.db.relationAt(name, t).map((id) => formatTuple(name, ev.db.tuple(id).values));
      for (const row of rows.sort()) out.push(row); // not push(...rows): 200,000 rows overflow the stack
    }
  }
  out.push(`\n# ${ev.derivations.length} derivations, ${ev.db.size} tuples`);
  const verdict = judged(program, ev, options);
  return { text: [...out, '', ...verdict.lines].join('\n') + '\n', violated: verdict.violated };
}

/** `SPEC HOLDS …` or `VIOLATED` with each violation explained against the failure-free run. */
function judged(
  program: Program,
  ev: Evaluation,
  options: EvalOutputOptions,
): { lines: string[]; violated: boolean } {
  const whole = options.explain === true;
  const { spec } = ev;
  const pres = ev.db.relationAt('pre', spec.eot).length;
  const bad = violations(ev);
  if (bad.length === 0) {
    const what =
      pres === 0
        ? 'no pre tuple holds at EOT, so nothing was tested'
        : `each of the ${pres} pre tuple${pres === 1 ? '' : 's'} at EOT has its post`;
    return { lines: [`SPEC HOLDS: ${what}`], violated: false };
  }
  const why = explainViolations(program, ev, bad, options.budget);
  return {
    lines: ['VIOLATED', ...violationLines(bad, why, spec.eot, whole, '(--explain: every step)')],
    violated: true,
  };
}
