// One execution as a RunRecord (runner/types.ts): Molly's runs.json keys plus what the report needs.
import type { Value } from '../datalog/syntax/types.js';
import type { Evaluation } from '../datalog/eval/evaluate.js';
import { describeMessage, formatTuple } from '../datalog/eval/faults.js';
import type { LineageGraph, LineageNode } from '../datalog/lineage/types.js';
import type { JudgeName } from './judge.js';
import type { LineageRecord, LineageRecordNode, MessageRecord, RunRecord, WhyNotRecord } from './types.js';

/** What one run gives its record; where it stands in a search (iteration, parent, proposals) the search adds. */
export interface RunFacts {
  readonly evaluation: Evaluation;
  readonly violations: readonly (readonly Value[])[];
  readonly lineage: LineageGraph;
  readonly why: readonly WhyNotRecord[];
  readonly replay: string | null;
  readonly judge: JudgeName;
}

export function runRecord(r: RunFacts): RunRecord {
  const ev = r.evaluation;
  return {
    iteration: 0,
    status: r.violations.length === 0 ? 'success' : 'failure',
    judge: r.judge,
    failureSpec: ev.spec,
    model: { tables: tables(ev) },
    violations: r.violations,
    messages: messages(ev),
    lineage: lineageRecord(ev, r.lineage),
    parent: null,
    proposals: [],
    why: r.why,
    replay: r.replay,
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
    values: s.values,
    from: s.from,
    to: s.to,
    sendTime: s.sendTime,
    receiveTime: s.lostBy ? null : s.sendTime + 1,
    lostBy: s.lostBy,
  }));
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
          values: t.values,
          time: t.time,
          label: formatTuple(t.relation, t.values, t.time),
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
        return { kind: 'message', from, to, sendTime, label: describeMessage(n.message) };
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

/**
 * The record's graph with its semantics back, for evaluating it under faults: same ids, same
 * semantics; node ids stand in for tuple and derivation ids (both are only names to the graph).
 */
export function lineageGraph(record: LineageRecord): LineageGraph {
  const nodes = record.nodes.map((n, id): LineageNode => {
    switch (n.kind) {
      case 'tuple':
        return { kind: 'tuple', tuple: id, derivations: n.derivations };
      case 'derivation':
        return { kind: 'derivation', derivation: id, rule: n.rule, children: n.children };
      case 'message':
        return { kind: 'message', message: { from: n.from, to: n.to, sendTime: n.sendTime } };
      case 'no-crash':
        return { kind: 'no-crash', node: n.node, time: n.time };
    }
  });
  return { goals: record.goals, nodes };
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
