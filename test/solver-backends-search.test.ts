// `--solver mmcs|sat`: the two backends behind minimalFaultSets must propose the same hypotheses,
// so a whole LDFI search runs the same executions in the same order with either.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseBounds, parseCases } from '../examples/cases.js';
import { load } from '../runner/load.js';
import { fileLoader } from '../runner/cli/files.js';
import { main, type Io } from '../runner/cli/main.js';
import { runSearch, type SearchResult } from '../runner/search.js';
import { loadLogicSolver } from '../solver/sat-loader.js';
import type { Backend } from '../solver/types.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = join(root, 'examples');
const cases = parseCases(readFileSync(join(examples, 'cases.json'), 'utf8'));
/** Quick cases with a few executions each: enough proposals to compare, cheap with MiniSat too. */
const compared = cases.filter((c) => c.bench !== true && c.nodes.length <= 3 && c.eot <= 6).slice(0, 8);

beforeAll(loadLogicSolver);

/** Compared cases whose lineage proposed something (a tolerant case may stop after one run). */
let proposing = 0;

function search(c: (typeof cases)[number], backend: Backend): SearchResult {
  const loaded = load(
    c.files.map((f) => join(examples, f)),
    fileLoader,
  );
  return runSearch(loaded.program, {
    ...caseBounds(c),
    records: 'all',
    solver: { backend },
  });
}

/** What a search tried and why: each run's faults and the fault sets its lineage proposed. */
function hypotheses(r: SearchResult) {
  return {
    verdict: r.verdict,
    executions: r.executions,
    runs: r.runs.map((run) => ({
      faults: [run.failureSpec.crashes, run.failureSpec.omissions],
      proposals: run.proposals,
    })),
  };
}

describe('the solver backends in a search', () => {
  it('compares enough cases', () => expect(compared.length).toBeGreaterThanOrEqual(5));

  it.each(compared.map((c) => [c.name, c] as const))('%s: mmcs and sat propose the same', (_, c) => {
    const mmcs = search(c, 'mmcs');
    expect(hypotheses(search(c, 'sat'))).toEqual(hypotheses(mmcs));
    if (mmcs.runs.some((r) => r.proposals.length > 0)) proposing++;
  });

  it('compared searches that proposed fault sets', () => expect(proposing).toBeGreaterThanOrEqual(5));

  it('ldfi check --solver sat prints what --solver mmcs prints', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ldfi-solver-'));
    const run = async (backend: Backend): Promise<unknown> => {
      let printed = '';
      const io: Io = { stdout: (s) => void (printed += s), stderr: () => {}, isTTY: false, columns: 100 };
      const argv = ['check', ...['retry.ded', 'spec.ded'].map((f) => join(examples, 'delivery', f))];
      const flags = ['-N', 'a,b,c', '-t', '6', '-f', '3', '-c', '1', '--json', '--solver', backend];
      expect(await main([...argv, ...flags, '-o', join(out, backend)], io)).toBe(1);
      const { elapsedMs: _, ...summary } = JSON.parse(printed) as { elapsedMs: number };
      return summary;
    };
    expect(await run('sat')).toEqual(await run('mmcs'));
  });
});

describe('start-up', () => {
  // logic-solver takes a large share of a second to load: the CLI and the library load it on demand.
  it('imports logic-solver nowhere statically from the CLI or the entry points', () => {
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const [, spec] of readFileSync(file, 'utf8').matchAll(
        /^(?:import|export)\s(?!type\s)[^;]*?from\s+'([^']+)'/gms,
      )) {
        if (spec!.startsWith('.')) visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
        else packages.add(`${spec} (${relative(root, file)})`);
      }
    };
    for (const entry of ['runner/cli/main.ts', 'index.ts', 'node.ts']) visit(join(root, entry));
    expect([...packages].filter((p) => p.startsWith('logic-solver'))).toEqual([]);
    expect([...packages].some((p) => p.startsWith('yargs'))).toBe(true);
  });
});
