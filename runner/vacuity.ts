// Nothing tested must never look like success (SPEC §4): bounds that allow no fault, a failure-free
// run with no `pre` tuple at EOT (and why: which relation of `pre`'s body is empty), and bounds that
// add nothing (EFF beyond EOT). Warnings with codes, positioned where the program can be.
import type { BodyAtom, Program } from '../datalog/syntax/types.js';
import { warning, type Diagnostic } from '../datalog/syntax/diagnostics.js';
import type { Evaluation } from '../datalog/eval/evaluate.js';

interface Bounds {
  readonly eot: number;
  readonly eff: number;
  readonly maxCrashes: number;
}

/** W012 (EFF beyond EOT) and W014 (no fault allowed at all), before any run. */
export function boundWarnings(bounds: Bounds): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (bounds.eff > bounds.eot)
    out.push(
      warning(
        'W012',
        `EFF ${bounds.eff} is beyond EOT ${bounds.eot}: a message sent at EOT or later arrives after the run, so losing it changes nothing; -f ${bounds.eot} explores the same failures`,
        null,
      ),
    );
  if (noFaults(bounds))
    out.push(
      warning(
        'W014',
        `the bounds allow no fault (EFF ${bounds.eff} lets no message be lost, since omissions need 1 <= time < EFF, and -c 0 crashes nothing): only the failure-free run is judged; raise -f (e.g. -f ${Math.max(2, bounds.eot - 1)}) or -c`,
        null,
      ),
    );
  return out;
}

export function noFaults(bounds: Bounds): boolean {
  return bounds.eff <= 1 && bounds.maxCrashes === 0;
}

/** W013 when the failure-free run has no `pre` tuple at EOT, naming the first empty body relation. */
export function vacuityOf(ev: Evaluation): Diagnostic | null {
  const { db, spec, program } = ev;
  if (db.relationAt('pre', spec.eot).length > 0) return null;
  const head = `nothing was tested: no 'pre' tuple holds at EOT ${spec.eot} in the failure-free run, nor in any run whose faults the search tried`;
  const rules = program.rules.filter((r) => r.head.relation === 'pre');
  for (const rule of rules) {
    const atoms = rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
    for (const atom of atoms) {
      const at = atom.time ?? spec.eot;
      if (db.relationAt(atom.atom.relation, at).length > 0) continue;
      return warning('W013', `${head}; ${whyEmpty(ev, program, atom, at)}`, atom.span);
    }
  }
  const because =
    rules.length === 0
      ? `'pre' is only given by facts, none at EOT ${spec.eot}; give them @${spec.eot} or persist them`
      : `each relation 'pre' reads holds, but no combination passes its joins, comparisons and notin`;
  return warning('W013', `${head}; ${because}`, rules[0]?.span ?? null);
}

function whyEmpty(ev: Evaluation, program: Program, atom: BodyAtom, at: number): string {
  const relation = atom.atom.relation;
  const defined =
    program.rules.some((r) => r.head.relation === relation) ||
    program.facts.some((f) => f.atom.relation === relation);
  if (!defined && relation !== 'crash' && relation !== 'clock')
    return `'${relation}' of pre's body is defined nowhere (a misspelt name?)`;
  const times: number[] = [];
  for (let t = 1; t <= ev.spec.eot; t++) if (ev.db.relationAt(relation, t).length > 0) times.push(t);
  if (times.length === 0)
    return `'${relation}' of pre's body never holds up to EOT ${ev.spec.eot}: does the protocol need more time (raise -t)?`;
  const when =
    times.length === 1 ? `at time ${times[0]}` : `at times ${times[0]}..${times[times.length - 1]}`;
  return `'${relation}' of pre's body holds ${when} but not at ${at}: does it persist (${relation}(…)@next :- ${relation}(…);), or should -t be smaller?`;
}
