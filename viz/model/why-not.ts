// Why a failing run's `post` tuples are missing (runner/explain.ts's records) as a lineage-shaped
// graph, so the report draws it with the lineage renderer: missing and appeared tuples as tuples
// (the missing `post`s as goals), firings that no longer fire as rule firings, and the faults as
// the leaves (lost messages, crashes), which the page marks.
import type { RunRecord, WhyRecordNode } from '../../runner/types.js';
import type { LineageViewNode, WhyNotView } from './types.js';
import { formatTuple, faultWords } from './words.js';

/** Every violation's graph in one view (node ids offset per violation); null for a run without. */
export function whyNotModel(run: RunRecord): WhyNotView | null {
  if (run.why.length === 0) return null;
  const nodes: LineageViewNode[] = [];
  const edges: { source: number; target: number }[] = [];
  const goals: number[] = [];
  const leaves: number[] = [];
  for (const why of run.why) {
    const offset = nodes.length;
    goals.push(offset + why.root);
    why.nodes.forEach((node, i) => {
      const id = offset + i;
      nodes.push(viewNode(node, id, i === why.root));
      if (node.fault !== undefined) leaves.push(id);
      for (const c of node.children) edges.push({ source: id, target: offset + c });
    });
  }
  const { eot } = run.failureSpec;
  return {
    graph: { goals, nodes, edges, proposals: [] },
    leaves,
    violations: run.why.map((w) => `${formatTuple('post', w.violation)}@${eot} missing`),
    faults: [...new Set(run.why.flatMap((w) => faultWords(w.faults)))],
  };
}

function viewNode(node: WhyRecordNode, id: number, root: boolean): LineageViewNode {
  const base = { id, label: node.label, time: labelTime(node.label) };
  switch (node.kind) {
    case 'absent':
    case 'appeared':
      return { ...base, kind: 'tuple', goal: root };
    case 'failed':
      return { ...base, kind: 'derivation', rule: node.rule ?? null };
    case 'lost': {
      const [from = '', to = ''] = /^(.+?)→(.+?)@/.exec(node.label)?.slice(1) ?? [];
      return { ...base, kind: 'message', from, to };
    }
    case 'crashed':
      return { ...base, kind: 'no-crash', node: node.label.replace(/ crashed@\d+$/, '') };
  }
}

/** The first `@t` of a label: the step the node is about. */
function labelTime(label: string): number | null {
  const m = /@(\d+)/.exec(label);
  return m ? Number(m[1]) : null;
}
