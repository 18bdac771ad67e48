#!/usr/bin/env node
// Runs Molly's unmodified example programs through ldfi and compares with what Molly says about them:
// every program must load (but the four whose includes are missing from Molly's repository too), and
// every row of Molly's test suite (CounterexampleSuite.scala), of the paper's table of counterexamples
// (TableOfCounterexamples.scala) and of its correct programs (shared BENCHMARKS.md) must get its
// recorded verdict, under ldfi's judge and under `--judge molly`. Where ldfi finds a bug Molly misses,
// the row records it with the reason, and the report prints the command that replays it.
//
// Molly's programs are not part of this repository: extract them first (`npm run build` too), e.g.
//   mkdir -p /tmp/molly && git -C <molly checkout> archive HEAD src/test/resources/examples_ft \
//     | tar -x -C /tmp/molly --strip-components=3
//   node scripts/molly-compat.js /tmp/molly/examples_ft
// Exit status: 0 when everything matches its recorded expectation, 1 otherwise, 2 on bad usage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DELIVERY = ['a', 'b', 'c'];
const COMMIT = ['a', 'b', 'C', 'd'];
const KAFKA = ['a', 'b', 'c', 'C', 'Z'];
const FLUX = ['i', 'pc', 'sc', 'e'];
const CX = 'counterexample';
const OK = 'tolerant';

/** Programs of Molly's repository that Molly cannot run either: an include that is not there. */
const MISSING_INCLUDES = {
  'chain_replication.ded':
    "includes './heartbeat.ded' (only util/heartbeat.ded and real_heartbeat.ded exist)",
  'fake_zk2.ded': "includes 'timeout_svc.ded' (it is util/timeout_svc.ded)",
  'pipeline.ded': "includes './heartbeat.ded' (only util/heartbeat.ded and real_heartbeat.ded exist)",
  'util/heartbeat.ded':
    "includes 'util/timeout_svc.ded' relative to util/ (Molly's rule too), where it is not",
};

const THREE_PC_MISSED =
  'a crashes at 4, so C misses its ack, aborts at 6 and crashes before telling anyone; a, b and d commit on their timeout at 7: C aborted, the others committed';
const PAXOS_MISSED =
  'b→a and b→c lost at 3: a and c promise ballot 7 at 4, then accept ballot 5 ("foobar", accepted by all three at 5) and ballot 7 ("peter", at 6): two values chosen';
const KAFKA_EOT =
  "kafka.ded in Molly's repository derives its first pre tuple at EOT 7: at the paper's EOT 6 every run is vacuously tolerant";

/**
 * One scenario: [source, files, EOT/EFF/crashes, nodes, Molly's verdict, extra]. `extra.ldfi` records
 * a verdict of ours that differs from Molly's, with why; `extra.mollyExecutions` the paper's figure.
 */
const ROWS = [
  ['suite', ['delivery/simplog.ded', 'delivery/deliv_assert.ded'], [6, 3, 0], DELIVERY, CX],
  ['suite', ['delivery/rdlog.ded', 'delivery/deliv_assert.ded'], [6, 3, 0], DELIVERY, OK],
  ['suite', ['delivery/rdlog.ded', 'delivery/deliv_assert.ded'], [6, 3, 1], DELIVERY, CX],
  ['suite', ['delivery/classic_rb.ded', 'delivery/deliv_assert.ded'], [6, 3, 0], DELIVERY, CX],
  ['suite', ['delivery/classic_rb.ded', 'delivery/deliv_assert.ded'], [6, 0, 2], DELIVERY, OK],
  ['suite', ['delivery/replog.ded', 'delivery/deliv_assert.ded'], [6, 3, 0], DELIVERY, OK],
  ['suite', ['delivery/replog.ded', 'delivery/deliv_assert.ded'], [6, 3, 1], DELIVERY, OK],
  ['suite', ['delivery/ack_rb.ded', 'delivery/deliv_assert.ded'], [6, 3, 1], DELIVERY, OK],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert.ded'], [7, 3, 0], COMMIT, OK],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert.ded'], [6, 3, 1], COMMIT, CX],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert.ded'], [6, 0, 1], COMMIT, CX],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert.ded'], [6, 0, 2], COMMIT, CX],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert_optimist.ded'], [6, 0, 1], COMMIT, CX],
  ['suite', ['commit/2pc.ded', 'commit/2pc_assert_optimist.ded'], [6, 0, 2], COMMIT, CX],
  ['suite', ['commit/2pc_timeout.ded', 'commit/2pc_assert_optimist.ded'], [6, 0, 1], COMMIT, OK],
  ['suite', ['commit/2pc_timeout.ded', 'commit/2pc_assert_optimist.ded'], [6, 0, 2], COMMIT, OK],
  ['suite', ['commit/2pc_timeout.ded', 'commit/2pc_assert.ded'], [6, 0, 1], COMMIT, CX],
  ['suite', ['commit/2pc_timeout.ded', 'commit/2pc_assert.ded'], [6, 0, 2], COMMIT, CX],
  ['suite', ['commit/2pc_ctp.ded', 'commit/2pc_assert.ded'], [6, 0, 1], COMMIT, CX],
  ['suite', ['commit/2pc_ctp.ded', 'commit/2pc_assert.ded'], [6, 0, 2], COMMIT, CX],
  ['suite', ['commit/3pc.ded', 'commit/2pc_assert.ded'], [8, 0, 1], COMMIT, OK],
  [
    'suite',
    ['commit/3pc.ded', 'commit/2pc_assert.ded'],
    [8, 0, 2],
    COMMIT,
    OK,
    { ldfi: [CX, THREE_PC_MISSED] },
  ],
  ['suite', ['commit/3pc.ded', 'commit/2pc_assert.ded'], [9, 7, 1], COMMIT, CX],
  ['suite', ['kafka.ded'], [7, 4, 1], KAFKA, CX],
  ['suite', ['kafka.ded'], [7, 4, 0], KAFKA, OK],
  [
    'paper',
    ['delivery/simplog.ded', 'delivery/deliv_assert.ded'],
    [4, 2, 0],
    DELIVERY,
    CX,
    { mollyExecutions: 2 },
  ],
  [
    'paper',
    ['delivery/rdlog.ded', 'delivery/deliv_assert.ded'],
    [4, 2, 1],
    DELIVERY,
    CX,
    { mollyExecutions: 3 },
  ],
  [
    'paper',
    ['delivery/classic_rb.ded', 'delivery/deliv_assert.ded'],
    [5, 3, 0],
    DELIVERY,
    CX,
    { mollyExecutions: 5 },
  ],
  ['paper', ['commit/2pc.ded', 'commit/2pc_assert.ded'], [5, 0, 1], COMMIT, CX, { mollyExecutions: 2 }],
  ['paper', ['commit/2pc_ctp.ded', 'commit/2pc_assert.ded'], [8, 0, 1], COMMIT, CX, { mollyExecutions: 3 }],
  ['paper', ['commit/3pc.ded', 'commit/2pc_assert.ded'], [9, 7, 1], COMMIT, CX, { mollyExecutions: 55 }],
  ['paper', ['kafka.ded'], [7, 4, 1], KAFKA, CX, { mollyExecutions: 38, note: KAFKA_EOT }],
  [
    'paper',
    ['delivery/replog.ded', 'delivery/deliv_assert.ded'],
    [11, 10, 1],
    DELIVERY,
    OK,
    { mollyExecutions: 11 },
  ],
  [
    'paper',
    ['delivery/ack_rb.ded', 'delivery/deliv_assert.ded'],
    [8, 7, 1],
    DELIVERY,
    OK,
    { mollyExecutions: 673 },
  ],
  ['paper', ['paxos_synod.ded'], [7, 6, 1], DELIVERY, OK, { mollyExecutions: 173, ldfi: [CX, PAXOS_MISSED] }],
  ['paper', ['flux/flux_clusterpairs.ded'], [22, 21, 1], FLUX, OK, { mollyExecutions: 187 }],
].map(([source, files, [eot, eff, crashes], nodes, molly, extra = {}]) => ({
  source,
  files,
  eot,
  eff,
  crashes,
  nodes,
  molly,
  expected: extra.ldfi?.[0] ?? molly,
  why: extra.ldfi?.[1] ?? null,
  mollyExecutions: extra.mollyExecutions ?? null,
  note: extra.note ?? null,
}));

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
  if (!existsSync(join(ROOT, 'dist', 'datalog', 'syntax', 'check.js'))) usage('run `npm run build` first');
  return { dir, timeout };
}

/** One `ldfi check --json` run under `judge`: the verdict (or why there is none) and the summary. */
function check(dir, row, judge, timeout) {
  const out = mkdtempSync(join(tmpdir(), 'molly-compat-'));
  const args = [
    join(ROOT, 'bin', 'ldfi.js'),
    'check',
    ...row.files.map((f) => join(dir, f)),
    ...['-N', row.nodes.join(','), '-t', String(row.eot), '-f', String(row.eff), '-c', String(row.crashes)],
    ...['--judge', judge, '--json', '-o', out, '--timeout', String(timeout)],
  ];
  // From Molly's examples folder, as its users run it: includes such as ../util/timeout_svc.ded stay
  // under the working directory, ldfi's default include root.
  const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(out, { recursive: true, force: true });
  const verdict = VERDICT_BY_STATUS[run.status];
  if (verdict === undefined) {
    const reason = (run.stderr || `exit ${run.status ?? run.signal}`).trim().split('\n')[0];
    return { verdict: 'error', summary: null, note: reason };
  }
  try {
    return { verdict, summary: JSON.parse(run.stdout), note: '' };
  } catch {
    return { verdict, summary: null, note: 'stdout is not JSON' };
  }
}

/** `ldfi eval …` replaying a counterexample, files relative to Molly's examples_ft. */
function replay(row, counterexample) {
  const faults = [
    ...counterexample.crashes.map((c) => `--crash ${c.node},${c.time}`),
    ...counterexample.omissions.map((o) => `--omit ${o.from},${o.to},${o.time}`),
  ];
  return `ldfi eval ${row.files.join(' ')} -N ${row.nodes.join(',')} -t ${row.eot} ${faults.join(' ')}`;
}

function faultsOf(counterexample) {
  if (!counterexample) return '';
  const crashes = counterexample.crashes.map((c) => `crash ${c.node}@${c.time}`);
  const omissions = counterexample.omissions.map((o) => `${o.from}->${o.to}@${o.time}`);
  return [...crashes, ...omissions].join(' ') || 'no faults';
}

/** Every .ded file under `dir`, relative to it, sorted. */
function dedFiles(dir, under = '') {
  return readdirSync(join(dir, under))
    .sort()
    .flatMap((name) => {
      const path = join(under, name);
      if (statSync(join(dir, path)).isDirectory()) return dedFiles(dir, path);
      return name.endsWith('.ded') ? [path] : [];
    });
}

/**
 * Loads and checks each program file alone (modules without pre/post too); returns mismatches with
 * the recorded missing includes, and how many files loaded.
 */
async function frontEnd(dir) {
  const { loadProgram } = await import(join(ROOT, 'dist', 'datalog', 'syntax', 'load.js'));
  const { checkProgram } = await import(join(ROOT, 'dist', 'datalog', 'syntax', 'check.js'));
  const read = (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null);
  const files = dedFiles(dir);
  const problems = [];
  for (const file of files) {
    const { program, diagnostics } = loadProgram([join(dir, file)], { read });
    const all = diagnostics.some((d) => d.severity === 'error')
      ? diagnostics
      : [...diagnostics, ...checkProgram(program, { requireSpec: false })];
    const errors = all.filter((d) => d.severity === 'error').map((d) => d.code);
    const missing = MISSING_INCLUDES[file];
    const expected = missing ? ['E002'] : [];
    if (JSON.stringify(errors) !== JSON.stringify(expected))
      problems.push(
        `${file}: expected ${expected.join(',') || 'no error'}, got ${errors.join(',') || 'none'}`,
      );
  }
  const notThere = Object.keys(MISSING_INCLUDES).filter((f) => !files.includes(f));
  for (const f of notThere) problems.push(`${f}: recorded as rejected but not found`);
  return { files: files.length, rejected: Object.keys(MISSING_INCLUDES).length, problems };
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
const loaded = await frontEnd(dir);
const header = [
  'source',
  'program',
  'nodes',
  'EOT/EFF/c',
  'Molly',
  'expected',
  'ldfi judge',
  'exe',
  'molly judge',
  'exe',
  'Molly exe',
  'match',
  'counterexample (ldfi judge)',
];
const lines = [header];
const divergences = [];
const notes = [];
let mismatches = 0;
for (const row of ROWS) {
  const ours = check(dir, row, 'ldfi', timeout);
  const theirs = check(dir, row, 'molly', timeout);
  // Molly's judge only narrows which runs are bad: it must agree with the recorded verdict too,
  // since every divergence recorded here is a bug Molly's search misses, not one its rule hides.
  const match = ours.verdict === row.expected && theirs.verdict === row.expected;
  if (!match) mismatches++;
  const program = row.files.join(' + ');
  const bounds = `${row.eot}/${row.eff}/${row.crashes}`;
  lines.push([
    row.source,
    program,
    row.nodes.join(','),
    bounds,
    row.molly,
    row.expected,
    ours.verdict,
    ours.summary?.executions ?? '-',
    theirs.verdict,
    theirs.summary?.executions ?? '-',
    row.mollyExecutions ?? '',
    match ? 'yes' : 'NO',
    ours.note || faultsOf(ours.summary?.counterexample),
  ]);
  if (row.why) {
    const cx = ours.summary?.counterexample;
    divergences.push(
      `- ${program} at ${bounds} (${row.source}): Molly says ${row.molly}; Molly misses this bug: ${row.why}.\n` +
        `  replay: ${cx ? replay(row, cx) : '(no counterexample found: the row does not match)'}`,
    );
  }
  if (row.note) notes.push(`- ${program} at ${bounds} (${row.source}): ${row.note}.`);
  process.stderr.write('.');
}
process.stderr.write('\n');
const frontEndLine =
  `Front end: ${loaded.files - loaded.rejected} of ${loaded.files} program files load and check; ` +
  `${loaded.rejected} include a file missing from Molly's repository too (E002):\n` +
  Object.entries(MISSING_INCLUDES)
    .map(([file, why]) => `- ${file}: ${why}`)
    .join('\n');
const problems = loaded.problems.map((p) => `  NO: ${p}`).join('\n');
process.stdout.write(
  [
    frontEndLine + (problems ? `\n${problems}` : ''),
    table(lines),
    `Divergences (recorded; replay from ${dir}):\n${divergences.join('\n')}`,
    `Notes:\n${notes.join('\n')}`,
    `${ROWS.length - mismatches}/${ROWS.length} rows match their recorded verdict under both judges; ` +
      `${loaded.problems.length} front-end mismatch${loaded.problems.length === 1 ? '' : 'es'}.`,
  ].join('\n\n') + '\n',
);
process.exit(mismatches === 0 && loaded.problems.length === 0 ? 0 : 1);
