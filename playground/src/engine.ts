// The playground's one door into the engine: everything the worker, the course checker and the tests
// need (diagnostics, a search, one run with chosen faults), with programs read from an in-memory map of
// files. No DOM, no Node: it runs in the Web Worker and under vitest alike.
import { checkProgram } from '../../datalog/check.js';
import { formatDiagnostic, type Diagnostic } from '../../datalog/diagnostics.js';
import { evaluate, EvaluationError } from '../../datalog/evaluate.js';
import { lineageOf } from '../../datalog/lineage.js';
import { loadProgram } from '../../datalog/load.js';
import { AbsenceExplainer } from '../../datalog/negation.js';
import type { FaultSet } from '../../datalog/types.js';
import { failureSpaceSize } from '../../runner/bound.js';
import { withFaults } from '../../runner/faults.js';
import { violations } from '../../runner/judge.js';
import { programSource } from '../../runner/load.js';
import { locationWarnings } from '../../runner/locations.js';
import { runRecord } from '../../runner/record.js';
import { runSearch, type Progress } from '../../runner/search.js';
import type { SearchReport } from '../../runner/types.js';
import type { Program } from '../../datalog/ast.js';

export type { FaultSet, Progress, SearchReport };

/** What a lesson or a link runs: the files, which of them are entry points, and the bounds. */
export interface Job {
  /** Path → text: every file the entries may include. */
  readonly files: Readonly<Record<string, string>>;
  readonly entries: readonly string[];
  readonly nodes: readonly string[];
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
}

/** A diagnostic as the editor marks it, with the CLI's own text (`file:line:col: error[CODE]: …`). */
export interface Marker {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly file: string | null;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
  /** Exactly what `ldfi check` prints for it. */
  readonly text: string;
}

export class JobError extends Error {
  constructor(readonly markers: readonly Marker[]) {
    super(markers.map((m) => m.text).join('\n\n'));
    this.name = 'JobError';
  }
}

function load(job: Job): { program: Program; markers: Marker[]; sources: Map<string, string> } {
  const { program, diagnostics, sources } = loadProgram(job.entries, {
    read: (path) => job.files[path] ?? null,
  });
  const all = diagnostics.some((d) => d.severity === 'error')
    ? diagnostics
    : [...diagnostics, ...checkProgram(program), ...locationWarnings(program, job.nodes)];
  return { program, markers: all.map((d) => marker(d, sources)), sources };
}

function marker(d: Diagnostic, sources: ReadonlyMap<string, string>): Marker {
  const span = d.span;
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    file: span?.file ?? null,
    line: span?.line ?? 1,
    col: span?.col ?? 1,
    endLine: span?.endLine ?? span?.line ?? 1,
    endCol: span?.endCol ?? span?.col ?? 1,
    text: formatDiagnostic(d, sources),
  };
}

/** Every error and warning the CLI would print for this job, nothing run. */
export function diagnose(job: Job): Marker[] {
  return load(job).markers;
}

function loadChecked(job: Job): { program: Program; sources: Map<string, string> } {
  const { program, markers, sources } = load(job);
  if (markers.some((m) => m.severity === 'error')) throw new JobError(markers);
  return { program, sources };
}

function usageError(message: string): JobError {
  return new JobError([
    {
      code: 'usage',
      severity: 'error',
      message,
      file: null,
      line: 1,
      col: 1,
      endLine: 1,
      endCol: 1,
      text: `ldfi: error: ${message}`,
    },
  ]);
}

export interface SearchBudget {
  readonly maxRuns?: number;
  readonly timeoutMs?: number;
  readonly now?: () => number;
  readonly onProgress?: (p: Progress) => void;
}

/** The LDFI search, as `ldfi check` runs it; throws JobError for bad input. */
export function search(job: Job, budget: SearchBudget = {}): SearchReport {
  validate(job);
  const { program, sources } = loadChecked(job);
  try {
    return runSearch(program, {
      nodes: job.nodes,
      eot: job.eot,
      eff: job.eff,
      maxCrashes: job.crashes,
      ...(budget.maxRuns !== undefined ? { maxRuns: budget.maxRuns } : {}),
      ...(budget.timeoutMs !== undefined ? { timeoutMs: budget.timeoutMs } : {}),
      ...(budget.now ? { now: budget.now } : {}),
      ...(budget.onProgress ? { onProgress: budget.onProgress } : {}),
      records: 'all',
      source: programSource(program, sources),
    });
  } catch (e) {
    if (e instanceof EvaluationError) throw usageError(e.message);
    throw e;
  }
}

/**
 * Exactly one run with the given faults, judged, as a one-run report (`ldfi eval --crash … --omit …`):
 * what "predict, then check" runs.
 */
export function runWithFaults(job: Job, faults: FaultSet): SearchReport {
  validate(job);
  const { program, sources } = loadChecked(job);
  const spec = withFaults(
    { nodes: job.nodes, eot: job.eot, eff: job.eff, maxCrashes: job.crashes, crashes: [], omissions: [] },
    faults,
  );
  let evaluation;
  try {
    evaluation = evaluate(program, spec);
  } catch (e) {
    if (e instanceof EvaluationError) throw usageError(e.message);
    throw e;
  }
  const bad = violations(evaluation);
  const explainer = new AbsenceExplainer(evaluation);
  const lineage = lineageOf(evaluation, [...evaluation.db.relationAt('post', job.eot)], { explainer });
  const run = runRecord({ iteration: 0, evaluation, violations: bad, lineage, parent: null, proposals: [] });
  return {
    verdict: bad.length > 0 ? 'counterexample' : 'tolerant',
    strategy: 'ldfi',
    executions: 1,
    bound: failureSpaceSize({
      nodes: job.nodes.length,
      eot: job.eot,
      eff: job.eff,
      maxCrashes: job.crashes,
    }).toString(),
    elapsedMs: 0,
    spec: { nodes: job.nodes, eot: job.eot, eff: job.eff, maxCrashes: job.crashes },
    counterexample: bad.length > 0 ? 0 : null,
    program: programSource(program, sources),
    runs: [run],
  };
}

/** The bounds' own checks, worded as the CLI words them. */
function validate(job: Job): void {
  if (job.nodes.length === 0) throw usageError('give at least one node');
  if (new Set(job.nodes).size !== job.nodes.length) throw usageError('a node is named twice');
  for (const [name, value, min] of [
    ['EOT', job.eot, 1],
    ['EFF', job.eff, 0],
    ['crashes', job.crashes, 0],
  ] as const)
    if (!Number.isInteger(value) || value < min)
      throw usageError(`${name} must be an integer of at least ${min}, not ${value}`);
}

/** No `pre` tuple held at EOT in the failure-free run: nothing was tested (SPEC §4). */
export function isVacuous(report: SearchReport): boolean {
  const run0 = report.runs.find((r) => r.iteration === 0);
  if (!run0) return false;
  const eot = String(report.spec.eot);
  return !(run0.model.tables['pre'] ?? []).some((row) => row[row.length - 1] === eot);
}
