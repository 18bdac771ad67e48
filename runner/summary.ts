// What the CLI prints: the verdict in words, the `--json` summary (SPEC §6), and `ldfi eval`'s tables.
import type { Program } from '../datalog/ast.js';
import type { Budget } from '../datalog/budget.js';
import { evaluate } from '../datalog/evaluate.js';
import type { FailureSpec, FaultSet } from '../datalog/types.js';
import { describeFaults, effectiveFaults } from './faults.js';
import { tupleLabel } from './record.js';
import type { RunRecord, SearchReport } from './types.js';

/** What `ldfi check --json` prints (SPEC §6): the verdict, figures and the counterexample's faults. */
export interface JsonSummary {
  readonly verdict: SearchReport['verdict'];
  readonly executions: number;
  readonly bound: string;
  readonly counterexample: {
    readonly crashes: readonly { node: string; time: number }[];
    readonly omissions: readonly { from: string; to: string; time: number }[];
    readonly violations: readonly (readonly string[])[];
  } | null;
  /** SPEC §4: nothing was tested (no `pre` tuple in the failure-free run, or no fault allowed). */
  readonly vacuous: boolean;
  readonly elapsedMs: number;
  readonly strategy: SearchReport['strategy'];
  /** Which rule judged the runs (SPEC §4). */
  readonly judge: SearchReport['judge'];
  readonly spec: SearchReport['spec'];
  /** Why an inconclusive search stopped: 'max-runs', 'timeout', 'tuples' or 'interrupted'. */
  readonly stopped: NonNullable<SearchReport['stopped']>['reason'] | null;
}

/** The `--json` summary of a report. */
export function jsonSummary(report: SearchReport): JsonSummary {
  const run = report.runs.find((r) => r.iteration === report.counterexample);
  const faults = run ? counterexampleFaults(run) : null;
  return {
    verdict: report.verdict,
    executions: report.executions,
    bound: report.bound,
    counterexample:
      run && faults
        ? {
            crashes: faults.crashes.map((c) => ({ node: c.node, time: c.time })),
            omissions: faults.omissions.map((o) => ({ from: o.from, to: o.to, time: o.time })),
            violations: run.violations,
          }
        : null,
    vacuous: isVacuous(report),
    elapsedMs: report.elapsedMs,
    strategy: report.strategy,
    judge: report.judge,
    spec: report.spec,
    stopped: report.stopped?.reason ?? null,
  };
}

/**
 * The faults a counterexample needs: those that took effect (a random or exhaustive run may also
 * "lose" messages nobody sent). Rerunning with just these gives the same run; runs.json keeps
 * everything that was injected.
 */
function counterexampleFaults(run: RunRecord): FaultSet {
  return effectiveFaults(run.failureSpec, run.messages);
}

/** The human summary: verdict, faults in words, what broke, figures, where the report is. */
export function printSummary(report: SearchReport, reportPath: string | null): string {
  const { spec } = report;
  const bounds = `nodes ${spec.nodes.join(',')}; EOT ${spec.eot}; EFF ${spec.eff}; crashes ${spec.maxCrashes}`;
  const figures = `${report.executions} execution${report.executions === 1 ? '' : 's'} of a failure space of ${formatBound(report.bound)}, ${(report.elapsedMs / 1000).toFixed(2)} s`;
  const lines: string[] = [];
  const run = report.runs.find((r) => r.iteration === report.counterexample);
  if (report.verdict === 'counterexample' && run) {
    lines.push(`COUNTEREXAMPLE (${bounds})`);
    const faults = counterexampleFaults(run);
    const none = faults.crashes.length + faults.omissions.length === 0;
    lines.push(
      `  faults:   ${none ? 'none: the failure-free run already violates the spec' : describeFaults(faults)}`,
    );
    for (const v of run.violations)
      lines.push(
        `  violated: ${tupleLabel('pre', v, spec.eot)} holds, but ${tupleLabel('post', v, spec.eot)} does not`,
      );
    const more = report.runs.filter((r) => r.status === 'failure').length - 1;
    if (more > 0) lines.push(`  and ${more} more counterexample${more === 1 ? '' : 's'} (see the report)`);
  } else if (report.verdict === 'tolerant' && isVacuous(report)) {
    lines.push(`TOLERANT, BUT VACUOUSLY: nothing was tested (${bounds})`);
    lines.push(`  why:      ${report.vacuity!.message}`);
  } else if (report.verdict === 'tolerant') {
    lines.push(`TOLERANT within the bounds (${bounds})`);
  } else {
    lines.push(`INCONCLUSIVE: ${stopWords(report.stopped ?? null)} before a verdict (${bounds})`);
  }
  const judged = report.judge === 'ldfi' ? '' : `, judged by ${report.judge}'s rule`;
  lines.push(`  ${figures} (${report.strategy}${judged})`);
  if (reportPath) {
    const shown =
      report.runs.length < report.executions
        ? ` (${report.runs.length} of the ${report.executions} runs)`
        : '';
    lines.push(`  report:   ${reportPath}${shown}`);
  }
  return lines.join('\n') + '\n';
}

/** A tolerant verdict that tested nothing (a counterexample is never vacuous). */
export function isVacuous(report: SearchReport): boolean {
  return report.verdict === 'tolerant' && report.vacuity != null;
}

function stopWords(stop: SearchReport['stopped']): string {
  if (!stop) return 'the budget ran out';
  if (stop.reason === 'interrupted') return 'interrupted';
  if (stop.reason === 'tuples') return `run ${stop.during ?? '?'} grew past --max-tuples`;
  return stop.message;
}

function formatBound(bound: string): string {
  if (bound.length <= 7) return bound.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${bound[0]}.${bound.slice(1, 3)}e${bound.length - 1}`;
}

/** `ldfi eval`: every relation at every time step, sorted, one tuple a line. */
export function printEvaluation(program: Program, spec: FailureSpec, budget: Budget = {}): string {
  const ev = evaluate(program, spec, budget);
  const out: string[] = [];
  out.push(`# nodes ${spec.nodes.join(',')}; EOT ${spec.eot}; faults: ${describeFaults(spec)}`);
  for (let t = 1; t <= spec.eot; t++) {
    out.push(`\n== time ${t} ==`);
    const names = [...ev.db.relations()].filter((r) => ev.db.relationAt(r, t).length > 0).sort();
    for (const name of names) {
      const rows = ev.db.relationAt(name, t).map((id) => {
        const tuple = ev.db.tuple(id);
        return tupleLabel(tuple.relation, tuple.values, t).replace(/@\d+$/, '');
      });
      for (const row of rows.sort()) out.push(row); // not push(...rows): 200,000 rows overflow the stack
    }
  }
  out.push(`\n# ${ev.derivations.length} derivations, ${ev.db.size} tuples`);
  return out.join('\n') + '\n';
}
