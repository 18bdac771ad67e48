// The search loop (SPEC §5): run with no faults, then run hypotheses until one violates the spec,
// none is left, or the budget runs out.
import type { Program } from '../datalog/ast.js';
import { evaluate, type Evaluation } from '../datalog/evaluate.js';
import { lineageOf, type LineageOptions } from '../datalog/lineage.js';
import { AbsenceExplainer } from '../datalog/negation.js';
import { whyNot } from '../datalog/why-not.js';
import type { Bounds, FailureSpec, FaultSet, LineageGraph } from '../datalog/types.js';
import { holdsUnder, type SolveOptions } from '../solver/index.js';
import { failureSpaceSize } from './bound.js';
import { effectiveFaults, NO_FAULTS, withFaults } from '../datalog/faults.js';
import { violations } from './judge.js';
import { whyNotRecord } from './explain.js';
import { runRecord } from './record.js';
import { replayCommand } from './replay.js';
import { seededRng } from './rng.js';
import {
  exhaustiveSource,
  explorationKey,
  ldfiSource,
  randomSource,
  type HypothesisSource,
  type Prospect,
} from './strategies.js';
import type { ProgramSource, RunRecord, SearchReport, Strategy, Verdict } from './types.js';

export interface SearchOptions extends Bounds {
  readonly strategy?: Strategy;
  /** Seed of the random strategy (default 1). */
  readonly seed?: number;
  /** Most executions, the failure-free one included (default: none; 1000 for random). */
  readonly maxRuns?: number;
  readonly timeoutMs?: number;
  /** Keep going after the first counterexample. */
  readonly all?: boolean;
  /** Explore fault sets equal up to interchangeable nodes once. */
  readonly symmetry?: boolean;
  /** Follow `notin` in lineage (SPEC §5; default true). */
  readonly negation?: boolean;
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
  readonly source?: ProgramSource;
  /** The program files as the user named them, for the replay commands of the runs. */
  readonly files?: readonly string[];
}

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

export function runSearch(program: Program, options: SearchOptions): SearchReport & { stats: SearchStats } {
  const now = options.now ?? (() => 0);
  const start = now();
  const strategy = options.strategy ?? 'ldfi';
  const space: Bounds = {
    nodes: options.nodes,
    eot: options.eot,
    eff: options.eff,
    maxCrashes: options.maxCrashes,
  };
  const base: FailureSpec = { ...space, crashes: [], omissions: [] };
  const keyOf = explorationKey(program, space, options.symmetry ?? false);
  const source: HypothesisSource =
    strategy === 'ldfi'
      ? ldfiSource(space, keyOf, options.solver)
      : strategy === 'random'
        ? randomSource(space, seededRng(options.seed ?? 1))
        : exhaustiveSource(space, keyOf);
  const maxRuns = options.maxRuns ?? (strategy === 'random' ? 1000 : Infinity);
  const keep = options.records ?? 'auto';
  const negation = options.negation ?? true;
  const maxRecords = options.maxRecords ?? 500;

  const runs: RunRecord[] = [];
  const proposalOf = new Map<FaultSet, { run: number | null }>();
  let counterexample: number | null = null;
  let counterexamples = 0;
  let executions = 0;
  let derivations = 0;
  let exhausted = false;

  // The failure-free run: where each missing `post` of a failing run held, and how (why-not).
  let reference: Evaluation | null = null;
  const execute = (faults: FaultSet, parent: number | null): void => {
    const iteration = executions++;
    const evaluation = evaluate(program, withFaults(base, faults));
    reference ??= evaluation;
    derivations += evaluation.derivations.length;
    const bad = violations(evaluation);
    if (bad.length > 0) {
      counterexamples++;
      counterexample ??= iteration;
    }
    const wanted =
      bad.length > 0 ||
      (runs.length < maxRecords &&
        (keep === 'all' || (keep === 'auto' && (strategy === 'ldfi' || iteration === 0))));
    const needLineage = wanted || strategy === 'ldfi';
    // One explainer per run: the `post` and `pre` lineages share its memo of absences.
    const lineageOptions: LineageOptions = {
      negation,
      ...(needLineage && negation ? { explainer: new AbsenceExplainer(evaluation) } : {}),
    };
    const lineage = needLineage ? lineageOf(evaluation, goals(evaluation), lineageOptions) : null;
    const proposals: { faults: FaultSet; run: number | null }[] = [];
    // An omission of a message that was never sent (an earlier fault stopped it) changes nothing:
    // learn from the faults that took effect, once per distinct set of them.
    const effective = effectiveFaults(faults, evaluation.sends);
    if (bad.length === 0 && lineage) {
      const prospect = strategy === 'ldfi' ? prospectOf(evaluation, lineage, lineageOptions) : undefined;
      for (const f of source.observe(iteration, effective, lineage, prospect)) {
        const p = { faults: f, run: null };
        proposals.push(p);
        proposalOf.set(f, p);
      }
    }
    const mine = proposalOf.get(faults);
    if (mine) {
      mine.run = iteration;
      proposalOf.delete(faults);
    }
    if (wanted && lineage) {
      const why = bad.map((v) => whyNotRecord(whyNot(evaluation, reference!, v), program));
      const replay = options.files ? replayCommand(options.files, withFaults(base, effective)) : null;
      runs.push(
        runRecord({ iteration, evaluation, violations: bad, lineage, parent, proposals, why, replay }),
      );
    }
    options.onProgress?.({ executions, pending: source.pending, elapsedMs: now() - start, counterexamples });
  };

  const outOfBudget = (): boolean =>
    executions >= maxRuns || (options.timeoutMs !== undefined && now() - start >= options.timeoutMs);

  execute(NO_FAULTS, null);
  for (;;) {
    if (counterexample !== null && !options.all) break;
    if (outOfBudget()) break;
    const h = source.next();
    if (!h) {
      exhausted = true;
      break;
    }
    execute(h.faults, h.parent);
  }

  const verdict: Verdict =
    counterexample !== null ? 'counterexample' : exhausted ? 'tolerant' : 'inconclusive';
  return {
    verdict,
    strategy,
    executions,
    bound: failureSpaceSize({
      nodes: space.nodes.length,
      eot: space.eot,
      eff: space.eff,
      maxCrashes: space.maxCrashes,
    }).toString(),
    elapsedMs: Math.round(now() - start),
    spec: space,
    counterexample,
    program: options.source ?? { files: [], rules: [] },
    runs,
    stats: { derivations },
  };
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

/** The outcomes LDFI protects: every `post` tuple at EOT. */
function goals(ev: Evaluation): number[] {
  return [...ev.db.relationAt('post', ev.spec.eot)];
}
