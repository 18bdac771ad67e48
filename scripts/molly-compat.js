#!/usr/bin/env node
// Runs the verdicts Molly's own test suite expects (CounterexampleSuite.scala, listed in
// shared BENCHMARKS.md) on Molly's unmodified example programs, through `bin/ldfi.js --json`, and
// prints expected against obtained. Molly's programs are not part of this repository: extract them
// first, e.g.
//   mkdir -p /tmp/molly && git -C <molly checkout> archive HEAD src/test/resources/examples_ft | tar -x -C /tmp/molly
//   node scripts/molly-compat.js /tmp/molly/src/test/resources/examples_ft
// Exit status: 0 when every verdict matches, 1 otherwise, 2 on bad usage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DELIVERY = ['a', 'b', 'c'];
const COMMIT = ['a', 'b', 'C', 'd'];
const KAFKA = ['a', 'b', 'c', 'C', 'Z'];

// [program files, EOT, EFF, nodes, crashes, expected verdict]: Molly's table, in its order.
const SUITE = [
  [['delivery/simplog.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 0, 'counterexample'],
  [['delivery/rdlog.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 0, 'tolerant'],
  [['delivery/rdlog.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 1, 'counterexample'],
  [['delivery/classic_rb.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 0, 'counterexample'],
  [['delivery/classic_rb.ded', 'delivery/deliv_assert.ded'], 6, 0, DELIVERY, 2, 'tolerant'],
  [['delivery/replog.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 0, 'tolerant'],
  [['delivery/replog.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 1, 'tolerant'],
  [['delivery/ack_rb.ded', 'delivery/deliv_assert.ded'], 6, 3, DELIVERY, 1, 'tolerant'],
  [['commit/2pc.ded', 'commit/2pc_assert.ded'], 7, 3, COMMIT, 0, 'tolerant'],
  [['commit/2pc.ded', 'commit/2pc_assert.ded'], 6, 3, COMMIT, 1, 'counterexample'],
  [['commit/2pc.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 1, 'counterexample'],
  [['commit/2pc.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 2, 'counterexample'],
  [['commit/2pc.ded', 'commit/2pc_assert_optimist.ded'], 6, 0, COMMIT, 1, 'counterexample'],
  [['commit/2pc.ded', 'commit/2pc_assert_optimist.ded'], 6, 0, COMMIT, 2, 'counterexample'],
  [['commit/2pc_timeout.ded', 'commit/2pc_assert_optimist.ded'], 6, 0, COMMIT, 1, 'tolerant'],
  [['commit/2pc_timeout.ded', 'commit/2pc_assert_optimist.ded'], 6, 0, COMMIT, 2, 'tolerant'],
  [['commit/2pc_timeout.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 1, 'counterexample'],
  [['commit/2pc_timeout.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 2, 'counterexample'],
  [['commit/2pc_ctp.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 1, 'counterexample'],
  [['commit/2pc_ctp.ded', 'commit/2pc_assert.ded'], 6, 0, COMMIT, 2, 'counterexample'],
  [['commit/3pc.ded', 'commit/2pc_assert.ded'], 8, 0, COMMIT, 1, 'tolerant'],
  [['commit/3pc.ded', 'commit/2pc_assert.ded'], 8, 0, COMMIT, 2, 'tolerant'],
  [['commit/3pc.ded', 'commit/2pc_assert.ded'], 9, 7, COMMIT, 1, 'counterexample'],
  [['kafka.ded'], 7, 4, KAFKA, 1, 'counterexample'],
  [['kafka.ded'], 7, 4, KAFKA, 0, 'tolerant'],
];

const VERDICT_BY_STATUS = { 0: 'tolerant', 1: 'counterexample', 3: 'inconclusive' };

function usage(message) {
  process.stderr.write(
    `molly-compat: ${message}\nusage: node scripts/molly-compat.js EXAMPLES_FT_DIR [--timeout SECONDS]\n`,
  );
  process.exit(2);
}

function parseArgs(argv) {
  let dir = null;
  let timeout = 600;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--timeout') timeout = Number(argv[++i]);
    else if (dir === null) dir = argv[i];
    else usage(`unexpected argument '${argv[i]}'`);
  }
  if (dir === null) usage("missing the directory of Molly's examples_ft");
  if (!existsSync(join(dir, 'delivery', 'simplog.ded')))
    usage(`${dir} does not look like Molly's examples_ft`);
  if (!(timeout > 0)) usage('--timeout needs a positive number of seconds');
  return { dir, timeout };
}

/** One `ldfi check --json` run: the verdict (or why there is none), executions and wall time. */
function check(ldfi, dir, [files, eot, eff, nodes, crashes], timeout) {
  const out = mkdtempSync(join(tmpdir(), 'molly-compat-'));
  const args = [
    ldfi,
    'check',
    ...files.map((f) => join(dir, f)),
    '-N',
    nodes.join(','),
    '-t',
    String(eot),
    '-f',
    String(eff),
    '-c',
    String(crashes),
    '--json',
    '-o',
    out,
    '--timeout',
    String(timeout),
  ];
  const started = Date.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Date.now() - started;
  rmSync(out, { recursive: true, force: true });
  const verdict = VERDICT_BY_STATUS[run.status];
  if (verdict === undefined) {
    const reason = (run.stderr || `exit ${run.status ?? run.signal}`).trim().split('\n')[0];
    return { verdict: 'error', executions: '-', ms, note: reason };
  }
  let summary;
  try {
    summary = JSON.parse(run.stdout);
  } catch {
    return { verdict, executions: '?', ms, note: 'stdout is not JSON' };
  }
  return { verdict, executions: summary.executions, ms, note: faultsOf(summary.counterexample) };
}

function faultsOf(counterexample) {
  if (!counterexample) return '';
  const crashes = counterexample.crashes.map((c) => `crash ${c.node}@${c.time}`);
  const omissions = counterexample.omissions.map((o) => `${o.from}->${o.to}@${o.time}`);
  return [...crashes, ...omissions].join(' ') || 'no faults';
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => String(cell).padEnd(widths[i]))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const { dir, timeout } = parseArgs(process.argv.slice(2));
const ldfi = join(dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ldfi.js');
const rows = [
  [
    'program',
    'nodes',
    'EOT/EFF/crashes',
    'expected',
    'got',
    'match',
    'executions',
    'ms',
    'counterexample / note',
  ],
];
let mismatches = 0;
for (const scenario of SUITE) {
  const [files, eot, eff, nodes, crashes, expected] = scenario;
  const got = check(ldfi, dir, scenario, timeout);
  const match = got.verdict === expected;
  if (!match) mismatches++;
  rows.push([
    files.join(' + '),
    nodes.join(','),
    `${eot}/${eff}/${crashes}`,
    expected,
    got.verdict,
    match ? 'yes' : 'NO',
    got.executions,
    got.ms,
    got.note,
  ]);
  process.stderr.write('.');
}
process.stderr.write('\n');
process.stdout.write(
  `${table(rows)}\n\n${SUITE.length - mismatches}/${SUITE.length} verdicts match Molly's test suite.\n`,
);
process.exit(mismatches === 0 ? 0 : 1);
