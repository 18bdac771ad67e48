// How certifying grows: ack delivery (every holder forwards until acknowledged) with 3 to 6 nodes,
// and with EOT 6 to 12; and what `--jobs 2` buys on the largest search of the suite (Paxos 7/6/1).
// Every row is bounded by executions, not by the clock.
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { Program } from '../datalog/ast.js';
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

/** Executions and seconds for 3 to 6 nodes at 7/5/1, and for EOT 6 to 12 (EFF = EOT − 1) at 3 nodes. */
export function benchScaling(): string {
  const rows = [...HEADER];
  for (let n = 3; n <= 6; n++)
    rows.push(row(`ack delivery, ${n} nodes, 7/5/1`, ackProgram(n), space(n, 7, 5)));
  for (let eot = 6; eot <= 12; eot++)
    rows.push(row(`ack delivery, 3 nodes, ${eot}/${eot - 1}/1`, ackProgram(3), space(3, eot, eot - 1)));
  return rows.join('\n');
}

function space(n: number, eot: number, eff: number): SearchOptions {
  return { nodes: NAMES.slice(0, n), eot, eff, maxCrashes: 1 };
}

/**
 * Paxos 7/6/1 alone and with a pool of 2 threads: wall time, and CPU time of the process (threads
 * included). The verdict and executions must be equal; the CPU time says what the threads cost.
 */
export async function benchJobs(rounds = 2): Promise<string> {
  const files = ['paxos/synod.ded', 'paxos/spec.ded'].map((f) => join('examples', f));
  const { program } = loadChecked(files, (p) => fileLoader.read(p));
  const options: SearchOptions = {
    ...space(3, 7, 6),
    records: 'none',
    maxRuns: MAX_RUNS,
    now: () => performance.now(),
  };
  const rows = [
    `${cpus().length} cores. Rounds alternate --jobs 1 and --jobs 2; the machine may be shared, so compare within a round.`,
    '',
    '| round | jobs | verdict | executions | wall s | CPU s (all threads) |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (let round = 1; round <= rounds; round++)
    for (const jobs of [1, 2]) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const pool = jobs > 1 ? threadPool(program, executionSettings(options), jobs) : null;
      const r = pool ? await searchAsync(program, { ...options, pool }) : runSearch(program, options);
      await pool?.close();
      const used = process.cpuUsage(cpu);
      rows.push(
        `| ${round} | ${jobs} | ${r.verdict} | ${r.executions} | ${((performance.now() - start) / 1000).toFixed(2)} | ${((used.user + used.system) / 1e6).toFixed(2)} |`,
      );
    }
  return rows.join('\n');
}
