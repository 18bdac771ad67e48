// A violation explained in words (issue 10): the why-not graph (datalog/lineage/why-not.ts) with a label per
// node, as run records keep it, and as the CLI prints it: the faults that matter first, then the
// chain that leads to one of them (compact), or the whole graph as an indented tree (`--explain`).
import type { Program, Value } from '../datalog/syntax/types.js';
import type { Budget } from '../datalog/eval/budget.js';
import { evaluate, type Evaluation } from '../datalog/eval/evaluate.js';
import {
  describeCrash,
  describeFault,
  describeMessage,
  faultCount,
  faultWords,
  formatTuple,
  NO_FAULTS,
  withFaults,
} from '../datalog/eval/faults.js';
import { printRule } from '../datalog/syntax/print.js';
import { whyNot, type WhyNode, type WhyNot } from '../datalog/lineage/why-not.js';
import type { WhyNotRecord, WhyRecordNode } from './types.js';

/** Longest rule text shown in an explanation before it is cut with `…`. */
const RULE_WIDTH = 72;

/**
 * Each violation of `failing` explained against the failure-free run of the same program and bounds:
 * `failing` itself when it has no faults, else `failureFree()` (by default evaluated here; the search's
 * executor passes the run it already has).
 */
export function explainViolations(
  program: Program,
  failing: Evaluation,
  violations: readonly (readonly Value[])[],
  budget: Budget = {},
  failureFree: () => Evaluation = () => evaluate(program, withFaults(failing.spec, NO_FAULTS), budget),
): WhyNotRecord[] {
  if (violations.length === 0) return [];
  const reference = faultCount(failing.spec) === 0 ? failing : failureFree();
  return violations.map((v) => whyNotRecord(whyNot(failing, reference, v), program));
}

export function whyNotRecord(why: WhyNot, program: Program): WhyNotRecord {
  return {
    violation: why.violation,
    root: why.root,
    faults: why.faults,
    nodes: why.nodes.map((n) => recordNode(n, program)),
  };
}

function recordNode(n: WhyNode, program: Program): WhyRecordNode {
  switch (n.kind) {
    case 'absent': {
      const { relation, values, time } = n.tuple;
      const never = n.failed.length === 0 ? ', even without faults' : '';
      return {
        kind: n.kind,
        label: `${formatTuple(relation, values, time)} absent${never}`,
        children: n.failed,
      };
    }
    case 'failed': {
      const text = printRule(program.rules[n.rule]!);
      const rule = text.length > RULE_WIDTH ? `${text.slice(0, RULE_WIDTH - 1)}…` : text;
      return { kind: n.kind, label: `no longer fires: ${rule}`, children: n.because, rule: n.rule };
    }
    case 'appeared': {
      const { relation, values, time } = n.tuple;
      const tuple = formatTuple(relation, values, time);
      const label =
        n.atom === null
          ? `${tuple} holds, but not without the faults`
          : `${tuple} holds, so notin ${formatTuple(n.atom.relation, n.atom.values, n.atom.time)} fails`;
      return { kind: n.kind, label, children: n.because };
    }
    case 'lost': {
      const label =
        'node' in n.fault
          ? `${describeMessage(n.message)} not sent: ${describeCrash(n.fault)}`
          : describeFault(n.fault);
      return { kind: n.kind, label, children: [], fault: describeFault(n.fault) };
    }
    case 'crashed':
      return { kind: n.kind, label: describeCrash(n.crash), children: [], fault: describeCrash(n.crash) };
  }
}

/** `faults that matter: …` and the chain from the missing `post` to the nearest fault, at most `maxLines`. */
export function compactWhyNot(why: WhyNotRecord, maxLines = 5): string[] {
  const matter = faultWords(why.faults);
  const lines = [`faults that matter: ${matter.length === 0 ? 'none' : matter.join(', ')}`];
  const path = chainToFault(why);
  const chain = path.length > 1 ? path.slice(1) : path; // the root repeats the violation line above
  const steps = collapseSteps(chain.map((id) => why.nodes[id]!));
  const room = maxLines - lines.length;
  const shown = steps.length <= room ? steps : [...steps.slice(0, room - 1), '…', steps.at(-1)!];
  shown.forEach((s, i) => lines.push(`${i === 0 ? 'why: ' : '   ← '}${s}`));
  return lines;
}

/**
 * The whole graph as an indented tree; a node met again prints `(see above)`. A tuple with one
 * derivation shows that derivation's lost parts directly; with several, each under `via <rule>`.
 */
export function fullWhyNot(why: WhyNotRecord): string[] {
  const lines = [`faults that matter: ${faultWords(why.faults).join(', ') || 'none'}`];
  const seen = new Set<number>();
  const line = (depth: number, text: string): number => lines.push(`${'  '.repeat(depth)}${text}`);
  const reasons = (ids: readonly number[], depth: number): void => {
    if (ids.length === 0) line(depth, '(no lost part found: it may now count other tuples)');
    // One reason continues the chain at this depth; several step in.
    for (const c of ids) walk(c, ids.length === 1 ? depth : depth + 1, '← ');
  };
  const walk = (id: number, depth: number, arrow: string): void => {
    const node = why.nodes[id]!;
    const again = seen.has(id) && node.children.length > 0;
    line(depth, `${arrow}${node.label}${again ? ' (see above)' : ''}`);
    if (again || node.children.length === 0) return;
    seen.add(id);
    if (node.kind !== 'absent') return reasons(node.children, depth);
    const derivations = node.children.map((c) => why.nodes[c]!);
    if (derivations.length === 1) return reasons(derivations[0]!.children, depth);
    for (const d of derivations) {
      line(depth + 1, `via ${d.label.replace(/^no longer fires: /, '')}`);
      reasons(d.children, depth + 2);
    }
  };
  walk(why.root, 0, '');
  return lines;
}

/**
 * The path from the root to the closest lost message (else the closest crash), through the nodes
 * that say something (`failed` steps are skipped: the tuple above and the part below tell the story).
 * A lost message tells more than a crash, which often only closes the story.
 */
function chainToFault(why: WhyNotRecord): number[] {
  const parent = new Map<number, number>([[why.root, -1]]);
  const queue = [why.root];
  let leaf = -1;
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q]!;
    const node = why.nodes[id]!;
    if (node.fault !== undefined && (leaf < 0 || rank(node) < rank(why.nodes[leaf]!))) leaf = id;
    if (leaf >= 0 && rank(why.nodes[leaf]!) === 0) break;
    for (const c of node.children)
      if (!parent.has(c)) {
        parent.set(c, id);
        queue.push(c);
      }
  }
  const path: number[] = [];
  for (let id = leaf < 0 ? why.root : leaf; id >= 0; id = parent.get(id)!) path.unshift(id);
  return path.filter((id) => why.nodes[id]!.kind !== 'failed');
}

/** 0 for an omission (its label is the fault itself), 1 for a message a crash stopped, 2 for a crash. */
function rank(node: WhyRecordNode): number {
  return node.kind === 'crashed' ? 2 : node.label === node.fault ? 0 : 1;
}

/** `delivered("b", "hello")@4 absent`, `…@3 absent`, `…@2 absent` → `delivered("b", "hello") absent at 2–4`. */
function collapseSteps(nodes: readonly WhyRecordNode[]): string[] {
  const step = (label: string) => /^(.*)@(\d+)( absent| holds, but not without the faults)$/.exec(label);
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const m = step(nodes[i]!.label);
    let j = i;
    for (let n = m && step(nodes[j + 1]?.label ?? ''); m && n && n[1] === m[1] && n[3] === m[3];) {
      j++;
      n = step(nodes[j + 1]?.label ?? '');
    }
    if (j === i || !m) out.push(nodes[i]!.label);
    else {
      const what = m[3] === ' absent' ? 'absent' : 'holds, but not without the faults,';
      out.push(`${m[1]} ${what} at ${step(nodes[j]!.label)![2]}–${m[2]}`);
    }
    i = j;
  }
  return out;
}
