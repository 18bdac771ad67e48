// Nothing tested must never look like success (SPEC §4): a vacuous tolerant is flagged on stderr
// with its cause, in --json, and in the report's headline; so are bounds that allow no fault.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../runner/cli/main.js';
import { runSearch } from '../runner/search.js';
import { reportView } from '../viz/model/report.js';
import { programOf } from './support/program.js';
import { capture } from './support/io.js';

const out = mkdtempSync(join(tmpdir(), 'ldfi-vacuity-'));
const TYPO = 'test/fixtures/vacuity/typo.ded';
const RETRY = ['examples/delivery/retry.ded', 'examples/delivery/spec.ded'];

async function run(args: string[]) {
  const io = capture();
  const code = await main([...args, '-o', out], io);
  return { code, out: io.out, err: io.err };
}

describe('vacuity', () => {
  it('flags a misspelt relation: W010 names it, W013 says nothing was tested and why', async () => {
    const r = await run(['check', TYPO, '-N', 'a,b', '-t', '3', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'tolerant', vacuous: true });
    expect(r.err).toMatch(/typo\.ded:4:14: warning\[W010\]: .*'broadcst'.*did you mean 'broadcast'\?/);
    expect(r.err).toMatch(
      /typo\.ded:7:14: warning\[W013\]: nothing was tested: .*'log' of pre's body never holds/,
    );
  });

  it('names a relation that holds earlier but not at EOT, and the headline is not green', () => {
    const text = `r("a", 1)@1; s("a", 1)@2; pre(L, X) :- r(L, X); post(L, X) :- r(L, X); post(L, X) :- s(L, X);`;
    const report = runSearch(programOf(text), { nodes: ['a'], eot: 3, eff: 2, maxCrashes: 0 });
    expect(report.verdict).toBe('tolerant');
    expect(report.vacuity?.code).toBe('W013');
    expect(report.vacuity?.message).toMatch(
      /'r' of pre's body holds at time 1 but not at 3: does it persist/,
    );
    const summary = reportView(report).summary;
    expect(summary.vacuous).toBe(true);
    expect(summary.headline).toMatch(/^Tolerant, but vacuously: nothing was tested/);
  });

  it('is not vacuous when a run with faults made pre hold, and post held there too', () => {
    // pre holds only once a crashes; LDFI tries that, and the spec holds in that run.
    const text = `flag("a", 1)@1; flag(N, X)@next :- flag(N, X);
      pre(N, X) :- flag(N, X), crash(N, N, _); post(N, X) :- flag(N, X);`;
    const report = runSearch(programOf(text), { nodes: ['a', 'b'], eot: 3, eff: 1, maxCrashes: 1 });
    expect(report.verdict).toBe('tolerant');
    expect(report.executions).toBe(2);
    expect(report.vacuity).toBeNull();
  });

  it('says when the bounds allow no fault at all (EFF 1, no crashes)', async () => {
    const r = await run(['check', ...RETRY, '-N', 'a,b,c', '-t', '4', '-f', '1']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^TOLERANT, BUT VACUOUSLY: nothing was tested/);
    expect(r.err).toMatch(/warning\[W014\]: the bounds allow no fault/);
  });

  it('is false, and silent, when pre holds and faults are allowed', async () => {
    const r = await run(['check', ...RETRY, '-N', 'a,b,c', '-t', '6', '-f', '3', '--json']);
    expect(JSON.parse(r.out)).toMatchObject({ verdict: 'tolerant', vacuous: false });
    expect(r.err).toBe('');
  });

  it('warns that an EFF beyond EOT adds nothing', async () => {
    const r = await run(['check', ...RETRY, '-N', 'a,b,c', '-t', '4', '-f', '6', '--json']);
    expect(r.err).toMatch(/warning\[W012\]: EFF 6 is beyond EOT 4/);
  });
});

describe('ldfi eval runs only faults that can happen', () => {
  const SIMPLE = [
    'eval',
    'examples/delivery/simple.ded',
    'examples/delivery/spec.ded',
    '-N',
    'a,b,c',
    '-t',
    '4',
  ];
  it.each([
    [['--omit', 'a,a,1'], /sends to itself is always delivered/],
    [['--omit', 'a,b,4'], /arrives after EOT 4/],
    [['--crash', 'a,5'], /past EOT 4/],
    [['--crash', 'a,1', '--crash', 'a,2'], /names node a twice/],
    [['--omit', 'a,z,1'], /nodes of --nodes/],
    [['-f', '3'], /takes no -f/],
    [['-c', '1'], /takes no -c/],
  ])('%j is a usage error', async (extra, message) => {
    const io = capture();
    expect(await main([...SIMPLE, ...extra], io)).toBe(2);
    expect(io.err).toMatch(message);
  });
});
