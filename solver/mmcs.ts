// Minimal hitting sets of a hypergraph under the crash bound: the MMCS algorithm (Murakami and Uno,
// "Efficient algorithms for dualizing large-scale hypergraphs", 2014), written from the paper.
//
// Search state: the chosen set S, the candidates CAND, and for each hyperedge how many chosen elements
// hit it. An element of S is *critical* for a hyperedge it alone hits; S is minimal iff every element
// of S is critical for some hyperedge. MMCS only grows S through elements that keep it minimal, and
// takes new elements from one uncovered hyperedge at a time, so every minimal hitting set is reached
// by exactly one path of the search.

export interface HittingSetProblem {
  readonly elementCount: number;
  /** Sets of element ids to hit. */
  readonly hyperedges: readonly (readonly number[])[];
  /** Per element: the node it crashes, or -1 when it is not a crash. */
  readonly crashNode: readonly number[];
  /**
   * Per element (absent: all false): true for a crash that moves a crash the forced faults already
   * hold (universe.ts). It still allows one crash per node, but its node is not counted against
   * `crashBudget`.
   */
  readonly movesCrash?: readonly boolean[];
  /** How many distinct nodes a set may crash, not counting the nodes of `movesCrash` elements. */
  readonly crashBudget: number;
}

export interface HittingSets {
  /** Each set as ascending element ids. Order: the search's, deterministic. */
  readonly sets: number[][];
  /** Search nodes visited. */
  readonly steps: number;
}

/**
 * Expects a hypergraph over elements `0 … elementCount-1` (each hyperedge without repeated elements).
 * Guarantees: exactly the minimal hitting sets with at most `maxSize` elements, at most one crash per
 * node and at most `crashBudget` newly crashed nodes, each once. (Those constraints are closed under subsets,
 * so pruning a branch that breaks them loses no minimal set that respects them.)
 * No hyperedges: the one empty set. An empty hyperedge: nothing.
 */
export function minimalHittingSets(problem: HittingSetProblem, maxSize: number): HittingSets {
  const search = new Search(problem, maxSize);
  search.run();
  return { sets: search.sets, steps: search.steps };
}

class Search {
  readonly sets: number[][] = [];
  steps = 0;
  private readonly edgesOf: number[][];
  private readonly hitCount: Int32Array;
  /** Sum of the ids of the chosen elements hitting each hyperedge: the critical one when hitCount is 1. */
  private readonly hitSum: Int32Array;
  /** Per element: how many hyperedges it alone hits. */
  private readonly critical: Int32Array;
  private readonly candidate: Uint8Array;
  private readonly crashesOn: Int32Array;
  private readonly chosen: number[] = [];
  private uncovered: number;
  private crashedNodes = 0;

  constructor(
    private readonly problem: HittingSetProblem,
    private readonly maxSize: number,
  ) {
    const { elementCount, hyperedges, crashNode } = problem;
    this.edgesOf = Array.from({ length: elementCount }, () => []);
    hyperedges.forEach((edge, h) => edge.forEach((e) => this.edgesOf[e]!.push(h)));
    this.hitCount = new Int32Array(hyperedges.length);
    this.hitSum = new Int32Array(hyperedges.length);
    this.critical = new Int32Array(elementCount);
    this.candidate = new Uint8Array(elementCount).fill(1);
    this.crashesOn = new Int32Array(crashNode.reduce((max, node) => Math.max(max, node + 1), 0));
    this.uncovered = hyperedges.length;
  }

  run(): void {
    this.steps++;
    if (this.uncovered === 0) {
      this.sets.push([...this.chosen].sort((a, b) => a - b));
      return;
    }
    if (this.chosen.length >= this.maxSize) return;
    const edge = this.pickUncovered();
    if (edge < 0) return;
    const branch = this.problem.hyperedges[edge]!.filter((e) => this.candidate[e] === 1);
    for (const e of branch) this.candidate[e] = 0;
    for (const e of branch) {
      if (this.withinCrashBound(e)) {
        this.add(e);
        if (this.chosen.every((f) => this.critical[f]! > 0)) this.run();
        this.remove(e);
      }
      this.candidate[e] = 1;
    }
  }

  /** The uncovered hyperedge with the fewest candidates (fewest branches); -1 if one has none. */
  private pickUncovered(): number {
    let best = -1;
    let bestCount = Infinity;
    const { hyperedges } = this.problem;
    for (let h = 0; h < hyperedges.length && bestCount > 0; h++) {
      if (this.hitCount[h] !== 0) continue;
      let count = 0;
      for (const e of hyperedges[h]!) count += this.candidate[e]!;
      if (count < bestCount) [best, bestCount] = [h, count];
    }
    return bestCount === 0 ? -1 : best;
  }

  private withinCrashBound(e: number): boolean {
    const node = this.problem.crashNode[e]!;
    if (node < 0) return true;
    return this.crashesOn[node] === 0 && (this.moves(e) || this.crashedNodes < this.problem.crashBudget);
  }

  /** A crash of a node already crashed by the forced faults: not counted against the budget. */
  private moves(e: number): boolean {
    return this.problem.movesCrash?.[e] === true;
  }

  private add(e: number): void {
    for (const h of this.edgesOf[e]!) {
      if (this.hitCount[h] === 0) {
        this.uncovered--;
        this.critical[e]!++;
      } else if (this.hitCount[h] === 1) this.critical[this.hitSum[h]!]!--;
      this.hitCount[h]!++;
      this.hitSum[h]! += e;
    }
    this.chosen.push(e);
    const node = this.problem.crashNode[e]!;
    if (node >= 0 && this.crashesOn[node]!++ === 0 && !this.moves(e)) this.crashedNodes++;
  }

  private remove(e: number): void {
    for (const h of this.edgesOf[e]!) {
      this.hitCount[h]!--;
      this.hitSum[h]! -= e;
      if (this.hitCount[h] === 0) {
        this.uncovered++;
        this.critical[e]!--;
      } else if (this.hitCount[h] === 1) this.critical[this.hitSum[h]!]!++;
    }
    this.chosen.pop();
    const node = this.problem.crashNode[e]!;
    if (node >= 0 && --this.crashesOn[node]! === 0 && !this.moves(e)) this.crashedNodes--;
  }
}
