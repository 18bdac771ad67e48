// ldfi's Node helpers (`import … from 'ldfi/node'`): files from disk, and the report written to a
// directory with its scripts read from node_modules. Everything else is in the main entry point.
import { loadLogicSolverOnDemand } from './runner/cli/sat-loader.js';

// Importing ldfi/node makes the synchronous SAT backend load itself on first use.
loadLogicSolverOnDemand();

export { fileLoader } from './runner/cli/files.js';
export { loadReportAssets, writeReport, type WriteReportOptions } from './viz/node/write-report.js';
