// Good vs bad: the failure-free run's lineage with what a failing run's faults took away from it.
import type { RunRecord } from '../../runner/types.js';
import { lineageCut } from './lineage.js';
import type { HoldsUnder } from './lineage-graph.js';
import type { LineageDiff } from './types.js';
import { faultWords } from './words.js';

/** The supports of `good`'s outcomes that `bad`'s faults remove, and the goals left without support. */
export function lineageDiff(good: RunRecord, bad: RunRecord, holdsUnder?: HoldsUnder): LineageDiff {
  const faults = { crashes: bad.failureSpec.crashes, omissions: bad.failureSpec.omissions };
  const cut = lineageCut(good, faults, holdsUnder);
  const cutSet = new Set(cut);
  const lostGoals = good.lineage.goals.filter((g) => cutSet.has(g)).map((g) => good.lineage.nodes[g]!.label);
  return { good: good.iteration, bad: bad.iteration, faults: faultWords(faults), cut, lostGoals };
}
