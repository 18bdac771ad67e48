// What the page folds or hides by default so a lineage reads at Paxos scale, decided here from the
// record alone (pure, deterministic) and applied in the page, which can unfold any of it:
// - persistence chains `x@t ← x@next :- x ← x@t−1 ← …` become one node "x, held since t0";
// - facts nobody derives (EDB) and local clocks are hidden;
// - firings of one rule for one head that differ only in a `_` column show as one firing.
import type { Rule } from '../../datalog/syntax/types.js';
import type { LineageRecord, LineageRecordNode } from '../../runner/types.js';
import { wildcardColumns } from './bindings.js';
import { formatTuple } from './words.js';

type TupleRecord = Extract<LineageRecordNode, { kind: 'tuple' }>;

export interface Chain {
  /** The latest tuple of the chain (where the rest of the graph uses it). */
  readonly top: number;
  readonly label: string;
  readonly time: number;
  readonly since: number;
  /** Its tuples and persistence firings, latest first; the oldest tuple's own firings stay outside. */
  readonly members: readonly number[];
}

export interface Simplification {
  readonly chains: readonly Chain[];
  /** Tuple node id → why it is hidden by default. */
  readonly facts: ReadonlyMap<number, 'edb' | 'clock'>;
  /** Folded firing → the firing of the same rule and head it is shown as. */
  readonly foldedInto: ReadonlyMap<number, number>;
}

export function simplifyLineage(record: LineageRecord, rules: readonly (Rule | null)[]): Simplification {
  return {
    chains: persistenceChains(record),
    facts: hiddenFacts(record),
    foldedInto: wildcardFolds(record, rules),
  };
}

const sameTuple = (a: TupleRecord, b: TupleRecord): boolean =>
  a.relation === b.relation &&
  a.values.length === b.values.length &&
  a.values.every((v, i) => v === b.values[i]);

/** For each tuple node held only by persistence, the same tuple one step earlier; else -1. */
function persistedFrom(record: LineageRecord): number[] {
  const goals = new Set(record.goals);
  return record.nodes.map((node, id) => {
    if (node.kind !== 'tuple' || goals.has(id) || node.derivations.length !== 1) return -1;
    const firing = record.nodes[node.derivations[0]!];
    if (firing?.kind !== 'derivation' || !firing.label.includes('@next')) return -1;
    const earlier = firing.children.find((c) => {
      const child = record.nodes[c];
      return child?.kind === 'tuple' && child.time === node.time - 1 && sameTuple(child, node);
    });
    return earlier ?? -1;
  });
}

function persistenceChains(record: LineageRecord): Chain[] {
  const from = persistedFrom(record);
  const inner = new Set(from.filter((c) => c >= 0 && from[c]! >= 0));
  const chains: Chain[] = [];
  from.forEach((earlier, top) => {
    // A chain starts at a persisted tuple that is not itself the earlier end of a longer link.
    if (earlier < 0 || inner.has(top)) return;
    const members: number[] = [];
    let at = top;
    while (from[at]! >= 0) {
      const node = record.nodes[at] as TupleRecord;
      members.push(at, node.derivations[0]!);
      at = from[at]!;
    }
    members.push(at);
    const head = record.nodes[top] as TupleRecord;
    const since = (record.nodes[at] as TupleRecord).time;
    chains.push({
      top,
      label: `${formatTuple(head.relation, head.values)} held since @${since}`,
      time: head.time,
      since,
      members,
    });
  });
  return chains;
}

/** Tuples nothing derives: the program's facts and the engine's clock (local hops are never cut). */
function hiddenFacts(record: LineageRecord): Map<number, 'edb' | 'clock'> {
  const goals = new Set(record.goals);
  const facts = new Map<number, 'edb' | 'clock'>();
  record.nodes.forEach((node, id) => {
    if (node.kind === 'tuple' && node.derivations.length === 0 && !goals.has(id))
      facts.set(id, node.relation === 'clock' ? 'clock' : 'edb');
  });
  return facts;
}

/**
 * Firings of one head by one rule whose children agree position by position, except tuples of one
 * relation that differ only in columns the rule reads as `_`: all but the first fold into the first.
 */
function wildcardFolds(record: LineageRecord, rules: readonly (Rule | null)[]): Map<number, number> {
  const folded = new Map<number, number>();
  for (const node of record.nodes) {
    if (node.kind !== 'tuple' || node.derivations.length < 2) continue;
    const kept: number[] = [];
    for (const d of node.derivations) {
      const into = kept.find((k) => differOnlyInWildcards(record, rules, k, d));
      if (into === undefined) kept.push(d);
      else if (!folded.has(d)) folded.set(d, into);
    }
  }
  return folded;
}

function differOnlyInWildcards(
  record: LineageRecord,
  rules: readonly (Rule | null)[],
  a: number,
  b: number,
): boolean {
  const x = record.nodes[a];
  const y = record.nodes[b];
  if (x?.kind !== 'derivation' || y?.kind !== 'derivation' || x.rule !== y.rule) return false;
  const rule = rules[x.rule];
  if (!rule || x.children.length !== y.children.length) return false;
  return x.children.every((c, i) => {
    const d = y.children[i]!;
    if (c === d) return true;
    const s = record.nodes[c];
    const t = record.nodes[d];
    if (s?.kind !== 'tuple' || t?.kind !== 'tuple' || s.relation !== t.relation) return false;
    const wild = wildcardColumns(rule, s.relation);
    return s.values.every((v, col) => v === t.values[col] || wild.has(col));
  });
}
