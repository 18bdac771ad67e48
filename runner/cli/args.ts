// Command-line parsing (yargs): the flags of SPEC §6 with Molly's short names.
import yargs, { type Argv } from 'yargs';
import type { Crash, FailureSpec, Omission } from '../../datalog/types.js';
import type { Strategy } from '../types.js';

export interface CheckArgs {
  readonly command: 'check' | 'eval';
  readonly files: string[];
  readonly nodes: string[];
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
  readonly strategy: Strategy;
  readonly seed: number;
  readonly maxRuns: number | undefined;
  readonly timeout: number | undefined;
  readonly all: boolean;
  readonly symmetry: boolean;
  readonly negation: boolean;
  readonly out: string;
  readonly json: boolean;
  readonly dot: boolean;
  readonly strict: boolean;
  readonly crash: string[];
  readonly omit: string[];
}

export class UsageError extends Error {}

const EXAMPLES = `Examples:
  ldfi check examples/delivery/simple.ded examples/delivery/spec.ded -N a,b,c -t 4 -f 2
  ldfi check proto.ded -N a,b,c -t 6 -f 3 -c 1 --json
  ldfi eval examples/delivery/simple.ded examples/delivery/spec.ded -N a,b,c -t 4 --omit a,b,1
  ldfi playground                 the browser playground and the course (see ldfi playground --help)`;

function common(y: Argv): Argv<Record<string, unknown>> {
  return y
    .positional('files', {
      describe: 'Dedalus program files (includes are followed)',
      type: 'string',
      array: true,
    })
    .option('nodes', {
      alias: 'N',
      type: 'string',
      describe: 'comma-separated node names (required)',
      demandOption: true,
    })
    .option('eot', {
      alias: ['t', 'EOT'],
      type: 'number',
      default: 3,
      describe: 'end of time: the last time step',
    })
    .option('eff', {
      alias: ['f', 'EFF'],
      type: 'number',
      default: 2,
      describe: 'end of finite failures: messages sent before it may be lost',
    })
    .option('crashes', { alias: 'c', type: 'number', default: 0, describe: 'most nodes that may crash' })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'also warn about non-local rules',
    }) as Argv<Record<string, unknown>>;
}

/** Parse argv (without `node ldfi`); throws UsageError with a message for the user. */
export async function parseArgs(
  argv: readonly string[],
  width: number,
): Promise<CheckArgs | { help: string }> {
  let output = '';
  const parser = yargs([...argv])
    .scriptName('ldfi')
    .usage(
      'ldfi — lineage-driven fault injection for Dedalus protocols\n\nUsage: ldfi check FILE... -N a,b,c [-t EOT] [-f EFF] [-c CRASHES] [options]',
    )
    .command(
      ['check <files..>', '$0 <files..>'],
      'search for a fault set that violates the pre/post spec',
      (y) =>
        common(y)
          .option('strategy', {
            choices: ['ldfi', 'random', 'exhaustive'] as const,
            default: 'ldfi',
            describe: 'how to pick fault sets',
          })
          .option('seed', { type: 'number', default: 1, describe: 'seed of the random strategy' })
          .option('max-runs', {
            type: 'number',
            describe: 'budget: most executions (then exit 3, inconclusive)',
          })
          .option('timeout', {
            type: 'number',
            describe: 'budget: seconds of search (then exit 3, inconclusive)',
          })
          .option('all', {
            type: 'boolean',
            default: false,
            describe: 'keep going after the first counterexample',
          })
          .option('symmetry', {
            type: 'boolean',
            default: false,
            describe: 'skip fault sets equal up to interchangeable nodes',
          })
          .option('negation', {
            type: 'boolean',
            default: true,
            describe: 'follow notin atoms in lineage (--no-negation to turn off)',
          })
          .option('out', {
            alias: 'o',
            type: 'string',
            default: 'ldfi-report',
            describe: 'directory for index.html and runs.json',
          })
          .option('dot', { type: 'boolean', default: false, describe: 'also write Graphviz .dot files' })
          .option('json', {
            type: 'boolean',
            default: false,
            describe: 'print only the JSON summary on stdout',
          }),
    )
    .command('eval <files..>', 'run once and print every relation at every time step', (y) =>
      common(y)
        .option('crash', { type: 'string', array: true, default: [], describe: 'inject a crash: NODE,TIME' })
        .option('omit', {
          type: 'string',
          array: true,
          default: [],
          describe: 'inject an omission: FROM,TO,TIME',
        }),
    )
    .epilog(
      `${EXAMPLES}\n\nExit status: 0 tolerant within the bounds, 1 counterexample, 2 bad input, 3 budget exhausted, 4 internal error.`,
    )
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(width, 110))
    .exitProcess(false)
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? 'bad usage');
    });
  const parsed = (await parser.parseAsync([...argv], {}, (_err, _argv, out) => {
    output = out;
  })) as Record<string, unknown>;
  if (parsed['help'] || output) return { help: output };
  return toArgs(parsed);
}

function toArgs(p: Record<string, unknown>): CheckArgs {
  const command = (p['_'] as unknown[])[0] === 'eval' ? 'eval' : 'check';
  const nodes = String(p['nodes'])
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  const int = (name: string, min: number): number => {
    const v = p[name];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw new UsageError(`--${name} must be a whole number of at least ${min} (got ${String(p[name])})`);
    return v;
  };
  if (nodes.length === 0) throw new UsageError('--nodes needs at least one node name, e.g. -N a,b,c');
  if (new Set(nodes).size !== nodes.length)
    throw new UsageError(`--nodes names a node twice: ${nodes.join(',')}`);
  const crashes = int('crashes', 0);
  if (crashes > nodes.length)
    throw new UsageError(`--crashes ${crashes} is more than the ${nodes.length} nodes`);
  const optionalInt = (name: string): number | undefined =>
    p[name] === undefined ? undefined : int(name, 1);
  return {
    command,
    files: (p['files'] as string[]).map(String),
    nodes,
    eot: int('eot', 1),
    eff: int('eff', 0),
    crashes,
    strategy: (p['strategy'] as Strategy | undefined) ?? 'ldfi',
    seed: command === 'check' ? int('seed', 0) : 1,
    maxRuns: optionalInt('max-runs'),
    timeout: optionalInt('timeout'),
    all: p['all'] === true,
    symmetry: p['symmetry'] === true,
    negation: p['negation'] !== false,
    out: String(p['out'] ?? 'ldfi-report'),
    json: p['json'] === true,
    dot: p['dot'] === true,
    strict: p['strict'] === true,
    crash: ((p['crash'] as string[] | undefined) ?? []).map(String),
    omit: ((p['omit'] as string[] | undefined) ?? []).map(String),
  };
}

/** The failure spec of `ldfi eval`: the bounds and the faults given with --crash and --omit. */
export function evalSpec(a: CheckArgs): FailureSpec {
  const crashes = a.crash.map((s): Crash => {
    const [node, time] = s.split(',');
    if (!node || !a.nodes.includes(node) || !isTime(time))
      throw new UsageError(`--crash takes NODE,TIME with a node of --nodes (got '${s}')`);
    return { node, time: Number(time) };
  });
  const omissions = a.omit.map((s): Omission => {
    const [from, to, time] = s.split(',');
    if (!from || !to || !a.nodes.includes(from) || !a.nodes.includes(to) || !isTime(time))
      throw new UsageError(`--omit takes FROM,TO,TIME with nodes of --nodes (got '${s}')`);
    return { from, to, time: Number(time) };
  });
  return { eot: a.eot, eff: a.eff, maxCrashes: a.crashes, nodes: a.nodes, crashes, omissions };
}

function isTime(s: string | undefined): boolean {
  return s !== undefined && /^[0-9]+$/.test(s) && Number(s) >= 1;
}
