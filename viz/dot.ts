// Graphviz renderings of the two graphs, for `--dot`: the same view models as the page, as text.
import type { ReportView } from './model/report.js';
import type { LineageView, SpacetimeView } from './model/types.js';

/** A DOT string literal: quotes and backslashes escaped, newlines as \n. */
export function dotString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** Lanes as columns of points (one rank per time step), messages as edges; lost ones dashed red. */
export function spacetimeDot(view: SpacetimeView, title: string): string {
  const lines = [
    'digraph spacetime {',
    `  label=${dotString(title)};`,
    '  labelloc=t;',
    '  node [shape=point, width=0.1];',
    '  newrank=true;',
  ];
  for (const head of view.heads)
    lines.push(
      `  ${dotString(head.id)} [shape=box, style=filled, fillcolor="#1d2433", fontcolor=white, label=${dotString(head.node)}];`,
    );
  for (const e of view.events) {
    const crash = e.crashesHere
      ? `, shape=star, width=0.25, color="#c62828", xlabel=${dotString(`crashed@${e.time}${e.crashMatters ? ', a fault that matters' : ''}`)}${e.crashMatters ? ', penwidth=3' : ''}`
      : '';
    lines.push(`  ${dotString(e.id)} [tooltip=${dotString(`${e.node} @${e.time}`)}${crash}];`);
  }
  for (const node of view.nodes) {
    const first = view.events.find((e) => e.node === node && e.time === 1);
    if (first)
      lines.push(
        `  ${dotString(`h:${node}`)} -> ${dotString(first.id)} [arrowhead=none, color="#c5ccd8", weight=100];`,
      );
  }
  for (const lane of view.lanes) {
    const style = lane.crashed ? ', style=dashed' : '';
    lines.push(
      `  ${dotString(lane.source)} -> ${dotString(lane.target)} [arrowhead=none, color="#c5ccd8", penwidth=2, weight=100${style}];`,
    );
  }
  for (let time = 1; time <= view.lastTime; time++) {
    const row = view.events.filter((e) => e.time === time).map((e) => dotString(e.id));
    lines.push(`  { rank=same; ${row.join('; ')}; }`);
  }
  for (const a of view.arrows) {
    // A fault the why-not explanation names is drawn thicker and says so, as in the page.
    const lost =
      a.lostBy === null
        ? ''
        : `, style=dashed, color="#c62828", fontcolor="#c62828", arrowhead=tee${a.matters ? ', penwidth=3' : ''}`;
    const fate = a.matters ? `lost: ${a.lostBy}, a fault that matters` : `lost: ${a.lostBy}`;
    const label = a.lostBy === null ? a.label : `${a.label} (${fate})`;
    lines.push(
      `  ${dotString(a.source)} -> ${dotString(a.target)} [label=${dotString(label)}, constraint=false${lost}];`,
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

const LINEAGE_SHAPES = {
  tuple: 'box, style="rounded,filled", fillcolor="#dbe7fb"',
  derivation: 'ellipse, fontsize=10',
  message: 'box, style=filled, fillcolor="#ffe7bf"',
  'no-crash': 'octagon',
} as const;

/** `notin` edges dashed, labelled: the firing needed these absent, it did not use them. */
const NOTIN_EDGE = 'style=dashed, label="notin", fontsize=9';

/** The AND/OR graph top-down, goals bold; nodes in `cut` (if given) red. */
export function lineageDot(view: LineageView, title: string, cut: readonly number[] = []): string {
  const cutSet = new Set(cut);
  const lines = ['digraph lineage {', `  label=${dotString(title)};`, '  labelloc=t;', '  rankdir=TB;'];
  // The whole graph: the page's folded persistence chains are a view of it, not part of it.
  for (const node of view.nodes) {
    if (node.kind === 'chain') continue;
    const goal = node.kind === 'tuple' && node.goal ? ', penwidth=3' : '';
    const red = cutSet.has(node.id) ? ', color="#d84315", fontcolor="#7a2300"' : '';
    lines.push(
      `  n${node.id} [shape=${LINEAGE_SHAPES[node.kind]}, label=${dotString(node.label)}${goal}${red}];`,
    );
  }
  for (const edge of view.edges) {
    const attributes = [
      ...(cutSet.has(edge.source) && cutSet.has(edge.target) ? ['color="#d84315"'] : []),
      ...(edge.notin ? [NOTIN_EDGE] : []),
    ];
    lines.push(
      `  n${edge.source} -> n${edge.target}${attributes.length > 0 ? ` [${attributes.join(', ')}]` : ''};`,
    );
  }
  lines.push('}', '');
  return lines.join('\n');
}

/** Every .dot file of a report: per run its spacetime and lineage; per failing run the lineage difference. */
export function reportDotFiles(view: ReportView): { name: string; text: string }[] {
  const byIteration = new Map(view.runs.map((run) => [run.iteration, run]));
  return view.runs.flatMap((run) => {
    const files = [
      { name: `run-${run.iteration}-spacetime.dot`, text: spacetimeDot(run.spacetime, run.title) },
      { name: `run-${run.iteration}-lineage.dot`, text: lineageDot(run.lineage, run.title) },
    ];
    const good = run.diff ? byIteration.get(run.diff.good) : undefined;
    if (run.diff && good) {
      const title = `run ${run.diff.good}'s lineage, cut by run ${run.diff.bad}'s faults: ${run.diff.faults.join(', ')}`;
      files.push({
        name: `run-${run.iteration}-diff.dot`,
        text: lineageDot(good.lineage, title, run.diff.cut),
      });
    }
    return files;
  });
}
