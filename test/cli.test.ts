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

  it('prunes proven runs, says so in --json and in words, and runs them with --no-prune-proven', async () => {
    const twoPc = ['examples/commit/2pc.ded', 'examples/commit/spec.ded'];
    const argv = ['check', ...twoPc, '-N', 'a,b,C,d', '-t', '7', '-f', '3'];
    const json = capture();
    expect(await main([...argv, '--json', '-o', out], json)).toBe(0);
    const pruned = JSON.parse(json.out);
    expect(pruned.verdict).toBe('tolerant');
    expect(pruned.pruned).toBeGreaterThan(0);
    const words = capture();
    expect(await main([...argv, '-o', out], words)).toBe(0);
    expect(words.out).toMatch(
      new RegExp(
        `proven: +${pruned.pruned.toLocaleString('en')} more fault sets, whose runs earlier good runs prove good, not run`,
      ),
    );
    const unpruned = capture();
    expect(await main([...argv, '--no-prune-proven', '--json', '-o', out], unpruned)).toBe(0);
    const all = JSON.parse(unpruned.out);
    expect(all.verdict).toBe('tolerant');
    expect(all.executions).toBeGreaterThan(pruned.executions);
    expect(all.pruned).toBeUndefined();
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

  it('prints every counterexample with --all, each with its replay command', async () => {
    // Without symmetry: b and c are interchangeable, so by default a→c@1 is explored as a→b@1's image.
    const io = capture();
    expect(
      await main(
        ['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '--all', '--no-symmetry', '-o', out],
        io,
      ),
    ).toBe(1);
    expect(io.out).toContain('counterexample 1 of 2 (run 1)');
    expect(io.out).toContain('counterexample 2 of 2 (run 2)');
    expect(io.out).toContain(`replay:   ldfi eval ${SIMPLE.join(' ')} -N a,b,c -t 4 --omit a,c,1`);
    expect(io.out).not.toMatch(/more counterexample/);
  });

  it('puts the replay command in --json', async () => {
    const io = capture();
    await main(['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '--json', '-o', out], io);
    expect(JSON.parse(io.out).replay).toBe(`ldfi eval ${SIMPLE.join(' ')} -N a,b,c -t 4 --omit a,b,1`);
  });

  it('narrates each run with --explain', async () => {
    const io = capture();
    await main(['check', ...SIMPLE, '-N', 'a,b,c', '-t', '4', '-f', '2', '--explain', '-o', out], io);
    expect(io.out).toContain('Run 0 runs without faults.');
    expect(io.out).toMatch(/Its 3 outcomes rest on \d+ messages: a→b@1, a→c@1/);
    expect(io.out).toContain('a→b@1 lost would cut post("b", "hello")@4');
    expect(io.out).toContain('run 1 tried it');
    expect(io.out).toContain("Run 1 runs with a→b@1 lost, proposed by run 0's lineage.");
    expect(io.out).toContain(
      'The spec is violated: pre("c", "hello")@4 holds, but post("c", "hello")@4 does not.',
    );
  });

  it('describes the faults in words', async () => {
    const io = capture();
    await main(['check', ...RETRY, '-N', 'a,b,c', '-t', '6', '-f', '3', '-c', '1', '-o', out], io);
    expect(io.out).toContain('faults:   a crashed@2, a→b@1 lost');
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

describe('ldfi --version', () => {
  it('prints the version of package.json', async () => {
    const io = capture();
    expect(await main(['--version'], io)).toBe(0);
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
    expect(io.out.trim()).toBe(pkg.version);
  });
});

describe('ldfi eval', () => {
  it('prints every relation per time step, with the faults given, and judges the run', async () => {
    const io = capture();
    const code = await main(['eval', ...SIMPLE, '-N', 'a,b,c', '-t', '2', '--omit', 'a,b,1'], io);
    expect(code).toBe(1);
    expect(io.out).toContain('faults: a→b@1 lost');
    const time2 = io.out.split('== time 2 ==')[1]!.split('\n# ')[0]!;
    expect(time2).toContain('delivered("c", "hello")');
    expect(time2).not.toContain('delivered("b", "hello")');
    expect(io.out).toContain(
      'VIOLATED\n  violated: pre("c", "hello")@2 holds, but post("c", "hello")@2 does not',
    );
    expect(io.out).toContain('faults that matter: a→b@1 lost');
  });

  it('says the spec holds for a run without violations (exit 0)', async () => {
    const io = capture();
    expect(await main(['eval', ...SIMPLE, '-N', 'a,b,c', '-t', '4'], io)).toBe(0);
    expect(io.out).toContain('SPEC HOLDS: each of the 2 pre tuples at EOT has its post');
  });

  it('replays the counterexample check printed, with the same explanation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ldfi-replay-'));
    const check = capture();
    await main(['check', ...RETRY, '-N', 'a,b,c', '-t', '6', '-f', '3', '-c', '1', '-o', dir], check);
    const replay = /replay: {3}ldfi (.*)/.exec(check.out)![1]!.split(' ');
    expect(replay).toEqual(['eval', ...RETRY, '-N', 'a,b,c', '-t', '6', '--crash', 'a,2', '--omit', 'a,b,1']);
    const io = capture();
    expect(await main(replay, io)).toBe(1);
    const why = (text: string) =>
      text
        .slice(text.indexOf('  violated:'))
        .split('\n')
        .filter(
          (l) => l.startsWith('  violated:') || (l.startsWith('            ') && !l.includes('--explain')),
        );
    expect(why(io.out)).toEqual(why(check.out));
  });

  it('restricts the tables to --only relations and --at time steps', async () => {
    const io = capture();
    await main(['eval', ...SIMPLE, '-N', 'a,b,c', '-t', '3', '--only', 'pre,post', '--at', '3'], io);
    const tables = io.out.slice(0, io.out.indexOf('\n# '));
    expect(tables).not.toContain('== time 2 ==');
    expect(tables).toContain('== time 3 ==');
    expect(tables).toMatch(/^pre\("b", "hello"\)$/m);
    expect(tables).not.toContain('delivered(');
  });

  it.each([
    [['--only', 'nope'], /--only: no relation 'nope' in the program/],
    [['--at', '9'], /--at 9 is after EOT 3/],
    [['--at', 'x'], /--at takes time steps/],
  ])('exits 2 on a bad eval filter %j', async (flags, message) => {
    const io = capture();
    expect(await main(['eval', ...SIMPLE, '-N', 'a,b,c', ...flags], io)).toBe(2);
    expect(io.err).toMatch(message);
  });

  it('rejects a malformed --crash', async () => {
    const io = capture();
    expect(await main(['eval', ...SIMPLE, '-N', 'a,b,c', '--crash', 'z,1'], io)).toBe(2);
    expect(io.err).toMatch(/--crash takes NODE,TIME/);
  });
});
