// What the report shows, as plain data: computed from a SearchReport by the pure view models in this
// folder, embedded in index.html as JSON, and drawn by the browser client. Imports only run-time types.
import type { Crash, FaultSet } from '../../datalog/eval/types.js';
import type { SearchReport } from '../../runner/types.js';

/** One line of the runs table. Fault and violation lists are already in words. */
export interface RunRow {
  readonly iteration: number;
  readonly status: 'success' | 'failure';
  /** The report's (first) counterexample: listed first and marked. */
  readonly counterexample: boolean;
  /** `b crashed@2` */
  readonly crashes: readonly string[];
  /** `a→b@1 lost` */
  readonly omissions: readonly string[];
  /** `post(b, hi) missing`: a `pre` tuple at EOT without its `post`. */
  readonly violations: readonly string[];
  readonly parent: number | null;
  /** What happened in this run, in sentences (runner/narrate.ts). */
  readonly story: readonly string[];
  /** The report holds this run's full record (graphs, relations); else only this row. */
  readonly kept: boolean;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

/** A node's state at one time step: where its lane crosses that row. */
export interface SpacetimeEvent {
  readonly id: string;
  readonly node: string;
  readonly time: number;
  readonly position: Point;
  /** The node crashes at exactly this step. */
  readonly crashesHere: boolean;
  /** The node has crashed at or before this step: it sends nothing more to others. */
  readonly crashed: boolean;
  /** Its crash is one of the faults the run's why-not explanation says matter. */
  readonly crashMatters: boolean;
}

/** The piece of a node's lane between two consecutive time steps. */
export interface SpacetimeLaneSegment {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly crashed: boolean;
}

/** Every message on one channel at one send time (they share their fate: SPEC §3 faults are per channel). */
export interface SpacetimeArrow {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly sendTime: number;
  readonly source: string;
  readonly target: string;
  /** Relation names, sorted, deduplicated: the arrow's label. */
  readonly label: string;
  /** Every message as a tuple, `log(b, hi)`, in send order. */
  readonly tuples: readonly string[];
  readonly lostBy: 'omission' | 'crash' | null;
  /** Lost to an omission the run's why-not explanation names among the faults that matter. */
  readonly matters: boolean;
  /** Where the arrow starts and ends. */
  readonly points: readonly [Point, Point];
  /** Centre of its label, placed clear of every other label; null: shown on hover only. */
  readonly labelAt: Point | null;
}

export interface SpacetimeView {
  readonly nodes: readonly string[];
  /** Last time step drawn: EOT (nothing is evaluated after it). */
  readonly lastTime: number;
  readonly heads: readonly { readonly id: string; readonly node: string; readonly position: Point }[];
  /** Row labels: `t=2`, and `t=3 EOT` on the last step of the run. */
  readonly ticks: readonly {
    readonly id: string;
    readonly time: number;
    readonly label: string;
    readonly position: Point;
  }[];
  readonly events: readonly SpacetimeEvent[];
  readonly lanes: readonly SpacetimeLaneSegment[];
  readonly arrows: readonly SpacetimeArrow[];
  readonly crashes: readonly Crash[];
  /** Messages a crashed node did not send: not drawn, the crash marker stands for them. */
  readonly unsent: number;
}

// Kept lean: a report embeds one per lineage node per run. Labels carry the tuple; rules are
// indices into the summary's `program.rules` (null if the index names no rule). Optional keys are
// left out when they do not apply, and a graph from elsewhere (a why-not graph) may omit them all.
export type LineageViewNode =
  | (LineageViewBase & {
      readonly kind: 'tuple';
      readonly goal: boolean;
      /** Hidden by default: a fact nothing derives, or a local clock tick. */
      readonly fact?: 'edb' | 'clock';
    })
  | (LineageViewBase & {
      readonly kind: 'derivation';
      readonly rule: number | null;
      /** `A = "a", P = "hi"`: the variables of this firing. */
      readonly bindings?: string;
      /** Shown as that firing of the same rule and head (they differ only in a `_` column). */
      readonly foldedInto?: number;
      /** How many firings fold into this one. */
      readonly alternatives?: number;
    })
  | (LineageViewBase & { readonly kind: 'message'; readonly from: string; readonly to: string })
  | (LineageViewBase & { readonly kind: 'no-crash'; readonly node: string })
  | (LineageViewBase & {
      /** A persistence chain folded into one node (viz/model/lineage-simplify.ts); `time` is its latest step. */
      readonly kind: 'chain';
      readonly since: number;
      /** Its tuples and persistence firings, latest first. */
      readonly members: readonly number[];
    });

interface LineageViewBase {
  /** The LineageRecord node id; chains come after the record's nodes. */
  readonly id: number;
  readonly label: string;
  /** Tuple time, derivation head time, message send time; null for `no-crash` at any time. */
  readonly time: number | null;
}

export interface LineageViewEdge {
  readonly source: number;
  readonly target: number;
  /** The target is what a `notin` of the source firing rests on, not something it used. */
  readonly notin?: true;
}

/** A fault set this run's lineage proposed, and what of the lineage it cuts. */
export interface ProposalView {
  readonly faults: readonly string[];
  readonly run: number | null;
  /** Lineage node ids that no longer hold under the fault set, ascending. */
  readonly cut: readonly number[];
}

export interface LineageView {
  readonly goals: readonly number[];
  readonly nodes: readonly LineageViewNode[];
  /** From a tuple to its derivations, from a derivation to its children. */
  readonly edges: readonly LineageViewEdge[];
  readonly proposals: readonly ProposalView[];
  /** The goals and the messages they rest on (viz/model/lineage-overview.ts): what the page opens on. */
  readonly overview?: {
    readonly nodes: readonly number[];
    readonly edges: readonly { readonly source: number; readonly target: number }[];
  };
}

/** The failure-free run's lineage against a failing run's faults: what those faults took away. */
export interface LineageDiff {
  readonly good: number;
  readonly bad: number;
  readonly faults: readonly string[];
  /** Node ids of the good run's lineage that do not hold under the bad run's faults. */
  readonly cut: readonly number[];
  /** The goals among them: the `post` tuples the faults prevented. */
  readonly lostGoals: readonly string[];
}

/** One relation of one run: rows of values and the time step each holds at. */
export interface RelationTable {
  readonly relation: string;
  readonly rows: readonly { readonly values: readonly string[]; readonly time: number }[];
}

/** Everything the report shows about one run; embedded per run so the page parses it only on demand. */
/** Why a failing run's `post` tuples are missing, drawn like a lineage graph (viz/model/why-not.ts). */
export interface WhyNotView {
  readonly graph: LineageView;
  /** The fault leaves (lost messages, crashes), marked on the page. */
  readonly leaves: readonly number[];
  /** `post("c", "hello")@4 missing`, one per violation. */
  readonly violations: readonly string[];
  /** The faults that matter, in words. */
  readonly faults: readonly string[];
}

export interface RunView {
  readonly iteration: number;
  readonly title: string;
  readonly spacetime: SpacetimeView;
  readonly lineage: LineageView;
  readonly diff: LineageDiff | null;
  /** The faults injected: the page recomputes good vs bad against any kept run from them. */
  readonly faults: FaultSet;
  readonly relations: readonly RelationTable[];
  /** Why its `post` tuples are missing (failing runs only). */
  readonly whyNot: WhyNotView | null;
  /** The `ldfi eval` command that reruns it, when known. */
  readonly replay: string | null;
}

/** The page's summary data: parsed at load. */
/** No elapsed time: the page's bytes depend on the search's inputs only. */
export interface ReportSummaryView extends Omit<SearchReport, 'runs' | 'elapsedMs'> {
  readonly headline: string;
  /** The failure space's size for people (4,096; 4.81e11); `bound` keeps it exact. */
  readonly boundText: string;
  /** Tolerant, but nothing was tested (SPEC §4): the headline is not green. */
  readonly vacuous: boolean;
  readonly rows: readonly RunRow[];
}
