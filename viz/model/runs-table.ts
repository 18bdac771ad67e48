// The runs table: one row per execution, the counterexample first.
import type { SearchReport } from '../../runner/types.js';
import { narrateRuns } from '../../runner/narrate.js';
import type { RunRow } from './types.js';
import { describeCrash, describeOmission, describeViolation } from './words.js';

/** Rows in iteration order, except that the report's counterexample comes first. */
export function runsTable(report: SearchReport): RunRow[] {
  const stories = narrateRuns(report);
  const rows = report.runs.map((run): RunRow => ({
    iteration: run.iteration,
    status: run.status,
    counterexample: run.iteration === report.counterexample,
    crashes: run.failureSpec.crashes.map(describeCrash),
    omissions: run.failureSpec.omissions.map(describeOmission),
    violations: run.violations.map(describeViolation),
    parent: run.parent,
    story: stories.get(run.iteration) ?? [],
  }));
  const rank = (row: RunRow): number => (row.counterexample ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || a.iteration - b.iteration);
}
