// A lesson's exercise and its automatic check. The check is the engine's own verdict: a search at the
// lesson's bounds ("make it tolerant"), or one run with the faults the student chose ("find a fault
// set of size 2 that breaks it"). Pure: the worker and the course test share it.
import { isVacuous, runWithFaults, search, type FaultSet, type Job, type SearchBudget } from './engine.js';
import type { Exercise } from './lesson.js';

export interface Verdict {
  readonly passed: boolean;
  /** What the check found, in a sentence or two. */
  readonly because: string;
}

/** Judges a program exercise: `job` holds the student's program. */
export async function checkProgramExercise(
  exercise: Extract<Exercise, { kind: 'tolerant' }>,
  job: Job,
  budget: SearchBudget = {},
): Promise<Verdict> {
  const report = await search(job, budget);
  const runs = `${report.executions} execution${report.executions === 1 ? '' : 's'}`;
  if (report.verdict === 'counterexample')
    return { passed: false, because: `Not yet: LDFI found a counterexample in ${runs}.` };
  if (report.verdict === 'inconclusive')
    return { passed: false, because: `Not judged: the budget ran out after ${runs}.` };
  if (isVacuous(report))
    return {
      passed: false,
      because: `Tolerant, but vacuously: no pre tuple holds at the end of time in the failure-free run, so nothing was tested (${runs}).`,
    };
  const quietFrom = exercise.quietFrom;
  if (quietFrom !== undefined) {
    const run0 = report.runs.find((r) => r.iteration === 0);
    const late = (run0?.messages ?? []).filter((m) => m.sendTime >= quietFrom);
    if (late.length > 0) {
      const first = late[0]!;
      return {
        passed: false,
        because: `Tolerant (${runs}), but not quiet: without faults ${first.from} still sends to ${first.to} at time ${first.sendTime} (and ${late.length - 1} more messages from time ${quietFrom} on).`,
      };
    }
  }
  return { passed: true, because: `Tolerant within the bounds and not vacuous (${runs}).` };
}

/** Judges a fault exercise: `job` holds the lesson's own program, `faults` the student's choice. */
export function checkFaultExercise(
  exercise: Extract<Exercise, { kind: 'faults' }>,
  job: Job,
  faults: FaultSet,
): Verdict {
  const size = faults.crashes.length + faults.omissions.length;
  if (size !== exercise.size)
    return {
      passed: false,
      because: `Pick exactly ${exercise.size} fault${exercise.size === 1 ? '' : 's'}; you picked ${size}.`,
    };
  if (exercise.crash !== undefined && !faults.crashes.some((c) => c.node === exercise.crash))
    return { passed: false, because: `The fault set must crash ${exercise.crash}.` };
  const report = runWithFaults(job, faults);
  return report.verdict === 'counterexample'
    ? {
        passed: true,
        because: `These faults break it: ${report.runs[0]!.violations.length} pre tuple(s) lose their post.`,
      }
    : { passed: false, because: 'The protocol survived these faults: the spec holds at the end of time.' };
}
