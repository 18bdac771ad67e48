// How much the report's simplification takes off each example's failure-free lineage: nodes and
// edges of the whole graph, of what "Every step" draws by default (persistence folded, facts and
// clocks hidden, wildcard firings merged), and of the overview the page opens on.
import { readFileSync } from 'node:fs';
import { parseCases } from '../examples/cases.js';
import { exampleReport } from './example-report.js';
import { visibleLineage } from '../viz/client/lineage-view.js';
import { lineageModel } from '../viz/model/lineage.js';

export function benchLineageSizes(): string {
  const lines = [
    '| example | EOT | whole graph nodes / edges | every step, simplified | overview |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const c of parseCases(readFileSync('examples/cases.json', 'utf8'))) {
    const report = exampleReport(c.name, 1);
    const run = report.runs[0]!;
    const view = lineageModel(run, report.program);
    const shown = (mode: 'overview' | 'detail') => {
      const g = visibleLineage(view, { mode, focus: null, showFacts: false, expanded: new Set() });
      return `${g.nodes.length} / ${g.edges.length}`;
    };
    lines.push(
      `| ${c.name} | ${c.eot} | ${run.lineage.nodes.length} / ${view.edges.length} | ${shown('detail')} | ${shown('overview')} |`,
    );
  }
  return lines.join('\n');
}
