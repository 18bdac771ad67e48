// logic-solver (MiniSat compiled to JavaScript) costs a large share of a second to load, and the
// default MMCS backend never calls it, so it is loaded on first need rather than at start-up.
// The synchronous solver cannot await an import: either the module was loaded beforehand
// (`loadLogicSolver`, which the async `check` does), or a Node shell registered a synchronous
// loader (`setLogicSolverLoader`, a `require` in runner/cli/ and ldfi/node).

/**
 * The logic-solver module, opaque here (sat-adapter.ts knows its type) so that the published
 * declarations, which include this file, need no types for logic-solver.
 */
export type LogicSolver = object;

let loaded: LogicSolver | null = null;
let loadSync: (() => LogicSolver) | null = null;

/** Make logic-solver loadable synchronously on first use (Node: `createRequire(…)('logic-solver')`). */
export function setLogicSolverLoader(load: () => LogicSolver): void {
  loadSync = load;
}

/**
 * Load logic-solver, the SAT backend, ahead of a synchronous search that may need it (`backend:
 * 'sat'`, or a lineage whose supports exceed the cap). `check` calls it for you; so does the CLI.
 */
export async function loadLogicSolver(): Promise<void> {
  if (loaded) return;
  const module: { default?: LogicSolver } = await import('logic-solver');
  loaded = module.default ?? module;
}

/** Whether the SAT backend can run now without loading anything asynchronously. */
export function logicSolverReady(): boolean {
  return loaded !== null || loadSync !== null;
}

/** The loaded module; throws when it was neither loaded nor made loadable. */
export function logicSolver(): LogicSolver {
  loaded ??= loadSync?.() ?? null;
  if (!loaded)
    throw new Error(
      'the SAT backend (logic-solver) is not loaded: `await loadLogicSolver()` before a synchronous search',
    );
  return loaded;
}
