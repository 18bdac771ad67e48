// Under Node, logic-solver (CommonJS) can be required synchronously the moment the SAT backend first
// needs it, so neither the CLI nor `ldfi/node` users pay for loading it up front.
import { createRequire } from 'node:module';
import { setLogicSolverLoader, type LogicSolver } from '../../solver/sat-loader.js';

/** Register the synchronous loader (idempotent). */
export function loadLogicSolverOnDemand(): void {
  setLogicSolverLoader(() => createRequire(import.meta.url)('logic-solver') as LogicSolver);
}
