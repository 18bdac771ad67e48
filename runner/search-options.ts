// What a search is given (SearchOptions), what it reports as it goes and at the end, and the pool
// interface that runs hypotheses ahead on other threads (runner/cli/pool.ts).
import type { Bounds, FaultSet } from '../datalog/eval/types.js';
import type { SolveOptions } from '../solver/index.js';
import type { ExecutionSettings, RunOutcome } from './execute.js';
import type { JudgeName } from './judge.js';
import type { ProgramSource, SearchReport, Strategy } from './types.js';

/** The bounds of the failure space (SPEC §3), the strategy, budgets, and what the report keeps. */
export interface SearchOptions extends Bounds {
  readonly strategy?: Strategy;
  /** Seed of the random strategy (default 1). */
  readonly seed?: number;
  /** Most executions, the failure-free one included (default: none; 1000 for random). */
  readonly maxRuns?: number;
  readonly timeoutMs?: number;
  /** Most tuples one run may derive (datalog/eval/budget.ts; default DEFAULT_MAX_TUPLES). */
  readonly maxTuples?: number;
  /** Keep going after the first counterexample. */
  readonly all?: boolean;
  /**
   * Explore fault sets equal up to interchangeable nodes once (default true): only where it is
   * provably safe (runner/symmetry-safety.ts); false turns it off.
   */
  readonly symmetry?: boolean;
  /**
   * Do not run a hypothesis whose run an earlier good run proves good, and queue what it would have
   * proposed instead (runner/proven.ts; default true).
   */
  readonly pruneProven?: boolean;
  /** Follow `notin` in lineage (SPEC §5; default true). */
  readonly negation?: boolean;
  /** Which runs violate the spec (SPEC §4; default 'ldfi'). */
  readonly judge?: JudgeName;
  readonly solver?: SolveOptions;
  /**
   * Which runs keep a full record (tables, messages, lineage) for the report: 'auto' keeps every
   * LDFI run, and only the failure-free run and counterexamples of random/exhaustive searches;
   * 'none' keeps counterexamples only.
   */
  readonly records?: 'auto' | 'all' | 'none';
  /**
   * Most full records kept (default 500): a long search keeps the first ones and every
   * counterexample, so memory and the report stay bounded.
   */
  readonly maxRecords?: number;
  /** Milliseconds since some origin; injected so the core stays free of clocks (default: always 0). */
  readonly now?: () => number;
  readonly onProgress?: (p: Progress) => void;
  /**
   * Asked before each execution and once per fixpoint round inside one: true ends the search as if
   * its budget ran out (verdict 'inconclusive' unless a counterexample was found, `stopped` says
   * 'interrupted'). How `check` honours an AbortSignal and the CLI Ctrl-C.
   */
  readonly shouldStop?: () => boolean;
  readonly source?: ProgramSource;
  /** The program files as the user named them, for the replay commands of the runs. */
  readonly files?: readonly string[];
  /** Runs LDFI's queued hypotheses ahead on other threads (only `searchAsync` and `check` wait for it). */
  readonly pool?: RunPool;
}

/** How far a search is, reported after every execution. */
export interface Progress {
  readonly executions: number;
  readonly pending: number;
  readonly elapsedMs: number;
  readonly counterexamples: number;
}

/** Derivations computed over the search, for throughput figures. */
export interface SearchStats {
  readonly derivations: number;
}

/** A search's result: the report, and figures for benchmarks. */
export type SearchResult = SearchReport & { stats: SearchStats };

/**
 * Runs hypotheses ahead of the search, elsewhere (worker threads: runner/cli/pool.ts). The search
 * still takes outcomes in its own order, so nothing it reports depends on the pool.
 */
export interface RunPool {
  /** How many hypotheses it runs at once, besides the search's own thread. */
  readonly size: number;
  /** Run these, most urgent first, unless started already; earlier requests not listed are dropped. */
  prefetch(hypotheses: readonly FaultSet[], wantRecord: boolean): void;
  /**
   * The outcome of `faults` if it is done (then forgotten); null: no thread started it, run it here
   * (none will); undefined: a thread is running it.
   */
  take(faults: FaultSet): RunOutcome | null | undefined;
  /** The most urgent requested hypothesis no thread started, withdrawn for this thread to run; or null. */
  claim(): FaultSet | null;
  /** The outcome of a claimed hypothesis (null: over its budget, the search runs it again in order). */
  put(faults: FaultSet, outcome: RunOutcome | null): void;
  /** Exploration keys of fault sets queued or learnt from: their scores are never asked for. */
  seen(keys: readonly string[]): void;
  /** Resolves when another outcome arrives (rejects if the pool failed). */
  arrival(): Promise<void>;
}

/** What an execution needs under these options: what a pool's workers are set up with. */
export function executionSettings(options: SearchOptions): ExecutionSettings {
  const { nodes, eot, eff, maxCrashes } = options;
  return {
    space: { nodes, eot, eff, maxCrashes },
    strategy: options.strategy ?? 'ldfi',
    negation: options.negation ?? true,
    judge: options.judge ?? 'ldfi',
    symmetry: options.symmetry ?? true,
    solver: options.solver ?? {},
    all: options.all ?? false,
    files: options.files ?? null,
    ...(options.maxTuples !== undefined ? { maxTuples: options.maxTuples } : {}),
    pruneProven: options.pruneProven ?? true,
  };
}

/** A step of the search that waits for the pool. */
export interface Waiting {
  readonly waiting: Promise<void>;
}
