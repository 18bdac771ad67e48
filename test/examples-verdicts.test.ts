// The example protocols end to end (examples/cases.json): the LDFI search must reach each case's
// expected verdict, and where the failure space is small the exhaustive search must agree with it
// (LDFI finds a counterexample exactly when one exists). Cases marked `bench` are the large
// benchmark bounds; `npm run bench` runs those.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureSpaceSize } from '../runner/bound.js';
import { loadChecked } from '../runner/load.js';
import { runSearch, type SearchOptions } from '../runner/search.js';
import { caseBounds, parseCases, type ExampleCase } from '../examples/cases.js';

/** Failure spaces up to this size are also searched exhaustively, as an oracle. */
const EXHAUSTIVE_LIMIT = 500n;

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const cases = parseCases(readFileSync(join(examples, 'cases.json'), 'utf8'));
const quick = cases.filter((c) => c.bench !== true);

function read(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

function load(c: ExampleCase) {
  return loadChecked(
    c.files.map((f) => join(examples, f)),
    read,
  ).program;
}

function search(c: ExampleCase, strategy: SearchOptions['strategy'], pruneProven = true) {
  return runSearch(load(c), {
    ...caseBounds(c),
    strategy,
    records: 'none',
    pruneProven,
  });
}

function spaceSize(c: ExampleCase): bigint {
  return failureSpaceSize({ ...caseBounds(c), nodes: c.nodes.length });
}

describe('examples/cases.json', () => {
  it('pins the execution count of every case the tests run', () => {
    for (const c of quick) expect(c.executions, c.name).toBeGreaterThan(0);
  });

  it('names every case once, with files that exist and a one-line reason', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    for (const c of cases) {
      for (const f of c.files) expect(existsSync(join(examples, f)), `${c.name}: ${f}`).toBe(true);
      expect(c.why.length, c.name).toBeGreaterThan(0);
      expect(c.why.includes('\n'), c.name).toBe(false);
    }
  });

  it('loads and checks every program, the benchmark-sized ones included', () => {
    for (const c of cases) expect(() => load(c), c.name).not.toThrow();
  });

  it('gives every protocol family a tolerant and a counterexample case', () => {
    const families = new Map<string, Set<string>>();
    for (const c of cases) {
      const family = c.files[0]!.split('/')[0]!;
      families.set(family, (families.get(family) ?? new Set()).add(c.expect));
    }
    for (const [family, verdicts] of families)
      expect([...verdicts].sort(), family).toEqual(['counterexample', 'tolerant']);
  });
});

/** Cases where pruning proven runs saves executions (measured), cheap enough for every test run. */
const PRUNED = ['2PC, omissions', '3PC, two crashes', 'Kafka ISR, no crash'];

describe.each(quick)('$name', (c) => {
  it(`is ${c.expect} at ${c.nodes.length} nodes, EOT ${c.eot}, EFF ${c.eff}, ${c.crashes} crashes`, () => {
    const report = search(c, 'ldfi');
    expect(report.verdict, c.why).toBe(c.expect);
    // Pinned: the search is deterministic, so its execution count is a stable figure.
    expect(report.executions, 'executions (examples/cases.json)').toBe(c.executions);
    if (PRUNED.includes(c.name)) expect(report.pruned, 'hypotheses proven, not run').toBeGreaterThan(0);
  });

  if (spaceSize(c) <= EXHAUSTIVE_LIMIT) {
    it('gets the same verdict from the exhaustive search', () => {
      expect(search(c, 'exhaustive').verdict).toBe(c.expect);
    });
  }
});

describe('pruning proven runs (runner/proven.ts), against --no-prune-proven', () => {
  // The pruned search of each case is pinned above (its verdict and executions); here, without it.
  it.each(PRUNED)('%s: the same verdict in more executions without it', (name) => {
    const c = quick.find((q) => q.name === name)!;
    const unpruned = search(c, 'ldfi', false);
    expect(unpruned.verdict).toBe(c.expect);
    expect(unpruned.executions).toBeGreaterThan(c.executions!);
    expect(unpruned.pruned).toBeUndefined();
  });

  it('changes no counterexample case (each found in as many executions without it)', () => {
    for (const c of quick.filter((q) => q.expect === 'counterexample')) {
      const report = search(c, 'ldfi', false);
      expect([report.verdict, report.executions], c.name).toEqual([c.expect, c.executions]);
    }
  });
});
