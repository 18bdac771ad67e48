// One execution of a hypothesis, as a pure function of the program, the bounds and the faults: the
// search (runner/search.ts) calls it in order, or takes its outcome from a pool that ran it ahead
// on another thread (runner/cli/pool.ts). Either way the outcome is the same value, so what the
// search decides from it does not depend on where it ran.
import type { Program, Value } from '../datalog/syntax/types.js';
import type { Budget } from '../datalog/eval/budget.js';
import { compileProgram, type CompiledProgram } from '../datalog/eval/compile.js';
import { evaluate, type Evaluation } from '../datalog/eval/evaluate.js';
import { lineageOf, type LineageOptions } from '../datalog/lineage/lineage.js';
import { AbsenceExplainer, canAppear } from '../datalog/lineage/negation.js';
import type { Diagnostic } from '../datalog/syntax/diagnostics.js';
import type { FailureSpec, FaultSet, Message, NegatedAtom } from '../datalog/eval/types.js';
import { inputsOf, type LineageGraph } from '../datalog/lineage/types.js';
import {
  encodeLineage,
  holdsUnder,
  proofOf,
  solveFormula,
  type FaultSpace,
  type LineageFormula,
  type Proof,
  type SolveOptions,
} from '../solver/index.js';
import { faultCount, NO_FAULTS, withFaults } from '../datalog/eval/faults.js';
import { explainViolations } from './explain.js';
import { replayCommand } from './replay.js';
import { boundWarnings, noFaults, vacuityOf } from './vacuity.js';
import { judgeOf, violations, type Judge, type JudgeName } from './judge.js';
import { KnownRuns, observesOf } from './known.js';
import { runRecord } from './record.js';
import type { Prospect } from './strategies.js';
import type { RunRecord, Strategy } from './types.js';

/** What an execution needs besides its faults; plain data, so a worker thread can receive it. */
export interface ExecutionSettings {
  readonly space: FaultSpace;
  readonly strategy: Strategy;
  readonly negation: boolean;
  readonly judge: JudgeName;
  readonly solver: SolveOptions;
  /** SearchOptions.symmetry: a thread keys fault sets as the search does. */
  readonly symmetry: boolean;
  /** SearchOptions.all: learn from violating runs too. */
  readonly all: boolean;
  /** SearchOptions.files: the program files as named, for replay commands (null: none). */
  readonly files: readonly string[] | null;
  /** SearchOptions.maxTuples. */
  readonly maxTuples?: number;
  /** SearchOptions.pruneProven: a good run also says what it proves (solver/proof.ts). */
  readonly pruneProven?: boolean;
}

/** A proposal of a good run's lineage (LDFI), with its score for the queue (computed when asked). */
export interface ScoredProposal {
  readonly faults: FaultSet;
  readonly prospect: () => Prospect;
}

/** Everything the search learns from one execution. */
export interface RunOutcome {
  readonly violations: Value[][];
  readonly derivations: number;
  /** Every cross-node send (lost ones included): what decides later hypotheses' effective faults. */
  readonly sends: readonly Message[];
  /** The faults that took effect (runner/known.ts). */
  readonly effective: FaultSet;
  /**
   * LDFI, on a good run: the minimal fault sets that cut its lineage, with their scores; computed on
   * first call (a run whose effective faults were seen never asks).
   */
  readonly proposals: (() => readonly ScoredProposal[]) | null;
  /**
   * With `pruneProven`, on a good run that LDFI learns from: what its lineage proves about runs with
   * more faults (solver/proof.ts), computed on first call from the same formula as the proposals.
   */
  readonly proof: (() => Proof | null) | null;
  /** The run's record without what only the search knows (iteration, parent, proposals). */
  readonly record: RunRecord | null;
  /** Some `pre` tuple holds at EOT: the run tested the spec (else it holds vacuously). */
  readonly tested: boolean;
  /** The failure-free run only: why nothing is tested (SPEC §4), or null. */
  readonly vacuity: Diagnostic | null;
}

/** A program compiled for many executions, with the judge built from its failure-free run. */
export class Executor {
  private readonly compiled: CompiledProgram;
  private readonly base: FailureSpec;
  private readonly known: KnownRuns;
  private judge: Judge | null = null;
  /** The failure-free run: where each missing `post` of a failing run held, and how (why-not). */
  private reference: Evaluation | null = null;

  constructor(
    program: Program,
    readonly settings: ExecutionSettings,
  ) {
    // Compiled and stratified once: every execution runs the same plans under other faults.
    this.compiled = compileProgram(program);
    this.base = { ...settings.space, crashes: [], omissions: [] };
    this.known = new KnownRuns(observesOf(program), settings.space);
  }

  private evaluate(faults: FaultSet, budget?: Budget): Evaluation {
    const { maxTuples } = this.settings;
    return evaluate(
      this.compiled,
      withFaults(this.base, faults),
      budget ?? (maxTuples !== undefined ? { maxTuples } : undefined),
    );
  }

  /** The judge, built from the failure-free run (Molly's compares every run with it). */
  private judgeOf(faults: FaultSet, evaluation: Evaluation): Judge {
    const name = this.settings.judge;
    if (name === 'ldfi') return violations;
    const failureFree = faultCount(faults) === 0 ? evaluation : this.evaluate(NO_FAULTS);
    return (this.judge ??= judgeOf(name, failureFree));
  }

  /**
   * Run `faults`; `wantRecord`: also the full record of a good run (a bad one always has it). A run
   * over `budget` (default: SearchOptions.maxTuples alone) throws BudgetExceeded. `repeats` says
   * whether the search already executed a run with these effective faults.
   */
  run(
    faults: FaultSet,
    wantRecord: boolean,
    budget?: Budget,
    repeats: (effective: FaultSet) => boolean = () => false,
  ): RunOutcome {
    const { strategy, negation, space, solver } = this.settings;
    // Phase 1, run: evaluate the program under the faults; judge pre ⇒ post at EOT.
    const evaluation = this.evaluate(faults, budget);
    const bad = this.judgeOf(faults, evaluation)(evaluation);
    const failureFree = faultCount(faults) === 0;
    if (failureFree) this.reference ??= evaluation;
    const effective = this.known.effectiveOfRun(faults, evaluation.sends);
    // Phase 2, explain: the lineage of post@EOT, when the record or the strategy needs it. LDFI
    // learns nothing from a good run that `repeats` an executed one (same effective faults, same
    // run: its proposals are queued already), so its lineage is not built.
    const wanted = bad.length > 0 || wantRecord;
    const learns = strategy === 'ldfi' && (bad.length > 0 || !repeats(effective));
    const explain = negation && (wanted || learns);
    // One explainer per run: the `post` and `pre` lineages share its memo of absences.
    const lineageOptions: LineageOptions = {
      negation,
      ...(explain ? { explainer: new AbsenceExplainer(evaluation) } : {}),
    };
    const posts = goals(evaluation);
    // The solver's lineage (LDFI, good runs): post@EOT, and the absence of a new `pre` tuple when
    // faults could make one appear. The record's lineage is post@EOT alone: the same graph when it
    // has no other goal, else built apart (a report shows no rule for the absence).
    const learnsNow = learns && (bad.length === 0 || this.settings.all);
    const cut = learnsNow ? this.solverLineage(evaluation, posts, lineageOptions) : null;
    const lineage = !wanted
      ? null
      : cut && cut.goals.length === posts.length
        ? cut
        : lineageOf(evaluation, posts, lineageOptions);
    // Phase 3, learn (LDFI, good runs): the minimal fault sets that cut the lineage, with the
    // faults that took effect forced (an omission of a message never sent changes nothing).
    let proposals: RunOutcome['proposals'] = null;
    let proof: RunOutcome['proof'] = null;
    if (cut) {
      const prospect = prospectOf(
        evaluation,
        { nodes: cut.nodes, goals: cut.goals.slice(0, posts.length) },
        lineageOptions,
      );
      assertGoalsHold(cut, effective);
      let formula: LineageFormula | null = null;
      const encoded = (): LineageFormula => (formula ??= encodeLineage(cut, space, effective, solver));
      proposals = () =>
        solveFormula(encoded(), effective, solver).sets.map((f) => ({
          faults: f,
          prospect: () => prospect(f),
        }));
      if (this.settings.pruneProven && bad.length === 0)
        proof = () => proofOf(encoded(), effective, space.nodes);
    }
    return {
      violations: bad,
      derivations: evaluation.derivations.length,
      sends: evaluation.sends.map((s) => ({ from: s.from, to: s.to, sendTime: s.sendTime })),
      effective,
      proposals,
      proof,
      record:
        wanted && lineage
          ? runRecord({
              evaluation,
              violations: bad,
              lineage,
              judge: this.settings.judge,
              why: explainViolations(this.compiled.program, evaluation, bad, {}, () => this.failureFree()),
              replay: this.settings.files
                ? replayCommand(this.settings.files, withFaults(this.base, effective))
                : null,
            })
          : null,
      tested: evaluation.db.relationAt('pre', space.eot).length > 0,
      vacuity: failureFree ? vacuityWarning(space, evaluation) : null,
    };
  }

  /** The failure-free run (evaluated here when this executor has not run it, as in a worker). */
  private failureFree(): Evaluation {
    return (this.reference ??= this.evaluate(NO_FAULTS));
  }

  /**
   * What LDFI cuts: the lineage of post@EOT and, when faults could make a new `pre` tuple appear
   * (and so a violation of a tuple nobody checked yet), the absence of one as another goal.
   */
  private solverLineage(
    evaluation: Evaluation,
    posts: readonly number[],
    options: LineageOptions,
  ): LineageGraph {
    const explainer = options.explainer;
    const absent = explainer
      ? preAbsence(this.compiled.program, this.settings.space.eot).filter((a) => canAppear(explainer, a))
      : [];
    return lineageOf(evaluation, posts, absent.length > 0 ? { ...options, absent } : options);
  }
}

/**
 * Every goal of a run's lineage holds under the run's own faults: it happened. A goal that does not
 * is a bug in the lineage (a cycle through blockers, say): cutting it could not be proposed, and the
 * search would print "tolerant" without having tried. Stop instead (exit 4).
 */
function assertGoalsHold(lineage: LineageGraph, faults: FaultSet): void {
  const holds = holdsUnder(lineage, faults);
  if (lineage.goals.some((g) => holds[g] !== 1))
    throw new Error('a goal of the lineage does not hold in its own run');
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
  const tuples = reachableTuples(lineage);
  return (f) => {
    const post = holdsUnder(lineage, f);
    const pre = holdsUnder(preGraph, f);
    return {
      goals: pairs.filter(([g, p]) => post[g] === 0 && pre[p] === 1).length,
      cut: tuples.filter((i) => post[i] === 0).length / Math.max(1, tuples.length),
    };
  };
}

/** The tuple nodes the goals rest on (the solver's graph also holds those of other goals). */
function reachableTuples(lineage: LineageGraph): number[] {
  const seen = new Uint8Array(lineage.nodes.length);
  const stack = [...lineage.goals];
  for (const g of stack) seen[g] = 1;
  while (stack.length > 0) {
    const node = lineage.nodes[stack.pop()!]!;
    const inputs = inputsOf(node);
    for (const i of inputs)
      if (seen[i] === 0) {
        seen[i] = 1;
        stack.push(i);
      }
  }
  return lineage.nodes.flatMap((n, i) => (n.kind === 'tuple' && seen[i] === 1 ? [i] : []));
}

/** The outcomes LDFI protects: every `post` tuple at EOT. */
function goals(ev: Evaluation): number[] {
  return [...ev.db.relationAt('post', ev.spec.eot)];
}
