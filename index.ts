// ldfi as a library: everything a program needs to load a Dedalus protocol, check it, run it under
// given faults, search its fault space and render the report. Only re-exports; nothing here touches
// Node, so it runs in a browser or a Web Worker too (files and the report's disk writes: `ldfi/node`).
//
//   load → diagnostics      load(entries, memoryLoader(files)) or load(entries, fileLoader)
//   one run                 runOnce(loaded, failureSpec)
//   the search              await check(loaded, { nodes, eot, eff, maxCrashes, signal, onProgress })
//   the report              renderReportHtml(report, assets)   jsonSummary(report)   printSummary(report)

// Loading and checking a program.
export { load, memoryLoader, programSource, type LoadResult } from './runner/load.js';
export { locationWarnings, timeWarnings } from './runner/locations.js';
export type { SourceLoader } from './datalog/syntax/load.js';
// The path arithmetic load resolves includes with, for naming entries as it does (no `node:path`).
export { join as joinPath } from './datalog/syntax/load.js';
export {
  DIAGNOSTIC_CODES,
  DiagnosticError,
  formatDiagnostic,
  type Diagnostic,
  type DiagnosticCode,
  type Severity,
} from './datalog/syntax/diagnostics.js';
export type { Program, Span, Value } from './datalog/syntax/types.js';

// Running it.
export { check, runOnce, type CheckOptions, type Runnable } from './runner/check.js';
export {
  runSearch,
  type Progress,
  type SearchOptions,
  type SearchResult,
  type SearchStats,
} from './runner/search.js';
export type { Crash, FailureSpec, FaultSet, Omission } from './datalog/eval/types.js';
export type { JudgeName } from './runner/judge.js';
export type { Backend } from './solver/types.js';
export { loadLogicSolver } from './solver/sat-loader.js';

// What a search and a run produce.
export type {
  LineageRecord,
  LineageRecordNode,
  MessageRecord,
  ProgramSource,
  Proposal,
  RunRecord,
  SearchReport,
  Strategy,
  Verdict,
  WhyNotRecord,
  WhyRecordNode,
} from './runner/types.js';
export { describeFaults, faultWords, formatTuple } from './datalog/eval/faults.js';

// Reporting.
export { jsonSummary, printSummary, type JsonSummary } from './runner/summary.js';
export { fullWhyNot } from './runner/explain.js';
export { renderReportHtml, type ReportAssets } from './viz/html/render.js';
// Without Node (a browser bundling viz/client/*.js as text): ReportAssets.client is
// joinClientModules(CLIENT_MODULES.map(read)).
export { CLIENT_MODULES, joinClientModules } from './viz/html/client.js';
