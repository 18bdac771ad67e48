// Each execution of a search told in plain sentences (`--explain`, and the report's runs table): the
// faults it ran with and who proposed them, what its outcomes rested on, the fault sets it proposed
// and which outcomes each would cut, which ran, and how the run ended.
import { compareStrings, describeFaults, faultCount, formatTuple } from '../datalog/eval/faults.js';
import type { FaultSet } from '../datalog/eval/types.js';
import type { LineageGraph } from '../datalog/lineage/types.js';
import { holdsUnder } from '../solver/index.js';
import { lineageGraph } from './record.js';
import type { LineageRecord, RunRecord, SearchReport } from './types.js';

/** Most messages and proposals named one by one before the rest are counted. */
const LIST = 6;

/** The story of every kept run, by iteration. */
export function narrateRuns(report: SearchReport): Map<number, string[]> {
  return new Map(report.runs.map((run) => [run.iteration, narrateRun(run, report.strategy)]));
}

export function narrateRun(run: RunRecord, strategy: SearchReport['strategy']): string[] {
  const lines = [opening(run, strategy)];
  if (run.status === 'failure') {
    const { eot } = run.failureSpec;
    for (const v of run.violations)
      lines.push(
        `The spec is violated: ${formatTuple('pre', v, eot)} holds, but ${formatTuple('post', v, eot)} does not.`,
      );
    return lines;
  }
  const survived = run.iteration === 0 ? 'The spec holds.' : 'The spec holds: the protocol found other ways.';
  lines.push(`${survived} ${restsOn(run.lineage)}`);
  if (run.proposals.length === 0) {
    lines.push(
      strategy === 'ldfi'
        ? 'It proposes nothing new: every fault set that cuts its outcomes was already tried or is out of bounds.'
        : 'The next fault set comes from the strategy, not from this run.',
    );
    return lines;
  }
  const graph = lineageGraph(run.lineage);
  const count = run.proposals.length;
  lines.push(`Its lineage proposes ${count} minimal fault set${count === 1 ? '' : 's'}:`);
  for (const p of run.proposals.slice(0, LIST)) {
    const added = newFaults(p.faults, run.failureSpec);
    const cut = goalsCut(graph, run.lineage, p.faults);
    const ran = p.run === null ? 'not run' : `run ${p.run} tried it`;
    lines.push(`  ${describeFaults(added)} would cut ${cut}; ${ran}.`);
  }
  if (count > LIST) lines.push(`  and ${count - LIST} more.`);
  return lines;
}

function opening(run: RunRecord, strategy: SearchReport['strategy']): string {
  if (run.iteration === 0) return 'Run 0 runs without faults.';
  const faults = describeFaults(run.failureSpec);
  const by = run.parent === null ? `the ${strategy} strategy` : `run ${run.parent}'s lineage`;
  return `Run ${run.iteration} runs with ${faults}, proposed by ${by}.`;
}

/** `Its outcomes rest on 4 messages: a→b@1, a→c@1, …` */
function restsOn(lineage: LineageRecord): string {
  const messages = lineage.nodes
    .flatMap((n) => (n.kind === 'message' ? [n] : []))
    .sort((a, b) => a.sendTime - b.sendTime || compareStrings(a.from, b.from) || compareStrings(a.to, b.to))
    .map((n) => n.label);
  const goals = lineage.goals.length;
  if (goals === 0) return 'No post tuple holds, so there is nothing to cut.';
  const subject = goals === 1 ? 'Its outcome rests' : `Its ${goals} outcomes rest`;
  if (messages.length === 0) return `${subject} on no message: no omission can cut it.`;
  const shown = messages.slice(0, LIST).join(', ');
  const more = messages.length > LIST ? `, and ${messages.length - LIST} more` : '';
  return `${subject} on ${messages.length} message${messages.length === 1 ? '' : 's'}: ${shown}${more}.`;
}

/** The faults of `f` that `spec` did not already have. */
function newFaults(f: FaultSet, spec: FaultSet): FaultSet {
  const crashes = f.crashes.filter((c) => !spec.crashes.some((k) => k.node === c.node && k.time === c.time));
  const omissions = f.omissions.filter(
    (o) => !spec.omissions.some((k) => k.from === o.from && k.to === o.to && k.time === o.time),
  );
  return faultCount({ crashes, omissions }) === 0 ? f : { crashes, omissions };
}

/** `post("b", "hello")@4 and post("c", "hello")@4`: the goals that no longer hold under `f`. */
function goalsCut(graph: LineageGraph, lineage: LineageRecord, f: FaultSet): string {
  const holds = holdsUnder(graph, f);
  const cut = lineage.goals.filter((g) => holds[g] === 0).map((g) => lineage.nodes[g]!.label);
  if (cut.length === 0) return 'none of its outcomes';
  if (cut.length > 3) return `${cut.slice(0, 2).join(', ')} and ${cut.length - 2} more outcomes`;
  return cut.length === 1 ? cut[0]! : `${cut.slice(0, -1).join(', ')} and ${cut.at(-1)!}`;
}
