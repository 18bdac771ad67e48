// One execution as a RunRecord (runner/types.ts): Molly's runs.json keys plus what the report needs.
import type { Value } from '../datalog/ast.js';
import type { Evaluation } from '../datalog/evaluate.js';
import type { LineageGraph } from '../datalog/types.js';
import type { JudgeName } from './judge.js';
import type { LineageRecord, LineageRecordNode, MessageRecord, Proposal, RunRecord } from './types.js';

export interface RunFacts {
  readonly iteration: number;
  readonly evaluation: Evaluation;
  readonly violations: readonly (readonly Value[])[];
  readonly lineage: LineageGraph;
  readonly parent: number | null;
  readonly proposals: readonly Proposal[];
  readonly judge: JudgeName;
}

export function runRecord(r: RunFacts): RunRecord {
  const ev = r.evaluation;
  return {
    iteration: r.iteration,
    status: r.violations.length === 0 ? 'success' : 'failure',
    judge: r.judge,
    failureSpec: ev.spec,
    model: { tables: tables(ev) },
    violations: r.violations.map((v) => v.map(String)),
    messages: messages(ev),
    lineage: lineageRecord(ev, r.lineage),
    parent: r.parent,
    proposals: r.proposals,
  };
}

/** Every relation at every time step: rows of strings, time last, sorted (Molly's `model.tables`). */
function tables(ev: Evaluation): Record<string, string[][]> {
  const { db } = ev;
  const byRel = new Map<string, { time: number; row: string[] }[]>();
  for (let id = 0; id < db.size; id++) {
    const t = db.tuple(id);
    const rows = byRel.get(t.relation) ?? [];
    rows.push({ time: t.time, row: [...t.values.map(String), String(t.time)] });
    byRel.set(t.relation, rows);
  }
  // Null prototype: a relation named `__proto__` is a key like any other.
  const out = Object.create(null) as Record<string, string[][]>;
  for (const name of [...byRel.keys()].sort()) {
    out[name] = byRel
      .get(name)!
      .sort((a, b) => a.time - b.time || compareRows(a.row, b.row))
      .map((r) => r.row);
  }
  return out;
}

function compareRows(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return a.length - b.length;
}

function messages(ev: Evaluation): MessageRecord[] {
  return ev.sends.map((s) => ({
    relation: s.relation,
    values: s.values.map(String),
    from: s.from,
    to: s.to,
    sendTime: s.sendTime,
    receiveTime: s.lostBy ? null : s.sendTime + 1,
    lostBy: s.lostBy,
  }));
}

/** `log("b", "hi")@3`: strings quoted as in the source, so labels read like the program. */
export function tupleLabel(relation: string, values: readonly Value[], time: number): string {
  return `${relation}(${values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ')})@${time}`;
}

function lineageRecord(ev: Evaluation, graph: LineageGraph): LineageRecord {
  const nodeOfTuple = new Map<number, number>();
  graph.nodes.forEach((n, id) => {
    if (n.kind === 'tuple') nodeOfTuple.set(n.tuple, id);
  });
  const nodes = graph.nodes.map((n): LineageRecordNode => {
    switch (n.kind) {
      case 'tuple': {
        const t = ev.db.tuple(n.tuple);
        return {
          kind: 'tuple',
          relation: t.relation,
          values: t.values.map(String),
          time: t.time,
          label: tupleLabel(t.relation, t.values, t.time),
          derivations: n.derivations,
        };
      }
      case 'derivation': {
        const rule = ev.program.rules[n.rule]!;
        const when = typeof rule.headTime === 'string' && rule.headTime !== 'now' ? `@${rule.headTime}` : '';
        const notin = notinChildren(ev, n.derivation, n.children, graph, nodeOfTuple);
        return {
          kind: 'derivation',
          rule: n.rule,
          label: `${rule.head.relation}${when} :- …`,
          children: n.children,
          ...(notin.length > 0 ? { notin } : {}),
        };
      }
      case 'message': {
        const { from, to, sendTime } = n.message;
        return { kind: 'message', from, to, sendTime, label: `${from}→${to} @${sendTime}` };
      }
      case 'no-crash':
        return {
          kind: 'no-crash',
          node: n.node,
          time: n.time,
          label: n.time === null ? `${n.node} never crashes` : `${n.node} does not crash at ${n.time}`,
        };
    }
  });
  return { goals: graph.goals, nodes };
}

/** A derivation's children that are neither its body tuples nor its message: what its `notin`s rest on. */
function notinChildren(
  ev: Evaluation,
  derivation: number,
  children: readonly number[],
  graph: LineageGraph,
  nodeOfTuple: ReadonlyMap<number, number>,
): number[] {
  const used = new Set(ev.derivations[derivation]!.body.map((t) => nodeOfTuple.get(t)));
  return children.filter((c) => !used.has(c) && graph.nodes[c]!.kind !== 'message');
}
