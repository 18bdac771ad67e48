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
  /** How many distinct nodes a set may crash. */
  readonly crashBudget: number;
}

export interface HittingSets {
  /** Each set as ascending element ids. Order: the search's, deterministic. */
  readonly sets: number[][];
  /** Search nodes visited. */
  readonly steps: number;
}

/**
 * Expects a hypergraph over elements `0 … elementCount-1`.
 * Guarantees: exactly the minimal hitting sets with at most `maxSize` elements, at most one crash per
 * node and at most `crashBudget` crashed nodes, each once. (Those constraints are closed under subsets,
 * so pruning a branch that breaks them loses no minimal set that respects them.)
 * No hyperedges: the one empty set. An empty hyperedge: nothing.
 */
export function minimalHittingSets(problem: HittingSetProblem, maxSize: number): HittingSets {
  const { elementCount, hyperedges, crashNode, crashBudget } = problem;
  const edgesOf: number[][] = Array.from({ length: elementCount }, () => []);
  hyperedges.forEach((edge, h) => edge.forEach((e) => edgesOf[e]!.push(h)));
  const hitCount = new Int32Array(hyperedges.length);
  // Sum of the ids of the chosen elements hitting each hyperedge: the critical one when hitCount is 1.
  const hitSum = new Int32Array(hyperedges.length);
  const critical = new Int32Array(elementCount);
  const candidate = new Uint8Array(elementCount).fill(1);
  const crashesOn = new Int32Array(Math.max(0, ...crashNode) + 1);
  const chosen: number[] = [];
  const sets: number[][] = [];
  let uncovered = hyperedges.length;
  let crashedNodes = 0;
  let steps = 0;

  const add = (e: number): void => {
    for (const h of edgesOf[e]!) {
      if (hitCount[h] === 0) {
        uncovered--;
        critical[e]!++;
      } else if (hitCount[h] === 1) critical[hitSum[h]!]!--;
      hitCount[h]!++;
      hitSum[h]! += e;
    }
    chosen.push(e);
    const node = crashNode[e]!;
    if (node >= 0 && crashesOn[node]!++ === 0) crashedNodes++;
  };
  const remove = (e: number): void => {
    for (const h of edgesOf[e]!) {
      hitCount[h]!--;
      hitSum[h]! -= e;
      if (hitCount[h] === 0) {
        uncovered++;
        critical[e]!--;
      } else if (hitCount[h] === 1) critical[hitSum[h]!]!++;
    }
    chosen.pop();
    const node = crashNode[e]!;
    if (node >= 0 && --crashesOn[node]! === 0) crashedNodes--;
  };
  const withinCrashBound = (e: number): boolean => {
    const node = crashNode[e]!;
    return node < 0 || (crashesOn[node] === 0 && crashedNodes < crashBudget);
  };
  // The uncovered hyperedge with the fewest candidates (fewest branches); -1 if one has none.
  const pickUncovered = (): number => {
    let best = -1;
    let bestCount = Infinity;
    for (let h = 0; h < hyperedges.length && bestCount > 0; h++) {
      if (hitCount[h] !== 0) continue;
      let count = 0;
      for (const e of hyperedges[h]!) count += candidate[e]!;
      if (count < bestCount) [best, bestCount] = [h, count];
    }
    return bestCount === 0 ? -1 : best;
  };
  const search = (): void => {
    steps++;
    if (uncovered === 0) {
      sets.push([...chosen].sort((a, b) => a - b));
      return;
    }
    if (chosen.length >= maxSize) return;
    const edge = pickUncovered();
    if (edge < 0) return;
    const branch = hyperedges[edge]!.filter((e) => candidate[e] === 1);
    for (const e of branch) candidate[e] = 0;
    for (const e of branch) {
      if (withinCrashBound(e)) {
        add(e);
        if (chosen.every((f) => critical[f]! > 0)) search();
        remove(e);
      }
      candidate[e] = 1;
    }
  };
  search();
  return { sets, steps };
}
