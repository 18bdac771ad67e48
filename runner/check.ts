// The library's entry points to a search and to one run. `check` drives the synchronous search
// (runner/search.ts) a slice at a time, giving the event loop a turn between slices, so a UI stays
// responsive and an AbortSignal is seen within one execution of being raised.
import type { Program } from '../datalog/syntax/types.js';
import { DiagnosticError, type Diagnostic } from '../datalog/syntax/diagnostics.js';
import { evaluate } from '../datalog/eval/evaluate.js';
import { lineageOf } from '../datalog/lineage/lineage.js';
import type { FailureSpec } from '../datalog/eval/types.js';
import { explainViolations } from './explain.js';
import { loadLogicSolver, logicSolverReady } from '../solver/sat-loader.js';
import { violations } from './judge.js';
import { programSource } from './load.js';
import { runRecord } from './record.js';
import { searchSteps, type Progress, type SearchOptions } from './search.js';
import type { RunRecord, SearchReport } from './types.js';

/** A program to run: what `load` returns, or a program built by hand (then `sources` may be left out). */
export interface Runnable {
  readonly program: Program;
  /** The files' texts, shown in the report. */
  readonly sources?: ReadonlyMap<string, string>;
  /** When any is an error, `check` and `runOnce` throw a DiagnosticError with them all. */
  readonly diagnostics?: readonly Diagnostic[];
}

/** The search's bounds and settings (see SearchOptions), and how to watch and stop it. */
export interface CheckOptions extends Omit<SearchOptions, 'shouldStop' | 'source' | 'now'> {
  /** Aborting it stops the search within about one execution; `check` then rejects with its reason. */
  readonly signal?: AbortSignal;
  /** Called after every execution. */
  readonly onProgress?: (p: Progress) => void;
  /** Milliseconds since some origin, for the budget and `elapsedMs` (default `performance.now`). */
  readonly now?: () => number;
}

/** How long the search runs before it lets the event loop take a turn. */
const SLICE_MS = 20;

/**
 * Search for a fault set that violates the program's `pre ⇒ post` spec within the bounds (the
 * `ldfi check` command without the files it writes). Resolves with the report; rejects with a
 * DiagnosticError if the program has errors, or with `signal.reason` once `signal` is aborted.
 *
 * @example
 *   const controller = new AbortController();
 *   const report = await check(loaded, { nodes: ['a', 'b'], eot: 4, eff: 2, maxCrashes: 0, signal: controller.signal });
 */
export async function check(input: Runnable, options: CheckOptions): Promise<SearchReport> {
  const { signal } = options;
  signal?.throwIfAborted();
  const program = runnable(input);
  // The SAT backend may be needed mid-search (a lineage too large for MMCS): have it at hand.
  if (!logicSolverReady()) await loadLogicSolver();
  const now = options.now ?? (() => globalThis.performance.now());
  const steps = searchSteps(program, {
    ...options,
    now,
    shouldStop: () => signal?.aborted === true,
    source: programSource(program, input.sources ?? new Map()),
  });
  let sliceStart = now();
  for (;;) {
    const step = steps.next();
    if (step.done) {
      signal?.throwIfAborted();
      return step.value;
    }
    if ('waiting' in step.value) {
      await step.value.waiting;
      sliceStart = now();
    } else if (now() - sliceStart >= SLICE_MS) {
      await nextTurn();
      sliceStart = now();
    }
  }
}

/**
 * Run the program once under the faults in `spec` (the `ldfi eval` command as data): every relation
 * at every time step, the violated `pre` tuples and why each lost its `post`, the messages, and the
 * lineage of `post` at EOT.
 */
export function runOnce(
  input: Runnable,
  spec: FailureSpec,
  options: { readonly negation?: boolean } = {},
): RunRecord {
  const program = runnable(input);
  const evaluation = evaluate(program, spec);
  const goals = evaluation.db.relationAt('post', spec.eot);
  const lineage = lineageOf(evaluation, goals, { negation: options.negation ?? true });
  const bad = violations(evaluation);
  return runRecord({
    evaluation,
    violations: bad,
    lineage,
    judge: 'ldfi',
    why: explainViolations(program, evaluation, bad),
    replay: null,
  });
}

function runnable(input: Runnable): Program {
  if (input.diagnostics?.some((d) => d.severity === 'error'))
    throw new DiagnosticError(input.diagnostics, input.sources ?? new Map());
  return input.program;
}

/** A macrotask, so pending events (an abort, a message to a worker) are handled first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
