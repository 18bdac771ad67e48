// The lineage graph of one run as the report draws it: labelled nodes, AND/OR edges (those a `notin`
// rests on marked), what the page folds or hides by default, the overview it opens on, and for each
// fault set the run proposed, the nodes it cuts (so the reader sees why those faults were tried).
import type { FaultSet } from '../../datalog/eval/types.js';
import { inputsOf } from '../../datalog/lineage/types.js';
import type { LineageRecord, LineageRecordNode, ProgramSource, RunRecord } from '../../runner/types.js';
import { holdsUnder as solverHoldsUnder } from '../../solver/index.js';
import { firingBindings, programRules, type GroundTuple } from './bindings.js';
import { cutNodes, toLineageGraph, type HoldsUnder } from './lineage-graph.js';
import { lineageOverview } from './lineage-overview.js';
import { simplifyLineage, type Simplification } from './lineage-simplify.js';
import type { LineageView, LineageViewEdge, LineageViewNode, ProposalView } from './types.js';
import { faultWords } from './words.js';

/** How the report lays out a lineage graph (not how it is built: datalog/lineage/lineage.ts LineageOptions). */
export interface LineageViewOptions {
  /** The evaluation of a lineage graph under faults; the solver's by default. */
  readonly holdsUnder?: HoldsUnder;
}

export function lineageModel(
  run: RunRecord,
  program: ProgramSource,
  options: LineageViewOptions = {},
): LineageView {
  const record = run.lineage;
  const times = nodeTimes(record);
  const parents = parentsOf(record);
  const rules = programRules(program);
  const simple = simplifyLineage(record, rules);
  const context: NodeContext = { record, parents, program, simple, goals: new Set(record.goals) };
  const nodes = record.nodes.map((node, id) => viewNode(node, id, times[id] ?? null, context));
  simple.chains.forEach((chain, i) =>
    nodes.push({
      kind: 'chain',
      id: record.nodes.length + i,
      label: chain.label,
      time: chain.time,
      since: chain.since,
      members: chain.members,
    }),
  );
  const graph = toLineageGraph(record);
  const proposals = run.proposals.map((p): ProposalView => ({
    faults: faultWords(p.faults),
    run: p.run,
    cut: cutNodes(graph, p.faults, options.holdsUnder ?? solverHoldsUnder),
  }));
  return {
    goals: record.goals,
    nodes,
    edges: lineageEdges(record),
    proposals,
    overview: lineageOverview(record),
  };
}

/** What the faults of `faults` cut from `run`'s lineage: shorthand for one proposal. */
export function lineageCut(
  run: RunRecord,
  faults: FaultSet,
  holdsUnder: HoldsUnder = solverHoldsUnder,
): number[] {
  return cutNodes(toLineageGraph(run.lineage), faults, holdsUnder);
}

interface NodeContext {
  readonly record: LineageRecord;
  readonly parents: readonly (readonly number[])[];
  readonly program: ProgramSource;
  readonly simple: Simplification;
  readonly goals: ReadonlySet<number>;
}

function viewNode(
  node: LineageRecordNode,
  id: number,
  time: number | null,
  ctx: NodeContext,
): LineageViewNode {
  const base = { id, label: node.label, time };
  switch (node.kind) {
    case 'tuple': {
      const fact = ctx.simple.facts.get(id);
      return { ...base, kind: 'tuple', goal: ctx.goals.has(id), ...(fact ? { fact } : {}) };
    }
    case 'derivation': {
      const rule = ctx.program.rules[node.rule] ? node.rule : null;
      const into = ctx.simple.foldedInto.get(id);
      let alternatives = 0;
      for (const target of ctx.simple.foldedInto.values()) if (target === id) alternatives++;
      const bindings = bindingsOf(node, id, ctx);
      return {
        ...base,
        kind: 'derivation',
        rule,
        ...(bindings ? { bindings } : {}),
        ...(into !== undefined ? { foldedInto: into } : {}),
        ...(alternatives > 0 ? { alternatives } : {}),
      };
    }
    case 'message':
      return { ...base, label: messageLabel(node, id, ctx), kind: 'message', from: node.from, to: node.to };
    case 'no-crash':
      return { ...base, kind: 'no-crash', node: node.node };
  }
}

function bindingsOf(
  node: Extract<LineageRecordNode, { kind: 'derivation' }>,
  id: number,
  ctx: NodeContext,
): string {
  const rule = programRules(ctx.program)[node.rule];
  if (!rule) return '';
  const ground = (n: number): GroundTuple | null => {
    const t = ctx.record.nodes[n];
    return t?.kind === 'tuple' ? { relation: t.relation, values: t.values.map(String) } : null;
  };
  const head = ctx.parents[id]!.map(ground).find((t) => t !== null) ?? null;
  const notin = new Set(node.notin ?? []);
  const used = node.children.filter((c) => !notin.has(c)).flatMap((c) => ground(c) ?? []);
  return firingBindings(rule, head, used);
}

/** `prepare a→c @1`: what the message carried (the relations its firings derived), then the hop. */
function messageLabel(
  node: Extract<LineageRecordNode, { kind: 'message' }>,
  id: number,
  ctx: NodeContext,
): string {
  const relations = new Set<string>();
  for (const firing of ctx.parents[id]!)
    for (const head of ctx.parents[firing]!) {
      const tuple = ctx.record.nodes[head];
      if (tuple?.kind === 'tuple') relations.add(tuple.relation);
    }
  const carried = [...relations].sort().join(', ');
  return carried ? `${carried} ${node.label}` : node.label;
}

/** Tuple → each derivation, derivation → each child (marked when a `notin` rests on it), in node order. */
function lineageEdges(record: LineageRecord): LineageViewEdge[] {
  const edges: LineageViewEdge[] = [];
  record.nodes.forEach((node, source) => {
    if (node.kind === 'tuple') for (const target of node.derivations) edges.push({ source, target });
    if (node.kind !== 'derivation') return;
    const notin = new Set(node.notin ?? []);
    for (const target of node.children)
      edges.push(notin.has(target) ? { source, target, notin: true } : { source, target });
  });
  return edges;
}

function parentsOf(record: LineageRecord): number[][] {
  const parents: number[][] = record.nodes.map(() => []);
  record.nodes.forEach((node, source) => {
    const below = inputsOf(node);
    for (const target of below) parents[target]!.push(source);
  });
  return parents;
}

/** A derivation takes its head's time (the first tuple listing it); leaves carry their own. */
function nodeTimes(record: LineageRecord): (number | null)[] {
  const times: (number | null)[] = record.nodes.map((node) =>
    node.kind === 'tuple' || node.kind === 'no-crash'
      ? node.time
      : node.kind === 'message'
        ? node.sendTime
        : null,
  );
  record.nodes.forEach((node) => {
    if (node.kind !== 'tuple') return;
    for (const d of node.derivations) times[d] ??= node.time;
  });
  return times;
}
