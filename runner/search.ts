// The search loop (SPEC §5): run with no faults, then run hypotheses until one violates the spec,
// none is left, or the budget runs out.
import type { Program } from '../datalog/ast.js';
import { BudgetExceeded, type Budget } from '../datalog/budget.js';
import { compileProgram, type CompiledProgram } from '../datalog/compile.js';
import { evaluate, type Evaluation } from '../datalog/evaluate.js';
import { lineageOf, type LineageOptions } from '../datalog/lineage.js';
import { AbsenceExplainer } from '../datalog/negation.js';
import type { Diagnostic } from '../datalog/diagnostics.js';
import type { Bounds, FailureSpec, FaultSet, LineageGraph, NegatedAtom } from '../datalog/types.js';
import { holdsUnder, type FaultSpace, type SolveOptions } from '../solver/index.js';
import { failureSpaceSize } from './bound.js';
import { effectiveFaults, NO_FAULTS, withFaults } from '../datalog/faults.js';
import { whyNot } from '../datalog/why-not.js';
import { whyNotRecord } from './explain.js';
import { replayCommand } from './replay.js';
import { judgeOf, type Judge, type JudgeName } from './judge.js';
import { runRecord } from './record.js';
import { boundWarnings, noFaults, vacuityOf } from './vacuity.js';
import { seededRng } from './rng.js';
import {
  exhaustiveSource,
  explorationKey,
  ldfiSource,
  randomSource,
  type HypothesisSource,
  type Prospect,
} from './strategies.js';
import type {
  ExecutionLine,
  ProgramSource,
  RunRecord,
  SearchReport,
  Stop,
  Strategy,
  Verdict,
} from './types.js';

/** The bounds of the failure space (SPEC §3), the strategy, budgets, and what the report keeps. */
export interface SearchOptions extends Bounds {
  readonly strategy?: Strategy;
  /** Seed of the random strategy (default 1). */
  readonly seed?: number;
  /** Most executions, the failure-free one included (default: none; 1000 for random). */
  readonly maxRuns?: number;
  readonly timeoutMs?: number;
  /** Most tuples one run may derive (datalog/budget.ts; default DEFAULT_MAX_TUPLES). */
  readonly maxTuples?: number;
  /** Keep going after the first counterexample. */
  readonly all?: boolean;
  /** Explore fault sets equal up to interchangeable nodes once. */
  readonly symmetry?: boolean;
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

/** Run a whole search synchronously (the CLI, tests, benchmarks). */
export function runSearch(program: Program, options: SearchOptions): SearchResult {
  const steps = searchSteps(program, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * The search one execution at a time: yields progress after each execution and returns the report.
 * `runSearch` drains it; `check` (runner/check.ts) drives it between turns of the event loop.
 *
 *   run(∅)
 *   while no counterexample (or `all`), the budget lasts and `shouldStop` says no:
 *     h ← the strategy's next hypothesis, or stop with "tolerant" when there is none
 *     run(h)
 *   run(F) = evaluate under F; judge pre ⇒ post at EOT; if the spec held, the strategy learns from
 *            the lineage of post@EOT (LDFI: queue the minimal fault sets that cut it)
 */
export function* searchSteps(program: Program, options: SearchOptions): Generator<Progress, SearchResult> {
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
    if (!search.attempt(h.faults, h.parent)) break;
    yield search.progress();
  }
  return search.report();
}

/** One search's settings and state; `execute` is one run through the phases below. */
class Search {
  readonly source: HypothesisSource;
  readonly runs: RunRecord[] = [];
  /** Every execution in a line, for the report's runs table (`runs` keeps only some in full). */
  readonly executed: ExecutionLine[] = [];
  counterexample: number | null = null;
  exhausted = false;
  /** What ended the search before its verdict, if anything did. */
  private stopped: Stop | null = null;
  /** Why nothing was tested (SPEC §4), known after the failure-free run. */
  private vacuity: Diagnostic | null = null;
  private counterexamples = 0;
  private executions = 0;
  private derivations = 0;
  private readonly compiled: CompiledProgram;
  private readonly space: Bounds;
  private readonly base: FailureSpec;
  private readonly strategy: Strategy;
  private readonly now: () => number;
  private readonly start: number;
  private readonly maxRuns: number;
  private readonly judgeName: JudgeName;
  private readonly bound: string;
  /** Checked inside each run: the timeout and interrupts once per fixpoint round, tuples always. */
  private readonly budget: Budget;
  /** Built from the first run, the failure-free one (Molly's judge compares with it). */
  private judge: Judge | null = null;
  /** The failure-free run: where each missing `post` of a failing run held, and how (why-not). */
  private reference: Evaluation | null = null;
  private readonly program: Program;
  /** Proposals not yet run, so a run can note its iteration in its parent's record. */
  private readonly proposalOf = new Map<FaultSet, { faults: FaultSet; run: number | null }>();

  constructor(
    program: Program,
    private readonly options: SearchOptions,
  ) {
    this.program = program;
    this.now = options.now ?? (() => 0);
    this.start = this.now();
    this.strategy = options.strategy ?? 'ldfi';
    this.space = { nodes: options.nodes, eot: options.eot, eff: options.eff, maxCrashes: options.maxCrashes };
    this.base = { ...this.space, crashes: [], omissions: [] };
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
    // Compiled and stratified once: every execution runs the same plans under other faults.
    this.compiled = compileProgram(program);
    const keyOf = explorationKey(program, this.space, options.symmetry ?? false);
    this.source =
      this.strategy === 'ldfi'
        ? ldfiSource(this.space, keyOf, options.solver)
        : this.strategy === 'random'
          ? randomSource(this.space, seededRng(options.seed ?? 1))
          : exhaustiveSource(this.space, keyOf);
    this.maxRuns = options.maxRuns ?? (this.strategy === 'random' ? 1000 : Infinity);
    this.judgeName = options.judge ?? 'ldfi';
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
  attempt(faults: FaultSet, parent: number | null): boolean {
    try {
      this.execute(faults, parent);
      return true;
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      this.stop(e.reason, e.message, this.executions);
      return false;
    }
  }

  private execute(faults: FaultSet, parent: number | null): void {
    const iteration = this.executions;
    // Phase 1, run: evaluate the program under the faults; judge pre ⇒ post at EOT.
    const evaluation = evaluate(this.compiled, withFaults(this.base, faults), this.budget);
    this.executions++;
    this.derivations += evaluation.derivations.length;
    this.judge ??= judgeOf(this.judgeName, evaluation);
    this.reference ??= evaluation;
    const bad = this.judge(evaluation);
    if (iteration === 0) this.vacuity = vacuityWarning(this.space, evaluation);
    if (bad.length > 0) {
      this.counterexamples++;
      this.counterexample ??= iteration;
    }
    // Phase 2, explain: the lineage of post@EOT, when the record or the strategy needs it.
    const wanted = bad.length > 0 || this.keepsRecord(iteration);
    const lineageOptions = this.lineageOptions(evaluation, wanted);
    const lineage =
      wanted || this.strategy === 'ldfi' ? lineageOf(evaluation, goals(evaluation), lineageOptions) : null;
    // Phase 3, learn: a run that kept the spec tells the strategy what to try next. An omission of a
    // message that was never sent (an earlier fault stopped it) changes nothing, so it learns from
    // the faults that took effect.
    // A violating run still has a lineage worth cutting when every counterexample is wanted: the
    // failure-free run may violate the spec and faults break it in other ways too.
    const proposals: { faults: FaultSet; run: number | null }[] = [];
    const effective = effectiveFaults(faults, evaluation.sends);
    if ((bad.length === 0 || this.options.all === true) && lineage) {
      const prospect = this.strategy === 'ldfi' ? prospectOf(evaluation, lineage, lineageOptions) : undefined;
      const cut = this.solverLineage(evaluation, lineage, lineageOptions);
      for (const f of this.source.observe(iteration, effective, cut, prospect)) {
        const p = { faults: f, run: null };
        proposals.push(p);
        this.proposalOf.set(f, p);
      }
    }
    // Phase 4, record: the parent's proposal learns which run tried it; this run keeps its record.
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
    if (wanted && lineage)
      this.runs.push(
        runRecord({
          iteration,
          evaluation,
          violations: bad,
          lineage,
          parent,
          proposals,
          judge: this.judgeName,
          why: bad.map((v) => whyNotRecord(whyNot(evaluation, this.reference!, v), this.program)),
          replay: this.options.files
            ? replayCommand(this.options.files, withFaults(this.base, effective))
            : null,
        }),
      );
    this.options.onProgress?.(this.progress());
  }

  /**
   * What LDFI cuts: the lineage of post@EOT and, when faults could make a new `pre` tuple appear
   * (and so a violation of a tuple nobody checked yet), the absence of one as another goal.
   */
  private solverLineage(
    evaluation: Evaluation,
    lineage: LineageGraph,
    options: LineageOptions,
  ): LineageGraph {
    const explainer = this.strategy === 'ldfi' ? options.explainer : undefined;
    const absent = explainer
      ? preAbsence(this.compiled.program, this.space.eot).filter((a) => explainer.canAppear(a))
      : [];
    return absent.length > 0 ? lineageOf(evaluation, goals(evaluation), { ...options, absent }) : lineage;
  }

  /** Whether a run that kept the spec keeps a full record (see SearchOptions.records). */
  private keepsRecord(iteration: number): boolean {
    const keep = this.options.records ?? 'auto';
    if (this.runs.length >= (this.options.maxRecords ?? 500)) return false;
    return keep === 'all' || (keep === 'auto' && (this.strategy === 'ldfi' || iteration === 0));
  }

  private lineageOptions(evaluation: Evaluation, wanted: boolean): LineageOptions {
    const negation = this.options.negation ?? true;
    // One explainer per run: the `post` and `pre` lineages share its memo of absences.
    const explain = negation && (wanted || this.strategy === 'ldfi');
    return { negation, ...(explain ? { explainer: new AbsenceExplainer(evaluation) } : {}) };
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
      bound: this.bound,
      elapsedMs: Math.round(this.now() - this.start),
      spec: space,
      counterexample: this.counterexample,
      program: this.options.source ?? { files: [], rules: [] },
      runs: this.runs,
      executed: this.executed,
      stopped: verdict === 'inconclusive' ? this.stopped : null,
      vacuity: this.vacuity,
      stats: { derivations: this.derivations },
    };
  }
}

/**
 * How promising a fault set is as a counterexample: the goals `post(x)` it cuts while the lineage of
 * `pre(x)` survives it, then the share of the lineage's tuples it cuts (a deeper cut leaves the
 * protocol fewer ways around). Only orders the queue; every hypothesis is still run.
 */
function prospectOf(
  ev: Evaluation,
  lineage: LineageGraph,
  lineageOptions: LineageOptions,
): (f: FaultSet) => Prospect {
  const { db, spec } = ev;
  const pres = db.relationAt('pre', spec.eot);
  if (pres.length === 0 || lineage.goals.length === 0) return () => ({ goals: 0, cut: 0 });
  // Built on first use: a run whose effective faults were already seen never scores a proposal.
  let scores: ((f: FaultSet) => Prospect) | null = null;
  return (f) => (scores ??= prospectScores(ev, pres, lineage, lineageOptions))(f);
}

function prospectScores(
  ev: Evaluation,
  pres: readonly number[],
  lineage: LineageGraph,
  lineageOptions: LineageOptions,
): (f: FaultSet) => Prospect {
  const { db } = ev;
  const preGraph = lineageOf(ev, pres, lineageOptions);
  const preNode = new Map(pres.map((id, i) => [JSON.stringify(db.tuple(id).values), preGraph.goals[i]!]));
  const pairs = lineage.goals.flatMap((g) => {
    const node = lineage.nodes[g]!;
    const pre = node.kind === 'tuple' ? preNode.get(JSON.stringify(db.tuple(node.tuple).values)) : undefined;
    return pre === undefined ? [] : [[g, pre] as const];
  });
  const tuples = lineage.nodes.flatMap((n, i) => (n.kind === 'tuple' ? [i] : []));
  return (f) => {
    const post = holdsUnder(lineage, f);
    const pre = holdsUnder(preGraph, f);
    return {
      goals: pairs.filter(([g, p]) => post[g] === 0 && pre[p] === 1).length,
      cut: tuples.filter((i) => post[i] === 0).length / Math.max(1, tuples.length),
    };
  };
}

/** Any `pre` tuple at EOT: its absence is an outcome too (a new `pre` tuple can be a violation). */
function preAbsence(program: Program, eot: number): NegatedAtom[] {
  const rule = program.rules.find((r) => r.head.relation === 'pre');
  const fact = program.facts.find((f) => f.atom.relation === 'pre');
  const arity = rule?.head.args.length ?? fact?.atom.args.length;
  return arity === undefined ? [] : [{ relation: 'pre', values: new Array(arity).fill(null), time: eot }];
}

/** Why nothing is tested, from the bounds or the failure-free run (SPEC §4), or null. */
function vacuityWarning(space: FaultSpace, evaluation: Evaluation): Diagnostic | null {
  return noFaults(space) ? boundWarnings(space).find((w) => w.code === 'W014')! : vacuityOf(evaluation);
}

/** The outcomes LDFI protects: every `post` tuple at EOT. */
function goals(ev: Evaluation): number[] {
  return [...ev.db.relationAt('post', ev.spec.eot)];
}
