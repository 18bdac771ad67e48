// `--jobs N` (runner/cli/pool.ts): hypotheses run ahead on worker threads, and the search takes
// their outcomes in its own order, so the report is the sequential one, byte for byte (but the
// clock). Runs the built code: the worker thread loads dist/ (npm run build first, as for the CLI).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (path: string) => import(join(root, 'dist', path));

describe('threadPool', () => {
  it.each([
    ['Paxos, small bounds', ['paxos/synod.ded', 'paxos/spec.ded'], 5, 3, 1, 2, {}],
    ['ack delivery, 3 threads', ['delivery/ack.ded', 'delivery/spec.ded'], 6, 4, 1, 3, {}],
    ['Paxos to its --max-runs', ['paxos/synod.ded', 'paxos/spec.ded'], 7, 6, 1, 2, { maxRuns: 40 }],
    ['Paxos, --no-prune-proven', ['paxos/synod.ded', 'paxos/spec.ded'], 5, 3, 1, 2, { pruneProven: false }],
    [
      'every counterexample (--all)',
      ['detector/permanent.ded', 'detector/spec.ded'],
      7,
      4,
      0,
      2,
      { all: true },
    ],
  ])(
    'gives %s the report of the sequential search',
    async (_name, files, eot, eff, crashes, jobs, extra) => {
      const { loadChecked, programSource } = await dist('runner/load.js');
      const { runSearch, searchAsync, executionSettings } = await dist('runner/search.js');
      const { threadPool } = await dist('runner/cli/pool.js');
      const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
      const loaded = loadChecked(
        files.map((f) => join(root, 'examples', f)),
        read,
      );
      // A clock that runs fast, so the search soon uses its pool.
      let clock = 0;
      const options = {
        nodes: ['a', 'b', 'c'],
        eot,
        eff,
        maxCrashes: crashes,
        ...extra,
        now: () => (clock += 100),
        source: programSource(loaded.program, loaded.sources),
      };
      const alone = runSearch(loaded.program, options);
      clock = 0;
      const pool = threadPool(loaded.program, executionSettings(options), jobs);
      expect(pool).not.toBeNull();
      try {
        const pooled = await searchAsync(loaded.program, { ...options, pool });
        expect(pool.stats().ran).toBeGreaterThan(0);
        const bytes = (r: { elapsedMs: number }) => JSON.stringify({ ...r, elapsedMs: 0 });
        expect(bytes(pooled)).toBe(bytes(alone));
      } finally {
        await pool.close();
      }
    },
    120_000,
  );
});
