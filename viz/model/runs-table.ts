// The runs table: one row per execution, the counterexample first. A long search keeps full records
// of only some runs (runner/search.ts); the others still get a row, marked as not kept.
import type { SearchReport } from '../../runner/types.js';
import { narrateRuns } from '../../runner/narrate.js';
import type { RunRow } from './types.js';
import { describeCrash, describeOmission, describeViolation } from './words.js';

/** Rows in iteration order, except that the report's counterexample comes first. */
export function runsTable(report: SearchReport): RunRow[] {
  const stories = narrateRuns(report);
  const kept = new Set(report.runs.map((run) => run.iteration));
  const lines =
    report.executed ??
    report.runs.map((run) => ({
      iteration: run.iteration,
      status: run.status,
      faults: run.failureSpec,
      violations: run.violations,
      parent: run.parent,
    }));
  const rows = lines.map((line): RunRow => ({
    iteration: line.iteration,
    status: line.status,
    counterexample: line.iteration === report.counterexample,
    crashes: line.faults.crashes.map(describeCrash),
    omissions: line.faults.omissions.map(describeOmission),
    violations: line.violations.map(describeViolation),
    parent: line.parent,
    kept: kept.has(line.iteration),
    story: stories.get(line.iteration) ?? [],
  }));
  const rank = (row: RunRow): number => (row.counterexample ? 0 : 1);
  return rows.sort((a, b) => rank(a) - rank(b) || a.iteration - b.iteration);
}
