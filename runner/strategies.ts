// Where the next hypothesis comes from. Each strategy yields fault sets in a deterministic order;
// `observe` lets LDFI learn from a run that survived its faults.
import type { Program } from '../datalog/ast.js';
import type { Crash, FaultSet, Omission } from '../datalog/types.js';
import type { FaultSpace } from '../solver/index.js';
import { faultCount, faultKey, NO_FAULTS } from '../datalog/faults.js';
import { MinHeap } from '../datalog/queue.js';
import type { Rng } from './rng.js';
import { canonicalKey, interchangeableClasses } from './symmetry.js';
import { ordersNodeNames } from './symmetry-safety.js';

export interface Hypothesis {
  readonly faults: FaultSet;
  /** The run whose lineage proposed it (LDFI only). */
  readonly parent: number | null;
}

/** How promising a proposal is (runner/search.ts): higher runs sooner. */
export interface Prospect {
  /** Goals it cuts whose precondition survives: > 0 runs before any unpromising set. */
  readonly goals: number;
  /** Share of the lineage it cuts, in [0, 1]: breaks ties among sets of one size. */
  readonly cut: number;
}

export interface HypothesisSource {
  /** The next fault set to run, or null when none is left. */
  next(): Hypothesis | null;
  /**
   * A run kept the spec with `effective` the faults that took effect: learn from the minimal fault
   * sets that cut its lineage (`proposals`, each scored: see Prospect); returns those queued. A run
   * whose effective faults an earlier run already had is the same run, so it teaches nothing new.
   */
  observe(
    iteration: number,
    effective: FaultSet,
    proposals: () => readonly { readonly faults: FaultSet; readonly prospect: () => Prospect }[],
  ): readonly FaultSet[];
  /** The next `k` hypotheses `next` would return if nothing were learnt meanwhile (LDFI only). */
  peek?(k: number): readonly Hypothesis[];
  /** Hypotheses known but not yet run (for progress lines). */
  readonly pending: number;
}

/**
 * The classes of interchangeable nodes the search may use: none when symmetry is off or not
 * provably safe (a node name is ordered: runner/symmetry-safety.ts).
 */
export function symmetryClasses(program: Program, nodes: readonly string[], symmetry: boolean): string[][] {
  if (!symmetry || ordersNodeNames(program, nodes)) return [];
  return interchangeableClasses(program, nodes);
}

/** A fault set's identity for "already explored": its key, or its smallest image under symmetry. */
export function explorationKey(classes: readonly (readonly string[])[]): (f: FaultSet) => string {
  if (classes.length === 0) return faultKey;
  return (f) => canonicalKey(f, classes);
}

/**
 * LDFI (SPEC §5): the minimal fault sets that cut the lineage of a surviving run. Promising sets (they
 * cut an outcome whose precondition survives) run first; then fewer faults first, then more goals
 * cut, a deeper cut of the lineage, and the order found. A set is queued once. The order only decides
 * when a counterexample turns up: every queued set runs before the search can say "tolerant".
 */
export function ldfiSource(keyOf: (f: FaultSet) => string): HypothesisSource {
  const queue = new MinHeap<Hypothesis>();
  const seen = new Set<string>([keyOf(NO_FAULTS)]);
  const effectiveSeen = new Set<string>();
  let order = 0;
  return {
    get pending() {
      return queue.size;
    },
    next: () => queue.pop() ?? null,
    peek: (k) => queue.smallest(k),
    observe(iteration, effective, proposals) {
      const done = keyOf(effective);
      if (effectiveSeen.has(done)) return [];
      effectiveSeen.add(done);
      seen.add(done);
      const proposed: FaultSet[] = [];
      for (const { faults: f, prospect } of proposals()) {
        const key = keyOf(f);
        if (seen.has(key)) continue;
        seen.add(key);
        proposed.push(f);
        const score = prospect();
        queue.push([score.goals > 0 ? 0 : 1, faultCount(f), -score.goals, -score.cut, order++], {
          faults: f,
          parent: iteration,
        });
      }
      return proposed;
    },
  };
}

/** Every omission channel the space allows: from ≠ to, 1 ≤ t < EFF. */
function channels(space: FaultSpace): Omission[] {
  const out: Omission[] = [];
  for (let time = 1; time < space.eff; time++)
    for (const from of space.nodes)
      for (const to of space.nodes) if (from !== to) out.push({ from, to, time });
  return out;
}

const sentBeforeCrash = (crashes: readonly Crash[]) => (o: Omission) =>
  !crashes.some((c) => c.node === o.from && c.time <= o.time);

/** Uniform samples of the failure space, as SPEC §3 counts it (a crash time of EOT+1 = no crash). */
export function randomSource(space: FaultSpace, rng: Rng): HypothesisSource {
  const all = channels(space);
  return {
    pending: Infinity,
    next() {
      const pool = [...space.nodes];
      const crashes: Crash[] = [];
      for (let i = 0; i < space.maxCrashes && pool.length > 0; i++) {
        const [node] = pool.splice(rng.int(0, pool.length - 1), 1);
        const time = rng.int(1, space.eot + 1);
        if (time <= space.eot) crashes.push({ node: node!, time });
      }
      const omissions = all.filter(sentBeforeCrash(crashes)).filter(() => rng.next() < 0.5);
      return { faults: { crashes, omissions }, parent: null };
    },
    observe: () => [],
  };
}

/** The whole failure space, fewer faults first; equal-up-to-symmetry sets once. */
export function exhaustiveSource(space: FaultSpace, keyOf: (f: FaultSet) => string): HypothesisSource {
  const gen = enumerate(space);
  const seen = new Set<string>([keyOf(NO_FAULTS)]);
  return {
    pending: 0,
    next() {
      for (let r = gen.next(); !r.done; r = gen.next()) {
        const key = keyOf(r.value);
        if (seen.has(key)) continue;
        seen.add(key);
        return { faults: r.value, parent: null };
      }
      return null;
    },
    observe: () => [],
  };
}

function* enumerate(space: FaultSpace): Generator<FaultSet> {
  const all = channels(space);
  for (let k = 0; k <= Math.min(space.maxCrashes, space.nodes.length); k++) {
    for (const crashed of combinations(space.nodes, k)) {
      for (const times of product(k, space.eot)) {
        const crashes = crashed.map((node, i) => ({ node, time: times[i]! }));
        const open = all.filter(sentBeforeCrash(crashes));
        for (let m = 0; m <= open.length; m++)
          for (const omissions of combinations(open, m)) if (k + m > 0) yield { crashes, omissions };
      }
    }
  }
}

function* combinations<T>(items: readonly T[], k: number, start = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = start; i <= items.length - k; i++)
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
}

function* product(k: number, max: number): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let t = 1; t <= max; t++) for (const rest of product(k - 1, max)) yield [t, ...rest];
}
