// Command-line parsing (yargs): the flags of SPEC §6 with Molly's short names.
import yargs, { type ArgumentsCamelCase, type Argv } from 'yargs';
import { DEFAULT_MAX_TUPLES } from '../../datalog/eval/budget.js';
import type { Crash, FailureSpec, Omission } from '../../datalog/eval/types.js';
import type { Backend } from '../../solver/types.js';
import { JUDGES, type JudgeName } from '../judge.js';
import type { Strategy } from '../types.js';

export interface CheckArgs {
  readonly command: 'check' | 'eval';
  readonly files: readonly string[];
  readonly nodes: readonly string[];
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
  readonly strategy: Strategy;
  readonly solver: Backend;
  readonly seed: number;
  readonly maxRuns: number | undefined;
  readonly timeout: number | undefined;
  readonly all: boolean;
  readonly symmetry: boolean;
  readonly pruneProven: boolean;
  /** Threads running hypotheses (undefined: 1). */
  readonly jobs: number | undefined;
  readonly negation: boolean;
  readonly judge: JudgeName;
  readonly out: string;
  readonly json: boolean;
  readonly dot: boolean;
  readonly strict: boolean;
  readonly maxTuples: number;
  /** Includes resolve to files under this directory (null: the directories of the files given). */
  readonly includeRoot: string | null;
  readonly crash: readonly string[];
  readonly omit: readonly string[];
  /** Explain each violation whole; `check` also narrates every run. */
  readonly explain: boolean;
  /** `ldfi eval --only`: relations to print (null: all). */
  readonly only: readonly string[] | null;
  /** `ldfi eval --at`: time steps to print (null: all). */
  readonly at: readonly number[] | null;
}

export class UsageError extends Error {}

/**
 * The largest EOT and EFF: a million time steps is far past any protocol's horizon, and larger ones
 * only make a run or the bound computation take forever before anything is said.
 */
export const MAX_TIME = 1_000_000;

const EXAMPLES = `Examples:
  ldfi check examples/delivery/simple.ded examples/delivery/spec.ded -N a,b,c -t 4 -f 2
  ldfi check proto.ded -N a,b,c -t 6 -f 3 -c 1 --json
  ldfi eval examples/delivery/simple.ded examples/delivery/spec.ded -N a,b,c -t 4 --omit a,b,1
  ldfi playground                 the browser playground and the course (see ldfi playground --help)`;

/**
 * A whole-number option's check. Declared as strings, so a bad value is quoted as the user wrote it
 * (`-t abc`, not NaN); at most `max` (exact as a double by default).
 */
function wholeNumber(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (v: unknown) => number {
  return (v) => {
    const given = once(flag)(v);
    const n = /^[0-9]+$/.test(given) ? Number(given) : NaN;
    if (!(n >= min && n <= max))
      throw new UsageError(
        `--${flag} must be a whole number from ${min} to ${max.toLocaleString('en-US')} (got '${given}')`,
      );
    return n;
  };
}

/** A flag given once: yargs collects a repeated flag into an array (`-t 5 -t 6`). */
function once(flag: string): (v: unknown) => string {
  return (v) => {
    if (Array.isArray(v))
      throw new UsageError(
        `--${flag} is given ${v.length} times (${v.map(String).join(', ')}); give it once`,
      );
    return String(v);
  };
}

function relationList(v: unknown): string[] {
  const items = String(v)
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  if (items.length === 0) throw new UsageError(`--only takes relation names: REL,REL (got '${String(v)}')`);
  return items;
}

function timeList(v: unknown): number[] {
  const items = String(v).split(',');
  if (!items.every((t) => isTime(t.trim())))
    throw new UsageError(`--at takes time steps: T,T (got '${String(v)}')`);
  return items.map((t) => Number(t.trim()));
}

function nodeList(v: unknown): string[] {
  const nodes = once('nodes')(v)
    .split(',')
    // Only ASCII blanks: String.trim() would also take U+2028 and other characters a name may hold.
    .map((n) => n.replace(/^[ \t]+|[ \t]+$/g, ''))
    .filter((n) => n.length > 0);
  if (nodes.length === 0) throw new UsageError('--nodes needs at least one node name, e.g. -N a,b,c');
  if (new Set(nodes).size !== nodes.length)
    throw new UsageError(`--nodes names a node twice: ${nodes.join(',')}`);
  return nodes;
}

// Each option is checked where it is declared (`coerce`), so the parsed result comes out typed.
function common<T>(y: Argv<T>) {
  return y
    .positional('files', {
      describe: 'Dedalus program files (includes are followed)',
      type: 'string',
      array: true,
      demandOption: true,
    })
    .option('nodes', {
      alias: 'N',
      type: 'string',
      describe: 'comma-separated node names (required)',
      demandOption: true,
      coerce: nodeList,
    })
    .option('eot', {
      alias: ['t', 'EOT'],
      type: 'string',
      default: '3',
      describe: 'end of time: the last time step',
      coerce: wholeNumber('eot', 1, MAX_TIME),
    })
    .option('eff', {
      alias: ['f', 'EFF'],
      type: 'string',
      default: '2',
      describe: 'end of finite failures: messages sent before it may be lost',
      coerce: wholeNumber('eff', 0, MAX_TIME),
    })
    .option('crashes', {
      alias: 'c',
      type: 'string',
      default: '0',
      describe: 'most nodes that may crash',
      coerce: wholeNumber('crashes', 0),
    })
    .option('max-tuples', {
      type: 'string',
      default: String(DEFAULT_MAX_TUPLES),
      describe: 'budget: most tuples one run may derive (then exit 3)',
      coerce: wholeNumber('max-tuples', 1),
    })
    .option('include-root', {
      type: 'string',
      describe: 'directory includes may read from (default: the directories of the files given)',
      coerce: once('include-root'),
    })
    .option('strict', {
      type: 'boolean',
      default: false,
      describe: 'also warn about non-local rules',
    })
    .option('explain', {
      type: 'boolean',
      default: false,
      describe: 'explain each violation whole (check: also narrate every run)',
    });
}

function checkOptions<T>(y: Argv<T>) {
  return common(y)
    .option('strategy', {
      choices: ['ldfi', 'random', 'exhaustive'] as const,
      default: 'ldfi' as Strategy,
      describe: 'how to pick fault sets',
    })
    .option('solver', {
      choices: ['mmcs', 'sat'] as const,
      default: 'mmcs' as Backend,
      describe: 'how ldfi finds minimal fault sets: minimal hitting sets, or SAT (logic-solver)',
    })
    .option('seed', {
      type: 'string',
      default: '1',
      describe: 'seed of the random strategy',
      coerce: wholeNumber('seed', 0),
    })
    .option('max-runs', {
      type: 'string',
      describe: 'budget: most executions (then exit 3, inconclusive)',
      coerce: wholeNumber('max-runs', 1),
    })
    .option('timeout', {
      type: 'string',
      describe: 'budget: seconds of search (then exit 3, inconclusive)',
      coerce: wholeNumber('timeout', 1),
    })
    .option('all', {
      type: 'boolean',
      default: false,
      describe: 'keep going after the first counterexample',
    })
    .option('symmetry', {
      type: 'boolean',
      default: true,
      describe:
        'explore fault sets equal up to interchangeable nodes once, where provably safe (--no-symmetry to turn off)',
    })
    .option('prune-proven', {
      type: 'boolean',
      default: true,
      describe:
        'do not run fault sets an earlier good run proves good, and try what they would have proposed (--no-prune-proven to run them)',
    })
    .option('jobs', {
      alias: 'j',
      type: 'string',
      describe: 'threads running hypotheses, this one included (default 1; results do not depend on it)',
      coerce: wholeNumber('jobs', 1),
    })
    .option('negation', {
      type: 'boolean',
      default: true,
      describe: 'follow notin atoms in lineage (--no-negation to turn off)',
    })
    .option('judge', {
      choices: JUDGES,
      default: 'ldfi' as JudgeName,
      describe:
        'which runs violate the spec: ldfi (a pre tuple without its post) or molly (a post of the failure-free run lost while its pre holds)',
    })
    .option('out', {
      alias: 'o',
      type: 'string',
      default: 'ldfi-report',
      describe: 'directory for index.html and runs.json',
      coerce: once('out'),
    })
    .option('dot', { type: 'boolean', default: false, describe: 'also write Graphviz .dot files' })
    .option('json', {
      type: 'boolean',
      default: false,
      describe: 'print only the JSON summary on stdout',
    });
}

function evalOptions<T>(y: Argv<T>) {
  return common(y)
    .option('crash', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'inject a crash: NODE,TIME',
    })
    .option('omit', {
      type: 'string',
      array: true,
      default: [] as string[],
      describe: 'inject an omission: FROM,TO,TIME',
    })
    .option('only', { type: 'string', describe: 'print only these relations: REL,REL', coerce: relationList })
    .option('at', { type: 'string', describe: 'print only these time steps: T,T', coerce: timeList });
}

type CommonArgv = ArgumentsCamelCase<InferredOf<typeof common>>;

/** The options a builder adds, as the handler receives them. */
type InferredOf<B extends (y: Argv) => Argv<unknown>> = ReturnType<B> extends Argv<infer U> ? U : never;

/** Parse argv (without `node ldfi`); throws UsageError with a message for the user. */
export async function parseArgs(
  argv: readonly string[],
  width: number,
  version = 'unknown',
): Promise<CheckArgs | { help: string }> {
  // yargs drops a lone '-' without a word; ldfi reads no program from standard input.
  if (argv.includes('-'))
    throw new UsageError("'-' (standard input) is not supported: give the program's files by path");
  // `ldfi eval` runs exactly the faults it is given (SPEC §6): bounds of a search mean nothing there.
  const bound = argv.find((a) => /^(-f|-c|--eff|--EFF|--crashes)(=|$)|^-[fc]\d/.test(a));
  if (argv[0] === 'eval' && bound !== undefined)
    throw new UsageError(
      `ldfi eval runs exactly the faults given with --crash and --omit; it takes no ${bound} (that bounds a search: ldfi check)`,
    );
  let output = '';
  let args: CheckArgs | null = null;
  const parser = yargs([...argv])
    .scriptName('ldfi')
    .usage(
      'ldfi — lineage-driven fault injection for Dedalus protocols\n\nUsage: ldfi check FILE... -N a,b,c [-t EOT] [-f EFF] [-c CRASHES] [options]',
    )
    .command(
      ['check <files..>', '$0 <files..>'],
      'search for a fault set that violates the pre/post spec',
      checkOptions,
      (p) => {
        args = {
          ...commonArgs('check', p),
          strategy: p.strategy,
          solver: p.solver,
          seed: p.seed,
          maxRuns: p.maxRuns,
          timeout: p.timeout,
          all: p.all,
          symmetry: p.symmetry,
          pruneProven: p.pruneProven,
          jobs: p.jobs,
          negation: p.negation,
          judge: p.judge,
          out: p.out,
          json: p.json,
          dot: p.dot,
          crash: [],
          omit: [],
          only: null,
          at: null,
        };
      },
    )
    .command('eval <files..>', 'run once and print every relation at every time step', evalOptions, (p) => {
      args = {
        ...commonArgs('eval', p),
        ...EVAL_DEFAULTS,
        crash: p.crash.map(String),
        omit: p.omit.map(String),
        only: p.only ?? null,
        at: p.at ?? null,
      };
    })
    .epilog(
      `${EXAMPLES}\n\nExit status: 0 tolerant within the bounds, 1 counterexample, 2 bad input, 3 budget exhausted, 4 internal error, 130 interrupted.`,
    )
    .strict()
    .help()
    .alias('h', 'help')
    .version(version)
    .wrap(Math.min(width, 110))
    .exitProcess(false)
    .fail((msg, err) => {
      throw new UsageError(msg ?? err?.message ?? 'bad usage');
    });
  const parsed = await parser.parseAsync([...argv], {}, (_err, _argv, out) => {
    output = out;
  });
  if (parsed['help'] || parsed['version'] || output || args === null) return { help: output };
  return args;
}

/** The options of both commands, checked against each other. */
function commonArgs(command: CheckArgs['command'], p: CommonArgv) {
  if (p.crashes > p.nodes.length)
    throw new UsageError(`--crashes ${p.crashes} is more than the ${p.nodes.length} nodes`);
  return {
    command,
    files: p.files.map(String),
    nodes: p.nodes,
    eot: p.eot,
    eff: p.eff,
    crashes: p.crashes,
    strict: p.strict,
    explain: p.explain,
    maxTuples: p.maxTuples,
    includeRoot: p.includeRoot ?? null,
  };
}

/** What `ldfi eval` does not ask for. */
const EVAL_DEFAULTS = {
  strategy: 'ldfi',
  solver: 'mmcs',
  seed: 1,
  maxRuns: undefined,
  timeout: undefined,
  all: false,
  symmetry: true,
  pruneProven: true,
  jobs: undefined,
  negation: true,
  judge: 'ldfi',
  out: 'ldfi-report',
  json: false,
  dot: false,
} as const;

/**
 * The failure spec of `ldfi eval`: the bounds and the faults given with --crash and --omit. A fault
 * that cannot happen within the run is an error: it would be silently ignored otherwise.
 */
export function evalSpec(a: CheckArgs): FailureSpec {
  const crashes = a.crash.map((s): Crash => {
    const [node, time] = s.split(',');
    if (!node || !a.nodes.includes(node) || !isTime(time))
      throw new UsageError(`--crash takes NODE,TIME with a node of --nodes (got '${s}')`);
    if (Number(time) > a.eot)
      throw new UsageError(`--crash ${s}: time ${time} is past EOT ${a.eot}; the run never gets there`);
    return { node, time: Number(time) };
  });
  const twice = crashes.find((c, i) => crashes.findIndex((d) => d.node === c.node) !== i);
  if (twice) throw new UsageError(`--crash names node ${twice.node} twice; a node crashes once`);
  const omissions = a.omit.map((s): Omission => {
    const [from, to, time] = s.split(',');
    if (!from || !to || !a.nodes.includes(from) || !a.nodes.includes(to) || !isTime(time))
      throw new UsageError(`--omit takes FROM,TO,TIME with nodes of --nodes (got '${s}')`);
    if (from === to)
      throw new UsageError(`--omit ${s}: a message a node sends to itself is always delivered`);
    if (Number(time) >= a.eot)
      throw new UsageError(
        `--omit ${s}: a message sent at ${time} arrives after EOT ${a.eot} anyway; omissions are sent before EOT`,
      );
    return { from, to, time: Number(time) };
  });
  // No EFF or crash bound: every fault given is one that happens.
  return { eot: a.eot, eff: a.eot, maxCrashes: crashes.length, nodes: a.nodes, crashes, omissions };
}

function isTime(s: string | undefined): boolean {
  return s !== undefined && /^[0-9]+$/.test(s) && Number(s) >= 1;
}
