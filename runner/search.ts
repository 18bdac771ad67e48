// The search loop (SPEC §5): run with no faults, then run hypotheses until one violates the spec,
// none is left, or the budget runs out.
import type { Program } from '../datalog/syntax/types.js';
import { BudgetExceeded, type Budget } from '../datalog/eval/budget.js';
import type { Diagnostic } from '../datalog/syntax/diagnostics.js';
import type { FaultSet } from '../datalog/eval/types.js';
import { virtualProposals, type FaultSpace } from '../solver/index.js';
import { failureSpaceSize } from './bound.js';
import { Executor, type RunOutcome } from './execute.js';
import {
  executionSettings,
  type Progress,
  type RunPool,
  type SearchOptions,
  type SearchResult,
  type Waiting,
} from './search-options.js';
import { NO_FAULTS } from '../datalog/eval/faults.js';
import type { JudgeName } from './judge.js';
import { KnownRuns, observesOf } from './known.js';
import { ProvenRuns, type ProvenRun } from './proven.js';
import { seededRng } from './rng.js';
import { imageOf, imagesOf, messagesImage, nodePermutations } from './symmetry.js';
import {
  exhaustiveSource,
  explorationKey,
  symmetryClasses,
  ldfiSource,
  randomSource,
  type HypothesisSource,
  type Prospect,
} from './strategies.js';
import type { ExecutionLine, Proposal, RunRecord, Stop, Strategy, Verdict } from './types.js';

export {
  executionSettings,
  type Progress,
  type RunPool,
  type SearchOptions,
  type SearchResult,
  type SearchStats,
  type Waiting,
} from './search-options.js';

/** Run a whole search synchronously (the CLI, tests, benchmarks); without a pool. */
export function runSearch(program: Program, options: SearchOptions): SearchResult {
  if (options.pool) throw new Error('runSearch runs without a pool: use searchAsync');
  const steps = searchSteps(program, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Run a whole search, waiting for the pool's outcomes when it has one. */
export async function searchAsync(program: Program, options: SearchOptions): Promise<SearchResult> {
  const steps = searchSteps(program, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if ('waiting' in step.value) await step.value.waiting;
  }
}

/**
 * The search one hypothesis at a time: yields progress after each one, run or skipped (known or
 * proven), and returns the report. `runSearch` drains it; `check` (runner/check.ts) and the CLI drive
 * it between turns of the event loop, so Ctrl-C and an abort are heard even while nothing runs.
 *
 *   run(∅)
 *   while no counterexample (or `all`), the budget lasts and `shouldStop` says no:
 *     h ← the strategy's next hypothesis, or stop with "tolerant" when there is none
 *     run(h)
 *   run(F) = evaluate under F; judge pre ⇒ post at EOT; if the spec held, the strategy learns from
 *            the lineage of post@EOT (LDFI: queue the minimal fault sets that cut it)
 */
export function* searchSteps(
  program: Program,
  options: SearchOptions,
): Generator<Progress | Waiting, SearchResult> {
  const search = new Search(program, options);
  if (!search.attempt(NO_FAULTS, null)) return search.report();
  yield search.progress();
  for (;;) {
    if (search.counterexample !== null && !options.all) break;
    if (search.outOfBudget()) break;
    const h = search.source.next();
    if (!h) {
      search.exhausted = true;
      break;
    }
    if (search.skipIfKnown(h.faults) || search.skipIfProven(h.faults)) {
      yield search.progress();
      continue;
    }
    const ahead = options.pool ? yield* search.fromPool(options.pool, h.faults) : undefined;
    if (!search.attempt(h.faults, h.parent, ahead)) break;
    yield search.progress();
  }
  return search.report();
}

/** One search's settings and state; `execute` is one run through the phases below. */
class Search {
  readonly source: HypothesisSource;
  readonly runs: RunRecord[] = [];
  counterexample: number | null = null;
  exhausted = false;
  /** What ended the search before its verdict, if anything did. */
  private stopped: Stop | null = null;
  /** Why nothing was tested (SPEC §4), known after the failure-free run. */
  private vacuity: Diagnostic | null = null;
  /** Some executed run had a `pre` tuple at EOT (then the verdict is not vacuous). */
  private tested = false;
  /** A light line per execution, for the report's runs table (full records are bounded). */
  readonly executed: ExecutionLine[] = [];
  private counterexamples = 0;
  private executions = 0;
  /** Hypotheses not run because their run was known to equal an executed one (runner/known.ts). */
  private skipped = 0;
  /** Hypotheses not run because an earlier good run proves their run good (runner/proven.ts). */
  private pruned = 0;
  private readonly known: KnownRuns | null;
  private readonly proven: ProvenRuns | null;
  /** Executed runs by the exploration key of their effective faults. */
  private readonly executedByKey = new Map<string, number>();
  private readonly keyOf: (f: FaultSet) => string;
  /** Classes of interchangeable nodes explored once (empty: no symmetry reduction). */
  private readonly symmetry: string[][];
  /** Every non-identity permutation within the classes (few: classes are small in practice). */
  private readonly permutations: ReadonlyMap<string, string>[];
  private derivations = 0;
  private readonly executor: Executor;
  private readonly space: FaultSpace;
  private readonly strategy: Strategy;
  private readonly now: () => number;
  private readonly start: number;
  private readonly maxRuns: number;
  private readonly judgeName: JudgeName;
  private readonly bound: string;
  /** Checked inside each run: the timeout and interrupts once per fixpoint round, tuples always. */
  private readonly budget: Budget;
  /** Proposals not yet run, so a run can note its iteration in its parent's record. */
  private readonly proposalOf = new Map<FaultSet, MutableProposal>();

  constructor(
    program: Program,
    private readonly options: SearchOptions,
  ) {
    this.now = options.now ?? (() => 0);
    this.start = this.now();
    this.strategy = options.strategy ?? 'ldfi';
    this.space = { nodes: options.nodes, eot: options.eot, eff: options.eff, maxCrashes: options.maxCrashes };
    this.judgeName = options.judge ?? 'ldfi';
    // Before anything runs: bounds too large to count are a usage error (BoundsError), not a late crash.
    this.bound = failureSpaceSize({
      nodes: this.space.nodes.length,
      eot: this.space.eot,
      eff: this.space.eff,
      maxCrashes: this.space.maxCrashes,
    }).toString();
    this.budget = {
      ...(options.maxTuples !== undefined ? { maxTuples: options.maxTuples } : {}),
      check: () => (options.shouldStop?.() ? 'interrupted' : this.timedOut() ? 'timeout' : null),
    };
    this.executor = new Executor(program, executionSettings(options));
    this.symmetry = symmetryClasses(program, options.nodes, options.symmetry ?? true);
    const keyOf = explorationKey(this.symmetry);
    this.permutations = nodePermutations(this.symmetry);
    this.keyOf = keyOf;
    // Random search stays the plain baseline of the paper: it runs every sample it draws.
    this.known = this.strategy === 'random' ? null : new KnownRuns(observesOf(program), this.space);
    this.proven = this.strategy === 'ldfi' && options.pruneProven !== false ? new ProvenRuns() : null;
    this.source =
      this.strategy === 'ldfi'
        ? ldfiSource(keyOf)
        : this.strategy === 'random'
          ? randomSource(this.space, seededRng(options.seed ?? 1))
          : exhaustiveSource(this.space, keyOf);
    this.maxRuns = options.maxRuns ?? (this.strategy === 'random' ? 1000 : Infinity);
  }

  /** True (and `stopped` says why) when a budget or `shouldStop` ends the search before the next run. */
  outOfBudget(): boolean {
    if (this.options.shouldStop?.()) return this.stop('interrupted', 'interrupted');
    if (this.executions >= this.maxRuns)
      return this.stop('max-runs', `the --max-runs budget of ${this.maxRuns} executions ran out`);
    if (this.timedOut()) return this.stop('timeout', 'the --timeout ran out');
    return false;
  }

  private timedOut(): boolean {
    const { timeoutMs } = this.options;
    return timeoutMs !== undefined && this.now() - this.start >= timeoutMs;
  }

  private stop(reason: Stop['reason'], message: string, during: number | null = null): true {
    this.stopped = { reason, message, during };
    return true;
  }

  /** Runs one hypothesis; false when a budget stopped it midway (the run is not counted). */
  attempt(faults: FaultSet, parent: number | null, ahead?: RunOutcome): boolean {
    try {
      this.execute(faults, parent, ahead);
      return true;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.stop(e.reason, e.message, this.executions);
      return false;
    }
  }

  /**
   * A hypothesis whose effective faults are those of a run already executed is that run (see
   * runner/known.ts): it is explored without running, and is not an execution. Its verdict is the
   * executed run's, which did not violate the spec (else the search would have stopped, or, with
   * `all`, counted it already); and its lineage would be that run's, whose proposals were queued.
   */
  skipIfKnown(faults: FaultSet): boolean {
    const same = this.knownAs(faults);
    if (same === undefined) return false;
    this.skipped++;
    const mine = this.proposalOf.get(faults);
    if (mine) {
      mine.sameAs = same;
      this.proposalOf.delete(faults);
    }
    return true;
  }

  /**
   * A hypothesis whose run an earlier good run proves good (runner/proven.ts) is not run, and is not
   * an execution (its proposal keeps `run: null`); what it would have proposed is queued in its place.
   */
  skipIfProven(faults: FaultSet): boolean {
    const found = this.provenImage(faults);
    if (!found) return false;
    this.pruned++;
    this.proposalOf.delete(faults);
    // What its run would have proposed: the proving run's lineage stands for its own, so the runs of
    // these proposals name that run as the one that proposed them (solver/proof.ts).
    const { image, proof, iteration } = found;
    const queued = this.source.observe(iteration, image, () =>
      virtualProposals(proof, image, this.space.maxCrashes).map((f) => ({ faults: f, prospect: unscored })),
    );
    // As for a run's proposals: the pool's threads need not score these.
    this.options.pool?.seen([this.keyOf(image), ...queued.map((f) => this.keyOf(f))]);
    return true;
  }

  /** Under symmetry, a proof of an image of the fault set proves it too (the run of the image is the image of its run). */
  private isProven(faults: FaultSet): boolean {
    return this.provenImage(faults) !== null;
  }

  private provenImage(faults: FaultSet): (ProvenRun & { image: FaultSet }) | null {
    const proven = this.proven;
    if (!proven) return null;
    for (const image of this.images(faults)) {
      const found = proven.proofOf(image);
      if (found) return { ...found, image };
    }
    return null;
  }

  /**
   * The executed run that `faults` would repeat, if known. Under symmetry the known runs include the
   * images of each executed run (`noteExecuted`), so one lookup finds what a lookup of each image of
   * `faults` would.
   */
  private knownAs(faults: FaultSet): number | undefined {
    if (!this.known) return undefined;
    const effective = this.known.decide(faults);
    return effective ? this.executedByKey.get(this.keyOf(effective)) : undefined;
  }

  /** The fault set, then its other images under the interchangeable-node permutations. */
  private images(f: FaultSet): Generator<FaultSet> {
    return imagesOf(f, this.permutations);
  }

  /**
   * The outcome of `faults` from the pool, which also starts its threads on the hypotheses queued
   * after it (as the queue stands now: what this run teaches may reorder it, and the outcomes wait
   * until taken). No thread started `faults`: it runs here. One did: while it runs, this thread runs
   * the next hypothesis no thread started, so it never waits while there is work. A short search runs
   * alone: threads start cold (their code is not optimized yet).
   */
  *fromPool(pool: RunPool, faults: FaultSet): Generator<Waiting, RunOutcome | undefined> {
    if (this.executions < POOL_AFTER.executions || this.now() - this.start < POOL_AFTER.ms) return undefined;
    const wantRecord = this.keepsRecord(this.executions);
    const upcoming = this.source.peek?.(pool.size * 2 + 2) ?? [];
    // Not what the search would skip as things stand (it may skip more by the time it gets there).
    const skips = (f: FaultSet): boolean => this.knownAs(f) !== undefined || this.isProven(f);
    pool.prefetch(
      upcoming.map((h) => h.faults).filter((f) => !skips(f)),
      wantRecord,
    );
    for (;;) {
      const outcome = pool.take(faults);
      if (outcome !== undefined) return outcome ?? undefined;
      const spare = pool.claim();
      if (spare) pool.put(spare, this.runAhead(spare, wantRecord));
      else yield { waiting: pool.arrival() };
    }
  }

  /** A hypothesis run ahead on this thread, as a worker would (null: over budget, run again in order). */
  private runAhead(faults: FaultSet, wantRecord: boolean): RunOutcome | null {
    const repeats = (effective: FaultSet): boolean => this.executedByKey.has(this.keyOf(effective));
    try {
      return this.executor.run(faults, wantRecord, this.budget, repeats);
    } catch (e) {
      if (e instanceof BudgetExceeded) return null;
      throw e;
    }
  }

  /** Run `faults` (or take the outcome a pool computed for them) and learn from it. */
  private execute(faults: FaultSet, parent: number | null, ahead?: RunOutcome): void {
    const iteration = this.executions;
    const wantRecord = this.keepsRecord(iteration);
    const repeats = (effective: FaultSet): boolean => this.executedByKey.has(this.keyOf(effective));
    let outcome = ahead ?? this.executor.run(faults, wantRecord, this.budget, repeats);
    // A pool guesses whether a record is wanted; when it guessed no, the run is made again here.
    if (wantRecord && !outcome.record) outcome = this.executor.run(faults, true, this.budget, repeats);
    this.executions++;
    this.derivations += outcome.derivations;
    const { effective, violations: bad } = outcome;
    const firstOfItsKind = !this.executedByKey.has(this.keyOf(effective));
    this.noteExecuted(iteration, outcome);
    if (firstOfItsKind && bad.length === 0) {
      const proof = this.proven && outcome.proof?.();
      if (proof) this.proven.add(proof, iteration);
    }
    if (iteration === 0) this.vacuity = outcome.vacuity;
    // A run whose faults made a `pre` tuple appear tested the spec: then the search did test something.
    if (outcome.tested) this.tested = true;
    if (bad.length > 0) {
      this.counterexamples++;
      this.counterexample ??= iteration;
    }
    // Learn: a run that kept the spec tells the strategy what to try next (from the faults that took
    // effect: an omission of a message that was never sent changes nothing). A violating run still
    // has a lineage worth cutting when every counterexample is wanted: the failure-free run may
    // violate the spec, and faults break it in other ways too.
    const proposals: MutableProposal[] = [];
    if ((bad.length === 0 || this.options.all === true) && outcome.proposals) {
      for (const f of this.source.observe(iteration, effective, outcome.proposals)) {
        const p: MutableProposal = { faults: f, run: null };
        proposals.push(p);
        this.proposalOf.set(f, p);
      }
      // The pool's threads need not score these again: they are queued already.
      this.options.pool?.seen([this.keyOf(effective), ...proposals.map((p) => this.keyOf(p.faults))]);
    }
    // Record: the parent's proposal learns which run tried it; this run keeps its record.
    const mine = this.proposalOf.get(faults);
    if (mine) {
      mine.run = iteration;
      this.proposalOf.delete(faults);
    }
    this.executed.push({
      iteration,
      status: bad.length === 0 ? 'success' : 'failure',
      faults,
      violations: bad.map((v) => v.map(String)),
      parent,
    });
    if (outcome.record && (wantRecord || bad.length > 0))
      this.runs.push({ ...outcome.record, iteration, parent, proposals });
    this.options.onProgress?.(this.progress());
  }

  /**
   * The run joins the known ones, with its images under symmetry: the run of an image of its faults
   * is the image of the run, sends included.
   */
  private noteExecuted(iteration: number, outcome: RunOutcome): void {
    if (!this.known) return;
    this.known.add(outcome.effective, outcome.sends);
    for (const p of this.permutations)
      this.known.add(imageOf(outcome.effective, p), messagesImage(outcome.sends, p));
    const key = this.keyOf(outcome.effective);
    if (!this.executedByKey.has(key)) this.executedByKey.set(key, iteration);
  }

  /** Whether a run that kept the spec keeps a full record (see SearchOptions.records). */
  private keepsRecord(iteration: number): boolean {
    const keep = this.options.records ?? 'auto';
    if (this.runs.length >= (this.options.maxRecords ?? 500)) return false;
    return keep === 'all' || (keep === 'auto' && (this.strategy === 'ldfi' || iteration === 0));
  }

  progress(): Progress {
    return {
      executions: this.executions,
      pending: this.source.pending,
      elapsedMs: this.now() - this.start,
      counterexamples: this.counterexamples,
    };
  }

  report(): SearchResult {
    const { space, strategy } = this;
    const verdict: Verdict =
      this.counterexample !== null ? 'counterexample' : this.exhausted ? 'tolerant' : 'inconclusive';
    return {
      verdict,
      strategy,
      judge: this.judgeName,
      executions: this.executions,
      skipped: this.skipped,
      ...(this.proven ? { pruned: this.pruned } : {}),
      symmetry: this.symmetry,
      bound: this.bound,
      elapsedMs: Math.round(this.now() - this.start),
      spec: { eot: space.eot, eff: space.eff, maxCrashes: space.maxCrashes, nodes: space.nodes },
      counterexample: this.counterexample,
      program: this.options.source ?? { files: [], rules: [] },
      runs: this.runs,
      executed: this.executed,
      stopped: verdict === 'inconclusive' ? this.stopped : null,
      vacuity: this.tested && this.vacuity?.code === 'W013' ? null : this.vacuity,
      stats: { derivations: this.derivations },
    };
  }
}

/** A proposal without a lineage to score it by: after the promising ones, in the order found. */
const unscored = (): Prospect => ({ goals: 0, cut: 0 });

/** How far a search goes alone before it uses the pool. */
const POOL_AFTER = { executions: 8, ms: 1000 };

type MutableProposal = { -readonly [K in keyof Proposal]: Proposal[K] };
