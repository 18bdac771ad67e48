// What `ldfi check` prints: the verdict in words with each violation explained, or the `--json`
// summary (SPEC §6).
import type { FaultSet } from '../datalog/eval/types.js';
import { describeFaults, effectiveFaults, formatTuple } from '../datalog/eval/faults.js';
import { compactWhyNot, fullWhyNot } from './explain.js';
import { formatBound } from './bound.js';
import { narrateRuns } from './narrate.js';
import type { RunRecord, SearchReport } from './types.js';

/** What `ldfi check --json` prints (SPEC §6): the verdict, figures and the counterexample's faults. */
export interface JsonSummary {
  readonly verdict: SearchReport['verdict'];
  readonly executions: number;
  /** Hypotheses explored without running: their run was known to be an executed one. */
  readonly skipped: number;
  /** Hypotheses not run because an earlier good run proves them good (absent with --no-prune-proven and for other strategies than ldfi). */
  readonly pruned?: number;
  /** Classes of interchangeable nodes explored once each (empty: no symmetry reduction). */
  readonly symmetry: readonly (readonly string[])[];
  readonly bound: string;
  readonly counterexample: {
    readonly crashes: readonly { node: string; time: number }[];
    readonly omissions: readonly { from: string; to: string; time: number }[];
    readonly violations: RunRecord['violations'];
  } | null;
  /** SPEC §4: nothing was tested (no `pre` tuple in the failure-free run, or no fault allowed). */
  readonly vacuous: boolean;
  /** The `ldfi eval` command that replays the counterexample. */
  readonly replay: string | null;
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
    skipped: report.skipped ?? 0,
    ...(report.pruned !== undefined ? { pruned: report.pruned } : {}),
    symmetry: report.symmetry ?? [],
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
    replay: run?.replay ?? null,
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

export interface SummaryOptions {
  /** Narrate every run, and print each explanation whole. */
  readonly explain?: boolean;
}

/** The human summary: verdict, faults in words, what broke and why, the replay, figures, the report. */
export function printSummary(
  report: SearchReport,
  reportPath: string | null,
  options: SummaryOptions = {},
): string {
  const { spec } = report;
  const bounds = `nodes ${spec.nodes.join(',')}; EOT ${spec.eot}; EFF ${spec.eff}; crashes ${spec.maxCrashes}`;
  const figures = `${report.executions} execution${report.executions === 1 ? '' : 's'} of a failure space of ${formatBound(report.bound)}, ${(report.elapsedMs / 1000).toFixed(2)} s`;
  const lines: string[] = [];
  if (options.explain) lines.push(...storyLines(report));
  const failures = report.runs.filter((r) => r.status === 'failure');
  if (report.verdict === 'counterexample' && failures.length > 0) {
    lines.push(`COUNTEREXAMPLE (${bounds})`);
    failures.forEach((run, i) => {
      if (failures.length > 1)
        lines.push(`  counterexample ${i + 1} of ${failures.length} (run ${run.iteration})`);
      lines.push(...counterexampleLines(run, options.explain === true));
    });
    if (!options.explain) lines.push('  (--explain: every step of each explanation, and every run)');
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
  if (report.skipped)
    lines.push(
      `  known:    ${report.skipped.toLocaleString('en')} more fault sets, whose runs repeat executed ones, not run`,
    );
  if (report.pruned)
    lines.push(
      `  proven:   ${report.pruned.toLocaleString('en')} more fault sets, whose runs earlier good runs prove good, not run`,
    );
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

/** One counterexample: its faults, each violation with why, and the command that replays it. */
function counterexampleLines(run: RunRecord, whole: boolean): string[] {
  const lines: string[] = [];
  const faults = counterexampleFaults(run);
  const none = faults.crashes.length + faults.omissions.length === 0;
  lines.push(
    `  faults:   ${none ? 'none: the failure-free run already violates the spec' : describeFaults(faults)}`,
  );
  lines.push(...violationLines(run.violations, run.why, run.failureSpec.eot, whole, null));
  if (run.replay) lines.push(`  replay:   ${run.replay}`);
  return lines;
}

/** `violated: …` under which the explanation, compact or whole, indented. */
export function violationLines(
  violations: RunRecord['violations'],
  why: RunRecord['why'],
  eot: number,
  whole: boolean,
  hint: string | null,
): string[] {
  const lines: string[] = [];
  // Compact: a violation whose faults that matter were already shown is one line (--explain: all).
  const shown = new Set<string>();
  violations.forEach((v, i) => {
    const violated = `  violated: ${formatTuple('pre', v, eot)} holds, but ${formatTuple('post', v, eot)} does not`;
    const record = why[i];
    const explanation = record ? (whole ? fullWhyNot(record) : compactWhyNot(record)) : [];
    const key = explanation[0] ?? '';
    if (!whole && record && shown.has(key)) {
      lines.push(`${violated} (same faults that matter)`);
      return;
    }
    shown.add(key);
    lines.push(violated, ...explanation.map((l) => `            ${l}`));
  });
  if (!whole && hint !== null && violations.length > 0) lines.push(`            ${hint}`);
  return lines;
}

/** `--explain`: each kept run's story, in execution order. */
function storyLines(report: SearchReport): string[] {
  const stories = narrateRuns(report);
  const lines: string[] = [];
  for (const run of report.runs)
    lines.push(...stories.get(run.iteration)!.map((l, i) => (i === 0 ? l : `  ${l}`)), '');
  if (report.runs.length < report.executions)
    lines.push(`(${report.executions - report.runs.length} later runs were not kept; see --max-runs)`, '');
  return lines;
}

function stopWords(stop: SearchReport['stopped']): string {
  if (!stop) return 'the budget ran out';
  if (stop.reason === 'interrupted') return 'interrupted';
  if (stop.reason === 'tuples') return `run ${stop.during ?? '?'} grew past --max-tuples`;
  return stop.message;
}
