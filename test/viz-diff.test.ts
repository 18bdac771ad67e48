// Good vs bad against any kept run (viz/client/diff.js) and the faults that matter in the spacetime
// diagram (viz/model/spacetime.ts). The page's cut is checked against the solver's holdsUnder (the
// report's oracle, through viz/model/lineage.ts lineageCut) on every pair of kept runs.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { caseBounds, parseCases } from '../examples/cases.js';
import { loadChecked } from '../runner/load.js';
import { runSearch } from '../runner/search.js';
import type { RunRecord } from '../runner/types.js';
import { cutUnder, diffAgainst } from '../viz/client/diff.js';
import { spacetimeDot } from '../viz/dot.js';
import { lineageCut } from '../viz/model/lineage.js';
import { reportView } from '../viz/model/report.js';
import { spacetimeModel } from '../viz/model/spacetime.js';
import { faultWords } from '../viz/model/words.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const cases = parseCases(readFileSync(join(examples, 'cases.json'), 'utf8'));

/** Every kept run of a search that keeps going past its first counterexample. */
function search(name: string, maxRuns = 12) {
  const c = cases.find((x) => x.name === name)!;
  const { program } = loadChecked(
    c.files.map((f) => join(examples, f)),
    (path) => readFileSync(path, 'utf8'),
  );
  return runSearch(program, {
    ...caseBounds(c),
    all: true,
    maxRuns,
    records: 'all',
  });
}

const retry = search('retry delivery, one crash');

describe('good vs bad against any kept run', () => {
  // One counterexample case per protocol family: crashes, omissions and notin lineage all appear.
  const failing = [
    ...new Map(
      cases
        .filter((c) => c.expect === 'counterexample' && c.bench !== true)
        .map((c) => [c.files[0]!.split('/')[0]!, c]),
    ).values(),
  ];
  test.each(failing.map((c) => c.name))('%s: the page cuts what the solver cuts', (name) => {
    const report = search(name);
    const view = reportView(report);
    const byIteration = new Map(view.runs.map((r) => [r.iteration, r]));
    let pairs = 0;
    for (const bad of report.runs)
      for (const good of report.runs) {
        const faults = { crashes: bad.failureSpec.crashes, omissions: bad.failureSpec.omissions };
        const page = cutUnder(
          byIteration.get(good.iteration)!.lineage,
          byIteration.get(bad.iteration)!.faults,
        );
        expect(page, `run ${bad.iteration}'s faults on run ${good.iteration}`).toEqual(
          lineageCut(good, faults),
        );
        pairs++;
      }
    // A single run (a violation without faults) is compared with itself: nothing is cut.
    expect(pairs).toBeGreaterThan(0);
  });

  test("the default comparison is the model's diff, and another run gives another difference", () => {
    const view = reportView(retry);
    const runs = new Map(view.runs.map((r) => [r.iteration, r]));
    const bad = runs.get(1)!;
    expect(bad.diff?.good).toBe(0);
    const words = faultWords(bad.faults);
    expect(diffAgainst(runs.get(0)!, bad, words)).toEqual(bad.diff);
    const other = diffAgainst(runs.get(3)!, bad, words);
    expect(other.good).toBe(3);
    expect(other.cut).not.toEqual(bad.diff!.cut);
  });
});

describe('the faults that matter in the spacetime diagram', () => {
  const run = retry.runs.find((r) => r.iteration === 1)!;

  test('the lost message and the crash the why-not explanation names are marked', () => {
    const view = spacetimeModel(run);
    const lost = view.arrows.filter((a) => a.lostBy === 'omission');
    expect(lost.map((a) => [a.id, a.matters])).toEqual([['m:a->b@1', true]]);
    expect(view.arrows.filter((a) => a.lostBy === null).every((a) => !a.matters)).toBe(true);
    const crashes = view.events.filter((e) => e.crashMatters).map((e) => e.id);
    expect(crashes).toEqual(['e:a@2']);
  });

  test('the DOT export says so too', () => {
    const dot = spacetimeDot(spacetimeModel(run), 'run 1');
    expect(dot).toMatch(/\(lost: omission, a fault that matters\)".*penwidth=3/);
    expect(dot).toContain('crashed@2, a fault that matters');
  });

  test('a lost message the explanation does not name stays only dashed', () => {
    const why = run.why.map((w) => ({ ...w, faults: { crashes: w.faults.crashes, omissions: [] } }));
    const view = spacetimeModel({ ...run, why } satisfies RunRecord);
    expect(view.arrows.find((a) => a.id === 'm:a->b@1')).toMatchObject({
      lostBy: 'omission',
      matters: false,
    });
    expect(view.events.filter((e) => e.crashMatters).map((e) => e.id)).toEqual(['e:a@2']);
  });

  test('a run without a violation marks nothing', () => {
    const view = spacetimeModel(retry.runs.find((r) => r.iteration === 0)!);
    expect(view.arrows.some((a) => a.matters) || view.events.some((e) => e.crashMatters)).toBe(false);
  });
});
