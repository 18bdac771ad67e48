// Executions and wall time per example protocol for the three strategies, side by side with the
// figures Molly published (../shared/BENCHMARKS.md), as one markdown table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileLoader } from '../runner/cli/files.js';
import { loadChecked } from '../runner/load.js';
import { runSearch } from '../runner/search.js';
import type { Strategy } from '../runner/types.js';
import { caseBounds, parseCases, type ExampleCase as Case } from '../examples/cases.js';

/** Molly's random figures (mean executions over 25 seeds) from BENCHMARKS.md, by protocol. */
const MOLLY_RANDOM: Record<string, number> = {
  'simple delivery': 4.08,
  'retry delivery': 75.24,
  'classic reliable broadcast': 116.16,
  'two-phase commit': 5.48,
  '2PC with cooperative termination': 8.56,
  'three-phase commit': 40.6,
  'Kafka in-sync-replica replication': 1183.12,
};

const SEEDS = 25;
const RANDOM_BUDGET = 2000;
const EXHAUSTIVE_LIMIT = 50_000n;
/**
 * Each row is bounded by executions, not by the clock: on a loaded machine a timeout turned the
 * Paxos row "inconclusive". A row that needs more says inconclusive, which is a finding.
 */
const MAX_RUNS = 20_000;

function search(c: Case, strategy: Strategy, seed = 1, negation = true, pruneProven = true) {
  const { program } = loadChecked(
    c.files.map((f) => join('examples', f)),
    (p) => fileLoader.read(p),
  );
  return runSearch(program, {
    ...caseBounds(c),
    strategy,
    seed,
    records: 'none',
    negation,
    pruneProven,
    maxRuns: strategy === 'random' ? RANDOM_BUDGET : MAX_RUNS,
    now: () => performance.now(),
  });
}

function perSecond(derivations: number, ms: number): string {
  return ms <= 0 ? '—' : Math.round(derivations / (ms / 1000)).toLocaleString('en');
}

export function benchSearch(): string {
  const cases = parseCases(readFileSync('examples/cases.json', 'utf8')).filter((c) =>
    c.benchmark?.includes('Figures:'),
  );
  const rows = [
    "| protocol | nodes/EOT/EFF/c | bound | expected | ldfi verdict | ldfi exe | ldfi known, not run | ldfi s | ldfi derivations/s (whole search) | ldfi proven, not run | ldfi exe, --no-prune-proven (s) | ldfi exe, --no-negation (Molly's default) | Molly exe | random exe (mean of 25) | Molly random exe | exhaustive exe |",
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const c of cases) {
    const figures = /Figures: ([^;(]*?) \d+ nodes.*\(Molly (\d+) executions/.exec(c.benchmark ?? '');
    const protocol = figures?.[1]?.trim() ?? c.name;
    const ldfi = search(c, 'ldfi');
    const positive = search(c, 'ldfi', 1, false);
    const unpruned = search(c, 'ldfi', 1, true, false);
    let random = '—';
    if (c.expect === 'counterexample') {
      let total = 0;
      let found = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const r = search(c, 'random', seed);
        total += r.executions;
        if (r.verdict === 'counterexample') found++;
      }
      random = `${(total / SEEDS).toFixed(1)}${found < SEEDS ? ` (${SEEDS - found} of ${SEEDS} hit the ${RANDOM_BUDGET}-run budget)` : ''}`;
    }
    let exhaustive = `— (bound over ${EXHAUSTIVE_LIMIT})`;
    if (BigInt(ldfi.bound) <= EXHAUSTIVE_LIMIT) {
      const e = search(c, 'exhaustive');
      exhaustive = `${e.executions} (${e.verdict})`;
    }
    rows.push(
      `| ${c.name} | ${c.nodes.length}/${c.eot}/${c.eff}/${c.crashes} | ${Number(ldfi.bound).toExponential(2)} | ${c.expect} | ${ldfi.verdict} | ${ldfi.executions}${ldfi.executions === c.executions ? '' : ` (cases.json: ${c.executions ?? '—'})`} | ${ldfi.skipped ?? 0} | ${(ldfi.elapsedMs / 1000).toFixed(2)} | ${perSecond(ldfi.stats.derivations, ldfi.elapsedMs)} | ${ldfi.pruned ?? 0} | ${unpruned.executions} (${(unpruned.elapsedMs / 1000).toFixed(2)}) | ${positive.executions} (${positive.verdict}) | ${figures?.[2] ?? '—'} | ${random} | ${MOLLY_RANDOM[protocol] ?? '—'} | ${exhaustive} |`,
    );
  }
  return rows.join('\n');
}
