// The lineage graph of one run as the report draws it: labelled nodes, AND/OR edges, and for each
// fault set the run proposed, the nodes it cuts (so the reader sees why those faults were tried).
import type { FaultSet } from '../../datalog/types.js';
import type { LineageRecord, LineageRecordNode, ProgramSource, RunRecord } from '../../runner/types.js';
import { holdsUnder as solverHoldsUnder } from '../../solver/index.js';
import { cutNodes, toLineageGraph, type HoldsUnder } from './lineage-graph.js';
import { layeredPositions } from './lineage-layout.js';
import type { LineageView, LineageViewNode, Point, ProposalView } from './types.js';
import { faultWords } from './words.js';

/** How the report lays out a lineage graph (not how it is built: datalog/lineage.ts LineageOptions). */
export interface LineageViewOptions {
  /** The evaluation of a lineage graph under faults; the solver's by default. */
  readonly holdsUnder?: HoldsUnder;
  /** Above this many nodes the page would stall in dagre: lay out here, time as rank. Default 300. */
  readonly maxDagreNodes?: number;
}

export const DEFAULT_MAX_DAGRE_NODES = 300;

export function lineageModel(
  run: RunRecord,
  program: ProgramSource,
  options: LineageViewOptions = {},
): LineageView {
  const record = run.lineage;
  const times = nodeTimes(record);
  const preset = record.nodes.length > (options.maxDagreNodes ?? DEFAULT_MAX_DAGRE_NODES);
  const positions = preset ? layeredPositions(record, times) : null;
  const goals = new Set(record.goals);
  const nodes = record.nodes.map((node, id) =>
    viewNode(node, id, {
      time: times[id] ?? null,
      position: positions?.[id] ?? null,
      goal: goals.has(id),
      program,
    }),
  );
  const graph = toLineageGraph(record);
  const proposals = run.proposals.map((p): ProposalView => ({
    faults: faultWords(p.faults),
    run: p.run,
    cut: cutNodes(graph, p.faults, options.holdsUnder ?? solverHoldsUnder),
  }));
  return {
    layout: preset ? 'preset' : 'dagre',
    goals: record.goals,
    nodes,
    edges: lineageEdges(record),
    proposals,
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
  readonly time: number | null;
  readonly position: Point | null;
  readonly goal: boolean;
  readonly program: ProgramSource;
}

function viewNode(node: LineageRecordNode, id: number, ctx: NodeContext): LineageViewNode {
  const base = { id, label: node.label, time: ctx.time, position: ctx.position };
  switch (node.kind) {
    case 'tuple':
      return { ...base, kind: 'tuple', goal: ctx.goal };
    case 'derivation':
      return { ...base, kind: 'derivation', rule: ctx.program.rules[node.rule] ? node.rule : null };
    case 'message':
      return { ...base, kind: 'message', from: node.from, to: node.to };
    case 'no-crash':
      return { ...base, kind: 'no-crash', node: node.node };
  }
}

/** Tuple → each derivation, derivation → each child, in node order. */
function lineageEdges(record: LineageRecord): { source: number; target: number }[] {
  const edges: { source: number; target: number }[] = [];
  record.nodes.forEach((node, source) => {
    const targets =
      node.kind === 'tuple' ? node.derivations : node.kind === 'derivation' ? node.children : [];
    for (const target of targets) edges.push({ source, target });
  });
  return edges;
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
