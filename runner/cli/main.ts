// The `ldfi` command: the only place that touches the file system, the clock and the terminal.
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { RESERVED_RELATIONS } from '../../datalog/syntax/types.js';
import { BudgetExceeded } from '../../datalog/eval/budget.js';
import {
  DiagnosticError,
  escapeControl,
  formatDiagnostic,
  formatDiagnosticReport,
  formatWarnings,
} from '../../datalog/syntax/diagnostics.js';
import { EvaluationError } from '../../datalog/eval/evaluate.js';
import { evalSpec, parseArgs, UsageError, type CheckArgs } from './args.js';
import { loadChecked, programSource } from '../load.js';
import { locationWarnings, timeWarnings } from '../locations.js';
import { printEvaluation } from '../eval-output.js';
import { printSummary, jsonSummary } from '../summary.js';
import { BoundsError, failureSpaceSize } from '../bound.js';
import { executionSettings, searchSteps, type Progress, type SearchOptions } from '../search.js';
import { boundWarnings } from '../vacuity.js';
import { threadPool, type ThreadPool } from './pool.js';
import { writeReport } from '../../viz/node/write-report.js';
import { claimOutput } from './output.js';
import { confinedFileLoader, fileLoader } from './files.js';
import { loadLogicSolverOnDemand } from './sat-loader.js';
import { watchSignals, type SignalWatch } from './signals.js';

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
  readonly columns: number;
  /** Ctrl-C and kill: the CLI's (default: the process's SIGINT and SIGTERM). */
  readonly signals?: () => SignalWatch;
}

/** Larger failure spaces need a budget before `--strategy exhaustive` starts on them. */
const EXHAUSTIVE_UNBUDGETED = 1_000_000n;
/** A search yields to signal handlers at least this often (ms). */
const YIELD_EVERY_MS = 50;

loadLogicSolverOnDemand();

// A reader that goes away (`ldfi … --json | head -c1`) is a quiet end, not a crash: the verdict and
// the report stand, and there is nobody left to tell.
const quietOnBrokenPipe = (e: NodeJS.ErrnoException): void => {
  if (e.code !== 'EPIPE') throw e;
};
let pipesWatched = false;
function write(stream: NodeJS.WriteStream, s: string): void {
  if (!pipesWatched) {
    pipesWatched = true;
    process.stdout.on('error', quietOnBrokenPipe);
    process.stderr.on('error', quietOnBrokenPipe);
  }
  if (!stream.destroyed) stream.write(s);
}

const processIo: Io = {
  stdout: (s) => write(process.stdout, s),
  stderr: (s) => write(process.stderr, s),
  isTTY: process.stderr.isTTY === true,
  columns: process.stdout.columns ?? 100,
  signals: () => watchSignals(),
};

/** Run the command; returns the exit status (SPEC §6). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let sources = new Map<string, string>();
  try {
    if (argv[0] === 'playground')
      return await (await import('./playground.js')).playground(argv.slice(1), io);
    const args = await parseArgs(argv, io.columns, packageVersion());
    if ('help' in args) {
      io.stdout(args.help + '\n');
      return 0;
    }
    const loaded = loadChecked(args.files, confinedFileLoader(args.files, args.includeRoot).read, {
      strict: args.strict,
    });
    sources = loaded.sources;
    const warnings = [
      ...loaded.warnings,
      ...locationWarnings(loaded.program, args.nodes),
      ...timeWarnings(loaded.program, args.eot),
    ];
    if (warnings.length > 0) io.stderr(formatWarnings(warnings, sources));
    if (args.command === 'eval') {
      const spec = evalSpec(args);
      const known = new Set([
        ...loaded.program.rules.map((r) => r.head.relation),
        ...loaded.program.facts.map((f) => f.atom.relation),
        ...RESERVED_RELATIONS,
      ]);
      const unknown = (args.only ?? []).filter((r) => !known.has(r));
      if (unknown.length > 0)
        throw new UsageError(`--only: no relation ${unknown.map((r) => `'${r}'`).join(', ')} in the program`);
      const late = (args.at ?? []).filter((t) => t > spec.eot);
      if (late.length > 0) throw new UsageError(`--at ${late.join(',')} is after EOT ${spec.eot}`);
      const result = printEvaluation(loaded.program, spec, {
        ...(args.only ? { only: args.only } : {}),
        ...(args.at ? { at: args.at } : {}),
        explain: args.explain,
        budget: { maxTuples: args.maxTuples },
      });
      io.stdout(escapeLines(result.text));
      return result.violated ? 1 : 0;
    }
    return await check(args, loaded.program, programSource(loaded.program, sources), io, sources);
  } catch (e) {
    return failure(e, sources, io);
  }
}

/** The exit status and message of what stopped the command. */
function failure(e: unknown, sources: ReadonlyMap<string, string>, io: Io): number {
  if (e instanceof UsageError || e instanceof BoundsError) {
    io.stderr(`ldfi: error: ${escapeControl(e.message)}\nTry 'ldfi --help'.\n`);
    return 2;
  }
  if (e instanceof DiagnosticError) {
    io.stderr(formatDiagnosticReport(e.diagnostics, e.sources.size > 0 ? e.sources : sources));
    return 2;
  }
  if (e instanceof EvaluationError) {
    io.stderr(
      e.diagnostic
        ? `${formatDiagnostic(e.diagnostic, sources)}\n`
        : `ldfi: error: ${escapeControl(e.message)}\n`,
    );
    return 2;
  }
  if (e instanceof BudgetExceeded) {
    io.stderr(`ldfi: ${e.message}\n`);
    return 3;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.stderr(
    `ldfi: internal error: ${escapeControl(err.message)}\nThis is a bug in ldfi; please report it with the command you ran.\n`,
  );
  if (process.env['LDFI_DEBUG']) io.stderr(`${err.stack ?? ''}\n`);
  return 4;
}

async function check(
  args: CheckArgs,
  program: Parameters<typeof searchSteps>[0],
  source: ReturnType<typeof programSource>,
  io: Io,
  sources: ReadonlyMap<string, string>,
): Promise<number> {
  const started = performance.now();
  const boundsSaid = boundWarnings({ eot: args.eot, eff: args.eff, maxCrashes: args.crashes });
  if (boundsSaid.length > 0) io.stderr(formatWarnings(boundsSaid, sources));
  const bound = failureSpaceSize({
    nodes: args.nodes.length,
    eot: args.eot,
    eff: args.eff,
    maxCrashes: args.crashes,
  });
  if (
    args.strategy === 'exhaustive' &&
    bound > EXHAUSTIVE_UNBUDGETED &&
    args.maxRuns === undefined &&
    args.timeout === undefined
  )
    throw new UsageError(
      `the failure space has ${bound} fault combinations: too many to try them all; give --max-runs or --timeout, or use --strategy ldfi`,
    );
  // Before the search: a bad -o must not cost the verdict of a long search.
  const output = claimOutput(args.out);
  const signals = io.signals?.() ?? null;
  let pool: ThreadPool | null = null;
  try {
    const options: SearchOptions = {
      nodes: args.nodes,
      eot: args.eot,
      eff: args.eff,
      maxCrashes: args.crashes,
      strategy: args.strategy,
      seed: args.seed,
      ...(args.maxRuns !== undefined ? { maxRuns: args.maxRuns } : {}),
      ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
      maxTuples: args.maxTuples,
      shouldStop: () => (signals?.received() ?? null) !== null,
      all: args.all,
      symmetry: args.symmetry,
      pruneProven: args.pruneProven,
      negation: args.negation,
      solver: { backend: args.solver },
      judge: args.judge,
      now: () => performance.now(),
      onProgress: progressLine(args, io, started),
      source,
      files: args.files,
    };
    pool = args.strategy === 'ldfi' ? threadPool(program, executionSettings(options), jobs(args)) : null;
    const steps = searchSteps(program, pool ? { ...options, pool } : options);
    // One execution at a time, letting Ctrl-C's handler in now and then.
    let yielded = performance.now();
    let step = steps.next();
    while (!step.done) {
      if ('waiting' in step.value) {
        await step.value.waiting;
        yielded = performance.now();
      } else if (performance.now() - yielded >= YIELD_EVERY_MS) {
        await yieldToEvents();
        yielded = performance.now();
      }
      step = steps.next();
    }
    const report = step.value;
    if (io.isTTY && !args.json && performance.now() - started >= 1000) io.stderr('\r\x1b[K');
    // Nothing tested must never look like success: say why on stderr, whatever the output format.
    if (report.vacuity && report.verdict === 'tolerant' && report.vacuity.code !== 'W014')
      io.stderr(formatWarnings([report.vacuity], sources));
    const written = await writeReport(output.dir, report, { dot: args.dot });
    if (args.json) io.stdout(JSON.stringify(jsonSummary(report)) + '\n');
    else io.stdout(escapeLines(printSummary(report, written.indexPath, { explain: args.explain })));
    if (report.stopped?.reason === 'tuples') io.stderr(`ldfi: ${report.stopped.message}\n`);
    const signal = report.stopped?.reason === 'interrupted' ? signals?.received() : null;
    if (signal) return signal === 'SIGTERM' ? 143 : 130;
    return report.verdict === 'tolerant' ? 0 : report.verdict === 'counterexample' ? 1 : 3;
  } finally {
    await pool?.close();
    signals?.stop();
    output.release();
  }
}

/**
 * --jobs, default 1: measured on a free second core, two threads made Paxos 7/6/1 slower (0.73–0.87×,
 * 45–70 % more CPU) and 6-node ack delivery barely faster (1.05×): docs/distributed.md.
 */
function jobs(args: CheckArgs): number {
  return args.jobs ?? 1;
}

/** Node names and values come from the user: escaped, line by line, before they reach a terminal. */
function escapeLines(text: string): string {
  return text.split('\n').map(escapeControl).join('\n');
}

function progressLine(args: CheckArgs, io: Io, started: number): (p: Progress) => void {
  let lastProgress = started;
  return (p) => {
    const t = performance.now();
    if (args.json || t - started < 1000 || t - lastProgress < (io.isTTY ? 200 : 5000)) return;
    lastProgress = t;
    const line = `ldfi: ${p.executions} executions, ${p.pending === Infinity ? '…' : p.pending} queued, ${(p.elapsedMs / 1000).toFixed(1)} s`;
    io.stderr(io.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
}

/** The version in package.json, two folders up from the source or three from dist/. */
function packageVersion(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    const text = fileLoader.read(fileURLToPath(new URL(up, import.meta.url)));
    if (typeof text !== 'string') continue;
    const pkg = JSON.parse(text) as { name?: string; version?: string };
    if (pkg.name === 'ldfi' && pkg.version) return pkg.version;
  }
  return 'unknown';
}
