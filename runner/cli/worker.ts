// A worker thread of the pool (pool.ts): runs the hypotheses it is sent with its own compiled copy
// of the program, and posts back each outcome as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import type { Program } from '../../datalog/syntax/types.js';
import { BudgetExceeded } from '../../datalog/eval/budget.js';
import type { FaultSet } from '../../datalog/eval/types.js';
import { Executor, type ExecutionSettings } from '../execute.js';
import { explorationKey, symmetryClasses } from '../strategies.js';
import { toWire } from './pool.js';
import { loadLogicSolverOnDemand } from './sat-loader.js';

// A thread is a fresh module graph: the SAT backend is registered here too.
loadLogicSolverOnDemand();
const { program, settings } = workerData as { program: Program; settings: ExecutionSettings };
const executor = new Executor(program, settings);
const keyOf = explorationKey(symmetryClasses(program, settings.space.nodes, settings.symmetry));
/** What the search had queued or learnt from when it sent the latest job: a subset of what it will have. */
const seen = new Set<string>();

parentPort!.on('message', (m: { id: number; faults: FaultSet; wantRecord: boolean; seen: string[] }) => {
  for (const key of m.seen) seen.add(key);
  try {
    const wire = toWire(executor.run(m.faults, m.wantRecord), (f) => seen.has(keyOf(f)));
    parentPort!.postMessage({ id: m.id, outcome: wire });
  } catch (e) {
    // Over its budget: the search runs it itself, to stop where the sequential search would.
    if (e instanceof BudgetExceeded) parentPort!.postMessage({ id: m.id, local: true });
    else
      parentPort!.postMessage({ id: m.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
