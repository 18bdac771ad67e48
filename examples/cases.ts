// The shape of examples/cases.json: each protocol's files, bounds and expected verdict. Read by the
// end-to-end test and by `npm run bench`.
import type { Bounds } from '../datalog/eval/types.js';

export interface ExampleCase {
  readonly name: string;
  /** Program files, relative to examples/. */
  readonly files: readonly string[];
  readonly nodes: readonly string[];
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
  readonly expect: 'counterexample' | 'tolerant';
  /**
   * Executions of the LDFI search, the failure-free run included: exploration order is deterministic
   * (SPEC §5), so a change here is a change in the search and says why in its commit.
   */
  readonly executions?: number;
  readonly why: string;
  /** The BENCHMARKS.md row or Molly verdict it matches ("Figures: …" for the published figures). */
  readonly benchmark: string | null;
  /** Benchmark-sized: run by `npm run bench`, not by the test suite. */
  readonly bench?: boolean;
}

/** The failure space a case is checked in. */
export function caseBounds(c: ExampleCase): Bounds {
  return { nodes: c.nodes, eot: c.eot, eff: c.eff, maxCrashes: c.crashes };
}

export function parseCases(json: string): ExampleCase[] {
  return JSON.parse(json) as ExampleCase[];
}
