// ldfi's Node helpers (`import … from 'ldfi/node'`): files from disk, and the report written to a
// directory with its scripts read from node_modules. Everything else is in the main entry point.
export { fileLoader } from './runner/cli/files.js';
export { loadReportAssets, writeReport, type WriteReportOptions } from './viz/node/write-report.js';
