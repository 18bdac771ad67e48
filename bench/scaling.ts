// How certifying grows: ack delivery (every holder forwards until acknowledged) with 3 to 6 nodes,
// and with EOT 6 to 12; and what `--jobs 2` buys on ack delivery 8/7/1 and Paxos 7/6/1.
// Every row is bounded by executions, not by the clock.
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { Program } from '../datalog/syntax/types.js';
import { fileLoader } from '../runner/cli/files.js';
import { threadPool } from '../runner/cli/pool.js';
import { loadLogicSolverOnDemand } from '../runner/cli/sat-loader.js';
import { loadChecked } from '../runner/load.js';
import { executionSettings, runSearch, searchAsync, type SearchOptions } from '../runner/search.js';

const MAX_RUNS = 20_000;
// Large lineages go to the SAT backend: registered as the CLI does.
loadLogicSolverOnDemand();
const NAMES = ['a', 'b', 'c', 'd', 'e', 'f'];

/** ack.ded and spec.ded with a group of `n` nodes in place of examples/delivery/group.ded's three. */
function ackProgram(n: number): Program {
  const nodes = NAMES.slice(0, n);
  const peers = nodes.flatMap((a) => nodes.filter((b) => b !== a).map((b) => `peer("${a}", "${b}")@1;`));
  const group = [...peers, 'peer(Node, Other)@next :- peer(Node, Other);', 'broadcast("a", "hello")@1;'];
  const files = ['delivery/ack.ded', 'delivery/spec.ded'].map((f) => join('examples', f));
  return loadChecked(files, (p) => (p.endsWith('group.ded') ? group.join('\n') + '\n' : fileLoader.read(p)))
    .program;
}

function row(label: string, program: Program, options: SearchOptions): string {
  const cpu = process.cpuUsage();
  const r = runSearch(program, {
    ...options,
    records: 'none',
    maxRuns: MAX_RUNS,
    now: () => performance.now(),
  });
  const used = process.cpuUsage(cpu);
  return `| ${label} | ${r.verdict} | ${r.executions} | ${r.skipped ?? 0} | ${(r.symmetry ?? []).map((c) => c.join(',')).join('; ') || '—'} | ${(r.elapsedMs / 1000).toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} |`;
}

const HEADER = [
  '| search | verdict | executions | known, not run | symmetry | wall s | CPU s |',
  '| --- | --- | --- | --- | --- | --- | --- |',
];

/**
 * Executions and seconds for 3 to 6 nodes at 7/5/1, and for EOT 6 to 12 at 3 nodes with EFF = EOT − 1
 * (the paper's ack delivery bounds are 8/7: any message but the last step's may be lost).
 */
export function benchScaling(): string {
  const rows = [
    'EOT rows take EFF = EOT − 1, as the paper does for ack delivery (8/7/1): every message but those of the last step may be lost. Each row stops at ' +
      `${MAX_RUNS.toLocaleString('en')} executions (then "inconclusive").`,
    '',
    ...HEADER,
  ];
  for (let n = 3; n <= 6; n++)
    rows.push(row(`ack delivery, ${n} nodes, 7/5/1`, ackProgram(n), space(n, 7, 5)));
  for (let eot = 6; eot <= 12; eot++)
    rows.push(row(`ack delivery, 3 nodes, ${eot}/${eot - 1}/1`, ackProgram(3), space(3, eot, eot - 1)));
  return rows.join('\n');
}

function space(n: number, eot: number, eff: number): SearchOptions {
  return { nodes: NAMES.slice(0, n), eot, eff, maxCrashes: 1 };
}

/** The searches `--jobs` is measured on, whole (Paxos 7/6/1 certifies in about 700 executions). */
const JOBS_ROWS: {
  label: string;
  files: string[];
  eot: number;
  eff: number;
  maxRuns: number;
  rounds: number;
}[] = [
  {
    label: 'ack delivery 8/7/1',
    files: ['delivery/ack.ded', 'delivery/spec.ded'],
    eot: 8,
    eff: 7,
    maxRuns: MAX_RUNS,
    rounds: 3,
  },
  {
    label: 'Paxos 7/6/1',
    files: ['paxos/synod.ded', 'paxos/spec.ded'],
    eot: 7,
    eff: 6,
    maxRuns: MAX_RUNS,
    rounds: 2,
  },
];

/**
 * `--jobs 1` and `--jobs 2`, alternating, on ack delivery 8/7/1 and Paxos 7/6/1: wall time, CPU
 * time of the process (threads included), and where the pool ran what. Verdict and executions must
 * be equal. A control measures how much parallelism the machine gives right now: the same loop on
 * one thread, then on two at once; a shared machine may give a second thread no core at all.
 */
export async function benchJobs(): Promise<string> {
  const rows = [
    `${cpus().length} cores; the CLI runs one job unless told (--jobs). Compare within a round: the machine may be shared.`,
    '',
    '| search | round | jobs | verdict | executions | wall s | CPU s (all threads) | speed-up | run by workers / ahead here / unused |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const spec of JOBS_ROWS) {
    const { program } = loadChecked(
      spec.files.map((f) => join('examples', f)),
      (p) => fileLoader.read(p),
    );
    const options: SearchOptions = {
      ...space(3, spec.eot, spec.eff),
      records: 'none',
      maxRuns: spec.maxRuns,
    };
    // Unreported, so the first timed search does not pay for compiling the engine's code.
    runSearch(program, { ...options, maxRuns: 20 });
    for (let round = 1; round <= spec.rounds; round++) {
      let alone = 0;
      let sequential = '';
      for (const jobs of [1, 2]) {
        const cpu = process.cpuUsage();
        const start = performance.now();
        const pool = jobs > 1 ? threadPool(program, executionSettings(options), jobs) : null;
        const now = () => performance.now();
        const r = pool
          ? await searchAsync(program, { ...options, now, pool })
          : runSearch(program, { ...options, now });
        const stats = pool?.stats();
        await pool?.close();
        const wall = (performance.now() - start) / 1000;
        const used = process.cpuUsage(cpu);
        // Threads change how long a search takes, never what it finds.
        const found = `${r.verdict} in ${r.executions}`;
        if (jobs === 1) [alone, sequential] = [wall, found];
        else if (found !== sequential)
          throw new Error(`${spec.label}: --jobs 2 found ${found}, --jobs 1 ${sequential}`);
        rows.push(
          `| ${spec.label} | ${round} | ${jobs} | ${r.verdict} | ${r.executions} | ${wall.toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} | ${jobs === 1 ? '' : (alone / wall).toFixed(2) + '×'} | ${stats ? `${stats.ran} / ${stats.ranHere} / ${stats.unused}` : ''} |`,
        );
      }
    }
  }
  rows.push(
    '',
    '0 / 0 / 0: the search was over before it used its pool (a search runs alone for its first 8 executions and 1 s).',
    '',
    await parallelismNow(),
  );
  return rows.join('\n');
}

/** The control: a fixed loop on one thread, then on two at once; 2× is two free cores. */
async function parallelismNow(): Promise<string> {
  const loop = `const { parentPort } = require('node:worker_threads');
let x = 0;
for (let i = 0; i < 4e8; i++) x = (x * 31 + i) | 0;
parentPort.postMessage(x);`;
  const time = async (threads: number): Promise<number> => {
    const start = performance.now();
    await Promise.all(
      Array.from(
        { length: threads },
        () =>
          new Promise<void>((resolve, reject) => {
            const w = new Worker(loop, { eval: true });
            w.once('message', () => void w.terminate().then(() => resolve()));
            w.once('error', reject);
          }),
      ),
    );
    return (performance.now() - start) / 1000;
  };
  const one = await time(1);
  const two = await time(2);
  return `Control, the same CPU-bound loop on 1 thread then on 2 at once: ${one.toFixed(2)} s and ${two.toFixed(2)} s, so this machine gave ${((2 * one) / two).toFixed(2)} cores' worth of work to 2 threads just now.`;
}
