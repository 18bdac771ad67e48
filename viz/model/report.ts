// The whole report as data: a summary parsed when the page loads, and one view per run parsed when
// the reader selects it.
import type { RunRecord, SearchReport } from '../../runner/types.js';
import { lineageDiff } from './lineage-diff.js';
import type { HoldsUnder } from './lineage-graph.js';
import { lineageModel } from './lineage.js';
import { relationTables } from './relations.js';
import { runsTable } from './runs-table.js';
import { spacetimeModel } from './spacetime.js';
import type { ReportSummaryView, RunView } from './types.js';
import { faultWords } from './words.js';
import { whyNotModel } from './why-not.js';

export interface ReportView {
  readonly summary: ReportSummaryView;
  readonly runs: readonly RunView[];
}

export interface ReportViewOptions {
  /** The solver's by default. */
  readonly holdsUnder?: HoldsUnder;
}

export function reportView(report: SearchReport, options: ReportViewOptions = {}): ReportView {
  const byIteration = new Map(report.runs.map((run) => [run.iteration, run]));
  // Good vs bad: a failing run against the run whose lineage proposed its faults (what those faults
  // were meant to cut), else the failure-free run.
  const diffOf = (run: RunRecord) => {
    const good = byIteration.get(run.parent ?? 0) ?? byIteration.get(0);
    return good && run.status === 'failure' && run !== good
      ? lineageDiff(good, run, options.holdsUnder)
      : null;
  };
  const summary: ReportSummaryView = {
    verdict: report.verdict,
    headline: headline(report),
    vacuous: isVacuous(report),
    strategy: report.strategy,
    judge: report.judge,
    executions: report.executions,
    bound: report.bound,
    spec: report.spec,
    counterexample: report.counterexample,
    rows: runsTable(report),
    program: report.program,
  };
  const runs = report.runs.map((run): RunView => ({
    iteration: run.iteration,
    title: runTitle(run),
    spacetime: spacetimeModel(run),
    lineage: lineageModel(run, report.program, options),
    diff: diffOf(run),
    faults: { crashes: run.failureSpec.crashes, omissions: run.failureSpec.omissions },
    relations: relationTables(run),
    whyNot: whyNotModel(run),
    replay: run.replay,
  }));
  return { summary, runs };
}

/** A tolerant verdict that tested nothing (SPEC §4). */
function isVacuous(report: SearchReport): boolean {
  return report.verdict === 'tolerant' && report.vacuity != null;
}

/** `Run 3 · failure · b crashed@2, a→b@1 lost` */
export function runTitle(run: RunRecord): string {
  const faults = faultWords(run.failureSpec);
  return `Run ${run.iteration} · ${run.status} · ${faults.length > 0 ? faults.join(', ') : 'no faults'}`;
}

function headline(report: SearchReport): string {
  const runs = [
    `${report.executions.toLocaleString('en')} execution${report.executions === 1 ? '' : 's'}`,
    ...(report.skipped ? [`${report.skipped.toLocaleString('en')} more known without running`] : []),
    ...(report.pruned ? [`${report.pruned.toLocaleString('en')} more proven good without running`] : []),
  ].join('; ');
  switch (report.verdict) {
    case 'counterexample': {
      const run = report.runs.find((r) => r.iteration === report.counterexample);
      const faults = run ? faultWords(run.failureSpec) : [];
      const because = faults.length > 0 ? `under ${faults.join(', ')}` : 'with no faults at all';
      return `Counterexample: run ${report.counterexample ?? '?'} violates the specification ${because} (${runs})`;
    }
    case 'tolerant':
      if (isVacuous(report))
        return `Tolerant, but vacuously: nothing was tested (${runs}). ${report.vacuity!.message}`;
      return `Tolerant within the bounds: no injected fault violated the specification (${runs})`;
    case 'inconclusive':
      return `Inconclusive: the run budget ran out after ${runs} without a verdict`;
  }
}
