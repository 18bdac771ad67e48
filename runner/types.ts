// What a search produces: one record per execution, in Molly's runs.json shape plus ldfi's own keys.
// Plain, serialisable data: the report (viz/) is built from these alone.
import type { Value } from '../datalog/syntax/types.js';
import type { Diagnostic } from '../datalog/syntax/diagnostics.js';
import type { Bounds, FailureSpec, FaultSet, Message } from '../datalog/eval/types.js';
import type { JudgeName } from './judge.js';

/** 'counterexample': a run violated the spec; 'tolerant': none can within the bounds; 'inconclusive': the budget ran out. */
export type Verdict = 'counterexample' | 'tolerant' | 'inconclusive';
/** How fault sets are picked: from lineage (ldfi), at random (seeded), or all of them in order. */
export type Strategy = 'ldfi' | 'random' | 'exhaustive';

/** One execution. `iteration`, `status`, `failureSpec` and `model` are Molly's runs.json keys. */
export interface RunRecord {
  /** 0 is the failure-free run; then in execution order. */
  readonly iteration: number;
  /** Molly's words: 'success' when the spec holds, 'failure' when it is violated. */
  readonly status: 'success' | 'failure';
  /** The rule that decided `status` (SPEC §4). */
  readonly judge: JudgeName;
  readonly failureSpec: FailureSpec;
  /** Every relation at every time step: rows of string values, the time step last (Molly's shape). */
  readonly model: { readonly tables: Readonly<Record<string, readonly (readonly string[])[]>> };
  /** `pre` tuples at EOT with no matching `post` (empty on success), values as the program wrote them. */
  readonly violations: readonly (readonly Value[])[];
  /** Every cross-node message the run sent, lost ones included. */
  readonly messages: readonly MessageRecord[];
  /** Why the `post` tuples at EOT hold: their AND/OR graph. */
  readonly lineage: LineageRecord;
  /** The run whose lineage proposed this run's faults (null for the failure-free run and non-ldfi strategies). */
  readonly parent: number | null;
  /** Fault sets this run's lineage proposed, and the iteration that executed each (null: not executed). */
  readonly proposals: readonly Proposal[];
  /** Why each violation's `post` is missing, in `violations` order (empty on success). */
  readonly why: readonly WhyNotRecord[];
  /** The `ldfi eval` command that reruns this execution (null when the program files are unknown). */
  readonly replay: string | null;
}

/**
 * Why a `post` tuple is missing (datalog/lineage/why-not.ts) with labels: `root` is the missing tuple; a node
 * holds its reasons as `children`; leaves carry the `fault` that took the part away, in words.
 */
export interface WhyNotRecord {
  readonly violation: readonly Value[];
  readonly root: number;
  readonly nodes: readonly WhyRecordNode[];
  /** The faults that matter for this violation: those at the leaves. */
  readonly faults: FaultSet;
}

/** One step of a why-not graph: a tuple absent or appeared, a firing that no longer fires, or a fault. */
export interface WhyRecordNode {
  readonly kind: 'absent' | 'failed' | 'appeared' | 'lost' | 'crashed';
  readonly label: string;
  readonly children: readonly number[];
  /** A `failed` firing's rule (index into `ProgramSource.rules`). */
  readonly rule?: number;
  /** On a leaf: the fault, in words (`a→b@1 lost`, `b crashed@2`). */
  readonly fault?: string;
}

/** A fault set a run's lineage proposed, and the run that tried it. */
export interface Proposal {
  /** The whole fault set of the proposed run (the parent's faults included). */
  readonly faults: FaultSet;
  readonly run: number | null;
  /**
   * Not executed because its run was known to be this earlier run (the same faults took effect:
   * runner/known.ts); absent otherwise.
   */
  readonly sameAs?: number;
}

/** A cross-node message of a run, delivered or lost. */
export interface MessageRecord extends Message {
  readonly relation: string;
  readonly values: readonly Value[];
  /** sendTime + 1, or null when the message was lost. */
  readonly receiveTime: number | null;
  /** Why it was lost: an omission, or its sender had crashed. */
  readonly lostBy: 'omission' | 'crash' | null;
}

/** The lineage graph with labels: the same node ids and semantics as `LineageGraph` (datalog/eval/types.ts). */
export interface LineageRecord {
  readonly goals: readonly number[];
  readonly nodes: readonly LineageRecordNode[];
}

/** A node of a run's lineage graph: a tuple (OR over its derivations), a rule firing (AND), a message, or a node not crashing. */
export type LineageRecordNode =
  | {
      readonly kind: 'tuple';
      readonly relation: string;
      readonly values: readonly Value[];
      readonly time: number;
      /** `log("b", "hi")@3` */
      readonly label: string;
      readonly derivations: readonly number[];
    }
  | {
      readonly kind: 'derivation';
      /** Index into `ProgramSource.rules`. */
      readonly rule: number;
      readonly label: string;
      readonly children: readonly number[];
      /**
       * The children reached through a `notin` atom (what could have made the negated tuple hold),
       * not used by the firing: the report draws them apart. Absent when there are none.
       */
      readonly notin?: readonly number[];
    }
  | {
      readonly kind: 'message';
      readonly from: string;
      readonly to: string;
      readonly sendTime: number;
      readonly label: string;
    }
  | {
      readonly kind: 'no-crash';
      readonly node: string;
      readonly time: number | null;
      readonly label: string;
    };

/** The program as the report shows it. */
export interface ProgramSource {
  readonly files: readonly { readonly path: string; readonly text: string }[];
  /** Rules in `Program.rules` order: the rule as printed and where it was written. */
  readonly rules: readonly {
    readonly text: string;
    readonly file: string;
    readonly line: number;
    readonly col: number;
  }[];
}

/** The outcome of a whole search: what `--json` summarises and the report shows. */
export interface SearchReport {
  readonly verdict: Verdict;
  readonly strategy: Strategy;
  /** Which rule judged the runs (SPEC §4). */
  readonly judge: JudgeName;
  readonly executions: number;
  /**
   * Hypotheses explored without running: their effective faults were those of an executed run, so
   * their run was that run (runner/known.ts). Not executions. Absent in reports made before it was counted.
   */
  readonly skipped?: number;
  /** Hypotheses not run because an earlier good run proves them good (absent when `pruneProven` is false or the strategy is not ldfi). */
  readonly pruned?: number;
  /** Classes of interchangeable nodes whose fault sets were explored once each (empty: none). */
  readonly symmetry?: readonly (readonly string[])[];
  /** SPEC §3's bound, as a decimal string. */
  readonly bound: string;
  readonly elapsedMs: number;
  readonly spec: Bounds;
  /** Iteration of the first counterexample, or null. */
  readonly counterexample: number | null;
  readonly program: ProgramSource;
  readonly runs: readonly RunRecord[];
  /**
   * Why nothing was tested (SPEC §4), when nothing was: the bounds allow no fault (W014), or the
   * failure-free run has no `pre` tuple at EOT (W013). The verdict is then at most a vacuous
   * "tolerant". Absent in reports written before it existed.
   */
  readonly vacuity?: Diagnostic | null;
  /**
   * Every execution in a line, kept or not (`runs` keeps full records of only some): what the
   * report's runs table lists. Absent from reports built by hand.
   */
  readonly executed?: readonly ExecutionLine[];
  /** Why an inconclusive search stopped (null otherwise). */
  readonly stopped?: Stop | null;
}

/** One execution, without its tables or lineage. */
export interface ExecutionLine {
  readonly iteration: number;
  readonly status: 'success' | 'failure';
  /** The faults injected, as in the run's failureSpec. */
  readonly faults: FaultSet;
  readonly violations: readonly (readonly string[])[];
  readonly parent: number | null;
}

/** What ended a search before its verdict. */
export interface Stop {
  readonly reason: 'max-runs' | 'timeout' | 'tuples' | 'interrupted';
  /** For people: what ran out, and what to raise. */
  readonly message: string;
  /** The execution a budget stopped midway (it is not counted in `executions`), or null. */
  readonly during: number | null;
}
