// Issue 11's hostile inputs, one row each (scaled down where the original was huge; the full sizes
// and the cases that need a real process run in hostile.slow.test.ts): the exit status and what the
// user is told.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../runner/cli/main.js';
import { capture } from '../support/io.js';
import * as P from './programs.js';

interface Case {
  readonly group: number;
  readonly name: string;
  /** Files to write in a fresh directory; the first is given on the command line. */
  readonly files: Record<string, string> | (() => Record<string, string>);
  /** Arguments after the files; `$DIR` is the directory, `$OUT` a fresh report directory. */
  readonly args: readonly string[];
  /** Other files to give after the first (names in `files`), or absolute paths. */
  readonly more?: readonly string[];
  readonly exit: number;
  readonly stderr?: RegExp;
  readonly stdout?: RegExp;
  /** Must not appear on either stream. */
  readonly never?: RegExp;
  readonly setup?: (dir: string) => void;
}

const env = Object.values(process.env).find((v) => v && v.length >= 8 && /^[\x21-\x7e]+$/.test(v));
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const CASES: readonly Case[] = [
  // 1. A budget stops any run, not only between runs.
  {
    group: 1,
    name: 'a rule deriving forever stops at --max-tuples (exit 3, what to raise)',
    files: { 'forever.ded': P.FOREVER },
    args: ['-N', 'a', '-t', '2', '--max-tuples', '2000', '-o', '$OUT'],
    exit: 3,
    stderr: /more than 2,000 tuples .*raise --max-tuples/,
    stdout: /^INCONCLUSIVE: run 0 grew past --max-tuples/,
  },
  {
    group: 1,
    name: '--json names the budget that stopped the search',
    files: { 'forever.ded': P.FOREVER },
    args: ['-N', 'a', '-t', '2', '--max-tuples', '2000', '--json', '-o', '$OUT'],
    exit: 3,
    stdout: /"verdict":"inconclusive".*"stopped":"tuples"/,
  },
  {
    group: 1,
    name: '-t 1e12 is refused up front',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-t', '1e12', '-o', '$OUT'],
    exit: 2,
    stderr: /--eot must be a whole number from 1 to 1,000,000 \(got '1e12'\)/,
  },
  {
    group: 1,
    name: '-t 1000000 counts its bound in closed form; the run stops at its budget',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-t', '1000000', '--max-tuples', '3000', '-o', '$OUT'],
    exit: 3,
    stderr: /more than 3,000 tuples \(by time step \d+\)/,
  },
  {
    group: 1,
    name: '-f 1000000000 is refused up front (no BigInt blow-up)',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-f', '1000000000', '-o', '$OUT'],
    exit: 2,
    stderr: /--eff must be a whole number from 0 to 1,000,000/,
  },
  {
    group: 1,
    name: 'a failure space too large to count is refused up front',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-t', '5', '-f', '1000000', '-o', '$OUT'],
    exit: 2,
    stderr: /about 2\^6000000 fault combinations .*more than ldfi can count/,
  },
  // 2. --symmetry is linear in the fault set.
  {
    group: 2,
    name: '13 interchangeable nodes with --symmetry',
    files: { 'p.ded': P.symmetric(Array.from({ length: 13 }, (_, i) => `n${i}`)) },
    args: [
      '-N',
      Array.from({ length: 13 }, (_, i) => `n${i}`).join(','),
      '-t',
      '2',
      '--symmetry',
      '-o',
      '$OUT',
    ],
    exit: 1,
    stdout: /^COUNTEREXAMPLE/,
  },
  // 3. Includes read only program files under the include root, and never print them.
  {
    group: 3,
    name: 'include "/proc/self/environ" is outside the root; the environment is not printed',
    files: { 'p.ded': 'include "/proc/self/environ";\n' + P.DELIVERY },
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /error\[E004\]: cannot include '\/proc\/self\/environ': .* is outside the include root/,
    ...(env ? { never: new RegExp(escapeRegExp(env)) } : {}),
  },
  {
    group: 3,
    name: 'include "/etc/shadow" is outside the root',
    files: { 'p.ded': 'include "/etc/shadow";\n' + P.DELIVERY },
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /E004.*'\/etc\/shadow' is outside the include root/,
    never: /root:/,
  },
  {
    group: 3,
    name: 'a link under the root to /etc/passwd is followed and refused',
    files: { 'p.ded': 'include "passwd.ded";\n' + P.DELIVERY },
    setup: (dir) => symlinkSync('/etc/passwd', join(dir, 'passwd.ded')),
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /passwd.ded' \(a link to '\/etc\/passwd'\) is outside the include root/,
    never: /root:/,
  },
  {
    group: 3,
    name: 'include "/dev/zero" with --include-root / is refused as a device',
    files: { 'p.ded': 'include "/dev/zero";\n' + P.DELIVERY },
    args: ['-N', 'a,b,c', '--include-root', '/', '-o', '$OUT'],
    exit: 2,
    stderr: /'\/dev\/zero' is a device, not a program file/,
  },
  {
    group: 3,
    name: 'a FIFO is refused without opening it',
    files: { 'p.ded': 'include "pipe.ded";\n' + P.DELIVERY },
    setup: (dir) => execFileSync('mkfifo', [join(dir, 'pipe.ded')]),
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /'.*pipe.ded' is a named pipe, not a program file/,
  },
  {
    group: 3,
    name: 'a file over 16 MiB is refused',
    files: () => ({ 'p.ded': 'include "huge.ded";\n' + P.DELIVERY, 'huge.ded': '// x\n'.repeat(4_300_000) }),
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /huge.ded' is larger than 16 MiB/,
  },
  {
    group: 3,
    name: 'a binary file is refused and not echoed',
    files: { 'p.ded': 'include "bin.ded";\n' + P.DELIVERY, 'bin.ded': 'secret\u0000\u0001' },
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /bin.ded' is not a text file/,
    never: /secret/,
  },
  {
    group: 3,
    name: 'an entry file that is a device is refused',
    files: { 'p.ded': P.DELIVERY },
    more: ['/dev/zero'],
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /E004\]: cannot read file '\/dev\/zero': '\/dev\/zero' is a device/,
  },
  // 4. Deep structures need no call stack.
  {
    group: 4,
    name: '10,000 chained relations',
    files: () => ({ 'chain.ded': P.chain(10_000) }),
    args: ['-N', 'a', '-t', '1', '-o', '$OUT'],
    exit: 0,
    stdout: /^TOLERANT/,
  },
  {
    group: 4,
    name: 'include depth 10,000',
    files: () => P.includeChain(10_000),
    args: ['-N', 'a', '-t', '1', '-o', '$OUT'],
    exit: 0,
    stdout: /^TOLERANT/,
  },
  // 5. Program names that are object keys.
  {
    group: 5,
    name: 'relations named constructor, toString, __proto__, hasOwnProperty, valueOf',
    files: { 'p.ded': P.OBJECT_KEYS },
    args: ['-N', 'a', '-t', '2', '-o', '$OUT'],
    exit: 0,
    stdout: /^TOLERANT/,
  },
  {
    group: 5,
    name: 'nodes named constructor and __proto__',
    files: { 'p.ded': P.DELIVERY.replaceAll('"b"', '"constructor"').replaceAll('"c"', '"__proto__"') },
    args: ['-N', 'a,constructor,__proto__', '-t', '3', '-o', '$OUT'],
    exit: 1,
    stdout: /message a→constructor sent at 1 lost|a→__proto__/,
  },
  // 6. Output is checked before the search.
  {
    group: 6,
    name: '-o at a file: exit 2 before the search',
    files: { 'p.ded': P.FOREVER, 'file.txt': 'not a directory' },
    args: ['-N', 'a', '-t', '2', '-o', '$DIR/file.txt'],
    exit: 2,
    stderr: /-o ".*file.txt" is not a directory/,
    never: /INCONCLUSIVE|tuples/,
  },
  {
    group: 6,
    name: '-o /proc/nope: exit 2 at once',
    files: { 'p.ded': P.FOREVER },
    args: ['-N', 'a', '-t', '2', '-o', '/proc/nope/report'],
    exit: 2,
    stderr: /-o "\/proc\/nope\/report": cannot create the report directory/,
  },
  {
    group: 6,
    name: 'a second writer to one -o is refused',
    files: { 'p.ded': P.DELIVERY },
    setup: (dir) => {
      mkdirSync(join(dir, 'out'));
      writeFileSync(join(dir, 'out', '.ldfi.lock'), `${process.pid}\n`);
    },
    args: ['-N', 'a,b,c', '-o', '$DIR/out'],
    exit: 2,
    stderr: new RegExp(`is being written by another ldfi \\(pid ${process.pid}\\)`),
  },
  // 8. Integers beyond 2^53.
  {
    group: 8,
    name: 'squaring from 2 is an evaluation error naming the rule',
    files: { 'sq.ded': P.SQUARING },
    args: ['-N', 'a', '-t', '10', '-o', '$OUT'],
    exit: 2,
    stderr: /sq.ded:2:1: error\[E021\]: integer overflow in a rule of 'sq': 4294967296 \* 4294967296/,
  },
  // 9. Diagnostics scale and stay safe.
  {
    group: 9,
    name: '5,000 errors: the first 100 and a count',
    files: () => ({ 'e.ded': P.syntaxErrors(5_000) }),
    args: ['-N', 'a'],
    exit: 2,
    stderr: /\.\.\. and 4900 more \(only the first 100 are shown\)\n\nldfi: 5000 errors; nothing was run\./,
  },
  {
    group: 9,
    name: 'a 1 MB line is cut to a window around the caret',
    files: () => ({ 'l.ded': P.longLine(1_000_000) }),
    args: ['-N', 'a'],
    exit: 2,
    stderr: /l.ded:1:1000007: error\[E001\][^\n]*\n1 \| \.\.\.y{20,130}"\) b;\n/,
  },
  {
    group: 9,
    name: 'ESC, OSC and BEL in a program are shown escaped',
    files: { 'c.ded': 'a("\u001b]0;title\u0007\u001b[31mred") q\n' },
    args: ['-N', 'a'],
    exit: 2,
    stderr: /1 \| a\("\\x1b\]0;title\\x07\\x1b\[31mred"\) q/,
    // eslint-disable-next-line no-control-regex -- the raw characters must not reach the terminal
    never: /\u001b|\u0007/,
  },
  // 10. Small ones.
  {
    group: 10,
    name: '-t abc is quoted as given',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-t', 'abc'],
    exit: 2,
    stderr: /--eot must be a whole number from 1 to 1,000,000 \(got 'abc'\)/,
  },
  {
    group: 10,
    name: '-t 5 -t 6 is named as repeated',
    files: { 'p.ded': P.DELIVERY },
    args: ['-N', 'a,b,c', '-t', '5', '-t', '6'],
    exit: 2,
    stderr: /--eot is given 2 times \(5, 6\); give it once/,
  },
  {
    group: 10,
    name: 'a lone - is refused',
    files: { 'p.ded': P.DELIVERY },
    more: ['-'],
    args: ['-N', 'a,b,c'],
    exit: 2,
    stderr: /'-' \(standard input\) is not supported/,
  },
  {
    group: 10,
    name: 'an include that exists but cannot be read is not "cannot find"',
    files: { 'p.ded': 'include "dir.ded";\n' + P.DELIVERY },
    setup: (dir) => mkdirSync(join(dir, 'dir.ded')),
    args: ['-N', 'a,b,c', '-o', '$OUT'],
    exit: 2,
    stderr: /cannot include 'dir.ded': '.*dir.ded' is a directory/,
    never: /cannot find/,
  },
  {
    group: 10,
    name: 'facts at @0 and past EOT are warned about',
    files: { 'p.ded': P.DELIVERY + '\nbroadcast("a", "early")@0;\nbroadcast("a", "late")@9;\n' },
    args: ['-N', 'a,b,c', '-t', '3', '-o', '$OUT'],
    exit: 1,
    stderr:
      /warning\[W004\]: time steps start at 1, so this fact at @0 never holds[\s\S]*warning\[W004\]: the run ends at EOT 3, so this fact at @9 never holds/,
  },
  {
    group: 10,
    name: 'a node name keeps its U+2028',
    files: { 'p.ded': P.DELIVERY.replaceAll('"c"', '"c\u2028d"') },
    args: ['-N', 'a,b,c\u2028d', '-t', '3', '-o', '$OUT'],
    exit: 1,
    stdout: /nodes a,b,c\\u2028d/,
    never: /is not one of the nodes/,
  },
];

function materialise(c: Case): { dir: string; argv: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'ldfi-hostile-'));
  const files = typeof c.files === 'function' ? c.files() : c.files;
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  c.setup?.(dir);
  const out = join(dir, 'report');
  const first = join(dir, Object.keys(files)[0]!);
  const more = (c.more ?? []).map((m) => (m.startsWith('/') || m === '-' ? m : join(dir, m)));
  const args = c.args.map((a) => a.replace('$OUT', out).replace('$DIR', dir));
  return { dir, argv: ['check', first, ...more, ...args] };
}

describe('hostile inputs (issue 11)', () => {
  it.each(CASES.map((c) => [`${c.group}. ${c.name}`, c] as const))('%s', async (_, c) => {
    const { argv } = materialise(c);
    const io = capture();
    const code = await main(argv, io);
    expect({ code, err: io.err.slice(0, 2000) }).toMatchObject({ code: c.exit });
    if (c.stderr) expect(io.err).toMatch(c.stderr);
    if (c.stdout) expect(io.out).toMatch(c.stdout);
    if (c.never) {
      expect(io.err).not.toMatch(c.never);
      expect(io.out).not.toMatch(c.never);
    }
    expect(io.err).not.toMatch(/internal error|at .*\.ts:\d+/);
  });
});

describe('output safety', () => {
  it('SIGINT during a search: the report of what ran, INCONCLUSIVE, exit 130; SIGTERM 143', async () => {
    for (const [signal, status] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const { dir, argv } = materialise({
        group: 6,
        name: 'interrupt',
        // Tolerant, so the exhaustive search would go on for 262,144 runs.
        files: { 'p.ded': P.TOLERANT_DELIVERY },
        args: ['-N', 'a,b,c', '-t', '4', '-f', '3', '--strategy', 'exhaustive', '-o', '$OUT'],
        exit: status,
      });
      // The signal arrives after a few executions (the search polls once per fixpoint round).
      let polls = 0;
      const io = capture(() => ({ received: () => (++polls > 200 ? signal : null), stop: () => {} }));
      expect(await main(argv, io)).toBe(status);
      expect(io.out).toMatch(/^INCONCLUSIVE: interrupted before a verdict/);
      expect(Number(/ (\d+) executions? of/.exec(io.out)?.[1])).toBeGreaterThan(1);
      const runs = JSON.parse(readFileSync(join(dir, 'report', 'runs.json'), 'utf8')) as unknown[];
      expect(runs.length).toBeGreaterThan(0);
      expect(existsSync(join(dir, 'report', 'index.html'))).toBe(true);
    }
  });

  it('writes atomically (no temporary file left), replaces the previous report, and releases the lock', async () => {
    const { dir, argv } = materialise({
      group: 6,
      name: 'twice',
      files: { 'p.ded': P.DELIVERY },
      args: ['-N', 'a,b,c', '-t', '3', '-o', '$OUT'],
      exit: 1,
    });
    expect(await main(argv, capture())).toBe(1);
    const first = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    expect(await main(argv, capture())).toBe(1);
    expect(readdirSync(join(dir, 'report')).sort()).toEqual(['index.html', 'runs.json']);
    expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8').length).toBeGreaterThan(first.length / 2);
  });

  it('a lock left by a process that died is taken over', async () => {
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    const { dir, argv } = materialise({
      group: 6,
      name: 'stale',
      files: { 'p.ded': P.DELIVERY },
      setup: (d) => {
        mkdirSync(join(d, 'report'));
        writeFileSync(join(d, 'report', '.ldfi.lock'), `${dead}\n`);
      },
      args: ['-N', 'a,b,c', '-t', '3', '-o', '$OUT'],
      exit: 1,
    });
    expect(await main(argv, capture())).toBe(1);
    expect(existsSync(join(dir, 'report', '.ldfi.lock'))).toBe(false);
  });

  it("the report's CSP forbids base and form targets; data sits in JSON blocks", async () => {
    const { dir, argv } = materialise({
      group: 11,
      name: 'csp',
      files: { 'p.ded': P.DELIVERY.replace('"hello"', '"</script><script>alert(1)</script>"') },
      args: ['-N', 'a,b,c', '-t', '3', '-o', '$OUT'],
      exit: 1,
    });
    expect(await main(argv, capture())).toBe(1);
    const html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("form-action 'none'");
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain('<script type="application/json" id="ldfi-report">');
    expect(html).not.toContain('<script>alert(1)</script>');
  });
});
