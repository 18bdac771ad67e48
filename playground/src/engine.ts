// The playground's one door into the engine, through the library's public API (index.ts): what the
// worker, the course checker and the tests need (diagnostics, a search, one run with chosen faults),
// with programs read from an in-memory map of files. No DOM, no Node: it runs in the Web Worker and
// under vitest alike.
import {
  check,
  DiagnosticError,
  formatDiagnostic,
  formatTuple,
  fullWhyNot,
  load,
  locationWarnings,
  timeWarnings,
  memoryLoader,
  programSource,
  runOnce,
  type Diagnostic,
  type FaultSet,
  type LoadResult,
  type Progress,
  type SearchReport,
} from '../../index.js';

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

function loadJob(job: Job): { loaded: LoadResult; markers: Marker[] } {
  const loaded = load(job.entries, memoryLoader(job.files));
  // The CLI also warns about facts at nodes the run does not have, or at times it never reaches.
  const all = loaded.ok
    ? [
        ...loaded.diagnostics,
        ...locationWarnings(loaded.program, job.nodes),
        ...timeWarnings(loaded.program, job.eot),
      ]
    : loaded.diagnostics;
  return { loaded, markers: all.map((d) => marker(d, loaded.sources)) };
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
  return loadJob(job).markers;
}

function loadChecked(job: Job): LoadResult {
  const { loaded, markers } = loadJob(job);
  if (!loaded.ok) throw new JobError(markers);
  return loaded;
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
  /** Stops the search within about one execution; the promise then rejects with its reason. */
  readonly signal?: AbortSignal;
}

/** The LDFI search, as `ldfi check` runs it; rejects with JobError for bad input. */
export async function search(job: Job, budget: SearchBudget = {}): Promise<SearchReport> {
  validate(job);
  const loaded = loadChecked(job);
  try {
    return await check(loaded, {
      nodes: job.nodes,
      eot: job.eot,
      eff: job.eff,
      maxCrashes: job.crashes,
      records: 'all',
      ...(budget.maxRuns !== undefined ? { maxRuns: budget.maxRuns } : {}),
      ...(budget.timeoutMs !== undefined ? { timeoutMs: budget.timeoutMs } : {}),
      ...(budget.now ? { now: budget.now } : {}),
      ...(budget.onProgress ? { onProgress: budget.onProgress } : {}),
      ...(budget.signal ? { signal: budget.signal } : {}),
    });
  } catch (e) {
    throw asJobError(e);
  }
}

/**
 * Exactly one run with the given faults, judged, as a one-run report (`ldfi eval --crash … --omit …`):
 * what "predict, then check" runs.
 */
export function runWithFaults(job: Job, faults: FaultSet): SearchReport {
  validate(job);
  const loaded = loadChecked(job);
  const bounds = { nodes: job.nodes, eot: job.eot, eff: job.eff, maxCrashes: job.crashes };
  let run;
  try {
    run = runOnce(loaded, { ...bounds, crashes: faults.crashes, omissions: faults.omissions });
  } catch (e) {
    throw asJobError(e);
  }
  const failed = run.status === 'failure';
  return {
    verdict: failed ? 'counterexample' : 'tolerant',
    strategy: 'ldfi',
    // runOnce judges by the default rule (SPEC §4).
    judge: 'ldfi',
    executions: 1,
    // One fault combination was tried: the given one.
    bound: '1',
    elapsedMs: 0,
    spec: bounds,
    counterexample: failed ? 0 : null,
    program: programSource(loaded.program, loaded.sources),
    runs: [run],
  };
}

/** What the engine throws about the input, as markers; an abort and anything else pass through. */
function asJobError(e: unknown): unknown {
  if (e instanceof DiagnosticError) return new JobError(e.diagnostics.map((d) => marker(d, e.sources)));
  // An evaluation the engine refused (a budget, an overflow): its message, as the CLI prints it.
  if (e instanceof Error && e.name !== 'AbortError' && !(e instanceof JobError)) return usageError(e.message);
  return e;
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

/** Why a violated `post` is missing, as `ldfi check --explain` prints it. */
export interface WhyNotText {
  /** `violated: pre("c", "hello")@4 holds, but post("c", "hello")@4 does not` */
  readonly violation: string;
  /** The why-not graph as an indented tree, from the faults that matter down to the faults. */
  readonly lines: readonly string[];
}

/** The why-not explanation of every violation of every failing run the report kept, by iteration. */
export function whyNotTexts(report: SearchReport): Record<number, WhyNotText[]> {
  const eot = report.spec.eot;
  const out: Record<number, WhyNotText[]> = {};
  for (const run of report.runs)
    if (run.why.length > 0)
      out[run.iteration] = run.why.map((why) => ({
        violation: `violated: ${formatTuple('pre', why.violation, eot)} holds, but ${formatTuple('post', why.violation, eot)} does not`,
        lines: fullWhyNot(why),
      }));
  return out;
}
