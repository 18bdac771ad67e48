// The `ldfi` command: the only place that touches the file system, the clock and the terminal.
import { performance } from 'node:perf_hooks';
import { DiagnosticError, formatDiagnostic, type Diagnostic } from '../../datalog/diagnostics.js';
import { EvaluationError } from '../../datalog/evaluate.js';
import { evalSpec, parseArgs, UsageError, type CheckArgs } from './args.js';
import { loadChecked, programSource } from '../load.js';
import { fileLoader } from './files.js';
import { loadLogicSolverOnDemand } from './sat-loader.js';
import { locationWarnings } from '../locations.js';
import { printEvaluation, printSummary, jsonSummary } from '../summary.js';
import { failureSpaceSize } from '../bound.js';
import { runSearch, type Progress } from '../search.js';
import { writeReport } from '../../viz/node/write-report.js';

export interface Io {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly isTTY: boolean;
  readonly columns: number;
}

/** Larger failure spaces need a budget before `--strategy exhaustive` starts on them. */
const EXHAUSTIVE_UNBUDGETED = 1_000_000n;

loadLogicSolverOnDemand();

const processIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  isTTY: process.stderr.isTTY === true,
  columns: process.stdout.columns ?? 100,
};

/** Run the command; returns the exit status (SPEC §6). */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  let sources = new Map<string, string>();
  try {
    if (argv[0] === 'playground')
      return await (await import('./playground.js')).playground(argv.slice(1), io);
    const args = await parseArgs(argv, io.columns);
    if ('help' in args) {
      io.stdout(args.help + '\n');
      return 0;
    }
    const loaded = loadChecked(args.files, (p) => fileLoader.read(p), { strict: args.strict });
    sources = loaded.sources;
    for (const w of [...loaded.warnings, ...locationWarnings(loaded.program, args.nodes)])
      io.stderr(formatDiagnostic(w, sources) + '\n');
    if (args.command === 'eval') {
      io.stdout(printEvaluation(loaded.program, evalSpec(args)));
      return 0;
    }
    return await check(args, loaded.program, programSource(loaded.program, sources), io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`ldfi: error: ${e.message}\nTry 'ldfi --help'.\n`);
      return 2;
    }
    if (e instanceof DiagnosticError) {
      io.stderr(formatAll(e.diagnostics, e.sources.size > 0 ? e.sources : sources));
      return 2;
    }
    if (e instanceof EvaluationError) {
      io.stderr(`ldfi: error: ${e.message}\n`);
      return 2;
    }
    const err = e instanceof Error ? e : new Error(String(e));
    io.stderr(
      `ldfi: internal error: ${err.message}\nThis is a bug in ldfi; please report it with the command you ran.\n`,
    );
    if (process.env['LDFI_DEBUG']) io.stderr(`${err.stack ?? ''}\n`);
    return 4;
  }
}

async function check(
  args: CheckArgs,
  program: Parameters<typeof runSearch>[0],
  source: ReturnType<typeof programSource>,
  io: Io,
): Promise<number> {
  const started = performance.now();
  let lastProgress = started;
  const onProgress = (p: Progress): void => {
    const t = performance.now();
    if (args.json || t - started < 1000 || t - lastProgress < (io.isTTY ? 200 : 5000)) return;
    lastProgress = t;
    const line = `ldfi: ${p.executions} executions, ${p.pending === Infinity ? '…' : p.pending} queued, ${(p.elapsedMs / 1000).toFixed(1)} s`;
    io.stderr(io.isTTY ? `\r${line}\x1b[K` : `${line}\n`);
  };
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
  const report = runSearch(program, {
    nodes: args.nodes,
    eot: args.eot,
    eff: args.eff,
    maxCrashes: args.crashes,
    strategy: args.strategy,
    seed: args.seed,
    ...(args.maxRuns !== undefined ? { maxRuns: args.maxRuns } : {}),
    ...(args.timeout !== undefined ? { timeoutMs: args.timeout * 1000 } : {}),
    all: args.all,
    symmetry: args.symmetry,
    negation: args.negation,
    solver: { backend: args.solver },
    judge: args.judge,
    now: () => performance.now(),
    onProgress,
    source,
  });
  if (io.isTTY && !args.json && performance.now() - started >= 1000) io.stderr('\r\x1b[K');
  const written = await writeReport(args.out, report, { dot: args.dot });
  if (args.json) io.stdout(JSON.stringify(jsonSummary(report)) + '\n');
  else io.stdout(printSummary(report, written.indexPath));
  return report.verdict === 'tolerant' ? 0 : report.verdict === 'counterexample' ? 1 : 3;
}

function formatAll(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const body = ds.map((d) => formatDiagnostic(d, sources)).join('\n\n');
  return `${body}\n\nldfi: ${errors} error${errors === 1 ? '' : 's'}; nothing was run.\n`;
}
