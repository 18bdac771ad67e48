// The report stage: view models (pure), the HTML page and .dot renderings (pure strings).
// The Node writer is viz/node/write-report.ts, kept out of here so the rest runs in a browser.
export type * from './model/types.js';
export { runsTable } from './model/runs-table.js';
export { spacetimeModel } from './model/spacetime.js';
export { lineageModel, lineageCut, type LineageViewOptions } from './model/lineage.js';
export { simplifyLineage, type Chain, type Simplification } from './model/lineage-simplify.js';
export { lineageOverview, type LineageOverview } from './model/lineage-overview.js';
export { firingBindings } from './model/bindings.js';
export { toLineageGraph, cutNodes, type HoldsUnder } from './model/lineage-graph.js';
export { lineageDiff } from './model/lineage-diff.js';
export { relationTables } from './model/relations.js';
export { reportView, runTitle, type ReportView, type ReportViewOptions } from './model/report.js';
export {
  describeCrash,
  describeOmission,
  faultWords,
  describeViolation,
  formatTuple,
} from './model/words.js';
export { renderReportHtml, runScriptId, type ReportAssets } from './html/render.js';
export { escapeHtml, jsonForScript } from './html/escape.js';
export { joinClientModules } from './html/client.js';
export { spacetimeDot, lineageDot, reportDotFiles, dotString } from './dot.js';
