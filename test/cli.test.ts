// The command line from outside (SPEC §6): exit codes, the --json summary, errors for people.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../runner/cli/main.js';
import { capture } from './support/io.js';

const SIMPLE = ['examples/delivery/simple.ded', 'examples/delivery/spec.ded'];
const RETRY = ['examples/delivery/retry.ded', 'examples/delivery/spec.ded'];

describe('ldfi check', () => {
  const out = mkdtempSync(join(tmpdir(), 'ldfi-cli-'));

  it('reads a shared include beside the program folder when run from the repository (3PC includes ../lib/timer.ded)', async () => {
    const io = capture();
    const files = ['examples/commit/3pc.ded', 'examples/commit/spec.ded'];
    const code = await main(
      ['check', ...files, '-N', 'a,b,C,d', '-t', '8', '-c', '1', '-f', '0', '--json', '-o', out],
      io,
    );
    expect(io.err).not.toMatch(/E004/);
    expect(code).toBe(0);
  });

  it('exits 1 on a counterexample and prints the --json summary alone on stdout', async () => {
    const io = capture();
    const code = await main(
      ['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '--json', '-o', out],
      io,
    );
    expect(code).toBe(1);
    const summary = JSON.parse(io.out);
    expect(summary).toMatchObject({
      verdict: 'counterexample',
      executions: 2,
      bound: '4096',
      counterexample: {
        crashes: [],
        omissions: [{ from: 'a', to: 'b', time: 1 }],
        violations: [['c', 'hello']],
      },
    });
    expect(typeof summary.elapsedMs).toBe('number');
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8'));
    expect(runs.map((r: { iteration: number; status: string }) => [r.iteration, r.status])).toEqual([
      [0, 'success'],
      [1, 'failure'],
    ]);
    expect(Object.keys(runs[0])).toEqual(
      expect.arrayContaining(['iteration', 'status', 'failureSpec', 'model']),
    );
  });

  it('exits 0 when tolerant and says so in words', async () => {
    const io = capture();
    const code = await main([...RETRY, '-N', 'a,b,c', '-t', '6', '-f', '3', '-c', '0', '-o', out], io);
    expect(code).toBe(0);
    expect(io.out).toMatch(/^TOLERANT within the bounds/);
  });

  it('exits 3 when the budget runs out first', async () => {
    const io = capture();
    const code = await main(
      ['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '--max-runs', '1', '--json', '-o', out],
      io,
    );
    expect(code).toBe(3);
    expect(JSON.parse(io.out).verdict).toBe('inconclusive');
  });

  it('reports only the faults that took effect (random runs also drop messages nobody sent)', async () => {
    const io = capture();
    const argv = [
      'check',
      ...SIMPLE,
      '-N',
      'a,b,c',
      '-t',
      '4',
      '-f',
      '3',
      '--strategy',
      'random',
      '--seed',
      '3',
    ];
    expect(await main([...argv, '--json', '-o', out], io)).toBe(1);
    expect(JSON.parse(io.out).counterexample.omissions).toEqual([{ from: 'a', to: 'c', time: 1 }]);
    const runs = JSON.parse(readFileSync(join(out, 'runs.json'), 'utf8'));
    expect(runs.at(-1).failureSpec.omissions.length).toBeGreaterThan(1); // runs.json keeps what was injected
  });

  it('describes the faults in words', async () => {
    const io = capture();
    await main(['check', ...RETRY, '-N', 'a,b,c', '-t', '6', '-f', '3', '-c', '1', '-o', out], io);
    expect(io.out).toContain('a crashed at 2; message a→b sent at 1 lost');
    expect(io.out).toContain('violated: pre("c", "hello")@6 holds, but post("c", "hello")@6 does not');
  });

  it('names the judge that decided: --json, runs.json and the summary in words', async () => {
    const dir = join(out, 'judge');
    const json = capture();
    const args = ['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '-o', dir];
    expect(await main([...args, '--judge', 'molly', '--json'], json)).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({ verdict: 'counterexample', judge: 'molly' });
    const runs = JSON.parse(readFileSync(join(dir, 'runs.json'), 'utf8'));
    expect(runs.map((r: { judge: string }) => r.judge)).toEqual(['molly', 'molly']);
    expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('"judge":"molly"');
    const words = capture();
    await main([...args, '--judge', 'molly'], words);
    expect(words.out).toContain("(ldfi, judged by molly's rule)");
    const byDefault = capture();
    await main([...args, '--json'], byDefault);
    expect(JSON.parse(byDefault.out).judge).toBe('ldfi');
  });

  it.each([
    [['check', ...SIMPLE, '-N', 'a,b', '--judge', 'strict'], /Invalid values/],
    [['check', ...SIMPLE], /Missing required argument: nodes/],
    [['check', ...SIMPLE, '-N', 'a,b', '--strategy', 'magic'], /Invalid values/],
    [['check', ...SIMPLE, '-N', 'a,a'], /names a node twice/],
    [['check', ...SIMPLE, '-N', 'a', '-c', '2'], /more than the 1 nodes/],
    [['check', ...SIMPLE, '-N', 'a,b', '-t', 'x'], /--eot must be a whole number/],
    [['check', ...SIMPLE, '-N', 'a,b', '--bogus'], /Unknown argument/],
    [
      ['check', ...SIMPLE, '-N', 'a,b,c', '-t', '9', '-f', '8', '--strategy', 'exhaustive'],
      /too many to try them all/,
    ],
  ])('exits 2 on bad usage %j', async (argv, message) => {
    const io = capture();
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toMatch(message);
    expect(io.out).toBe('');
  });

  it('exits 2 with file:line:col and a caret for a broken program, never a stack trace', async () => {
    const file = join(out, 'broken.ded');
    writeFileSync(file, 'log(N, P)@next :- node(N, _);\npre(N) :- log(N, _);\npost(N) :- log(N, _);\n');
    const io = capture();
    expect(await main(['check', file, '-N', 'a,b', '-o', out], io)).toBe(2);
    expect(io.err).toContain(`${file}:1:8: error[E010]`);
    expect(io.err).toMatch(/\n\s+\| +\^/);
    expect(io.err).not.toMatch(/at .*\.(js|ts):\d+/);
  });

  it('exits 2 for a missing file', async () => {
    const io = capture();
    expect(await main(['check', join(out, 'nope.ded'), '-N', 'a'], io)).toBe(2);
    expect(io.err).toMatch(/cannot read file/);
  });

  it('warns about facts at a location that is not a node', async () => {
    const io = capture();
    await main(['check', ...SIMPLE, '-N', 'a,b', '-t', '4', '-o', out], io);
    expect(io.err).toContain('warning[W002]: "c" is not one of the nodes (a,b)');
  });
});

describe('ldfi eval', () => {
  it('prints every relation per time step, with the faults given', async () => {
    const io = capture();
    const code = await main(['eval', ...SIMPLE, '-N', 'a,b,c', '-t', '2', '--omit', 'a,b,1'], io);
    expect(code).toBe(0);
    expect(io.out).toContain('faults: message a→b sent at 1 lost');
    const time2 = io.out.split('== time 2 ==')[1]!;
    expect(time2).toContain('delivered("c", "hello")');
    expect(time2).not.toContain('delivered("b", "hello")');
  });

  it('rejects a malformed --crash', async () => {
    const io = capture();
    expect(await main(['eval', ...SIMPLE, '-N', 'a,b,c', '--crash', 'z,1'], io)).toBe(2);
    expect(io.err).toMatch(/--crash takes NODE,TIME/);
  });
});
