// The SAT backend: the only file that talks to logic-solver (MiniSat compiled to JavaScript).
//
// Variables: one per fault element (`e<id>`), one per goal (`p<goal>`: "this goal is prevented"), one
// per circuit gate that a circuit goal needs (`h<gate>`: "this gate holds"), and counter registers.
// Clauses (every one a plain disjunction; no CNF by distribution anywhere):
//   p_g → X hits hyperedge E          ¬p_g ∨ ⋁ e∈E                  (goals solved from supports)
//   p_g → ¬h_g                        ¬p_g ∨ ¬h_g                    (goals solved from the circuit)
//   and-gate: inputs hold → it holds  ⋁ ¬h_in ∨ h_g
//   or-gate:  an input holds → it holds  ¬h_in ∨ h_g
//   leaf: no cutter chosen → it holds  h_g ∨ ⋁ e∈cutBy
//   some goal is prevented            ⋁ p_g
//   one crash per node, at most `crashBudget` crashed nodes, at most k elements (sequential counters);
//   a node the forced faults crash already (its elements move that crash, `movesCrash`) still gets one
//   crash at most, but is not counted against the budget, exactly as in MMCS (mmcs.ts).
// Gates are only forced *up* by their inputs, so every model's gates include the least fixpoint, and
// the least fixpoint itself is a model: ¬h_g is satisfiable iff g fails in the least fixpoint (cycles
// that hold themselves up are thus ruled out without any unrolling).
import type Logic from 'logic-solver';
import type { MinimalSolutions } from './backend.js';
import { logicSolver } from './sat-loader.js';

/** logic-solver, loaded on first use (sat-loader.ts). */
const logic = (): typeof Logic => logicSolver() as typeof Logic;
import type { Gate, LineageFormula } from './types.js';

/**
 * Expects a formula from `encodeLineage`.
 * Guarantees: the minimal element sets (ascending ids) that prevent at least one goal within the crash
 * bound, smallest first, each once; stops after the first size level that reaches `limit`.
 * Enumeration: for k = 0, 1, …, find a solution with at most k elements, block its supersets, repeat;
 * when none is left at k, go to k+1. Every smaller minimal solution is blocked by then, so a solution
 * found at level k has exactly k elements and is minimal: no separate minimisation step is needed.
 * Throws if MiniSat's fixed 64 MB heap fills up.
 */
export function satMinimalSolutions(formula: LineageFormula, limit: number): MinimalSolutions {
  try {
    return logic().disablingAssertions(() => enumerate(formula, limit));
  } catch (error) {
    // Emscripten signals an abort (heap exhausted) by throwing a string.
    if (typeof error === 'string')
      throw new Error(`SAT solver aborted: ${error.split('\n')[0]}`, { cause: error });
    throw error;
  }
}

/** `Logic.or` of the loaded module. */
function or(...operands: (Logic.Formula | Logic.Term)[]): Logic.Formula | Logic.Term {
  return logic().or(...operands);
}

function enumerate(formula: LineageFormula, limit: number): MinimalSolutions {
  const solver = new (logic().Solver)();
  const element = (id: number): number => solver.getVarNum(`e${id}`);
  const elements = formula.elements.map((_, id) => element(id));
  requireGoals(solver, formula, element);
  requireCrashBound(solver, formula, elements);
  const size = new SequentialCounter(solver, elements, 'k');
  const sets: number[][] = [];
  let steps = 0;
  for (let k = 0; ;) {
    const atMostK = size.atMost(k);
    const solution = atMostK === null ? solver.solve() : solver.solveAssuming(atMostK);
    steps++;
    if (solution !== null) {
      const set = elements.flatMap((v, id) => (solution.evaluate(v) ? [id] : []));
      sets.push(set);
      solver.require(or(...set.map((id) => -elements[id]!)));
      continue;
    }
    if (atMostK === null) return { sets, steps, complete: true };
    if (sets.length >= limit) return { sets, steps, complete: false };
    steps++;
    if (solver.solve() === null) return { sets, steps, complete: true };
    k++;
  }
}

function requireGoals(solver: Logic.Solver, formula: LineageFormula, element: (id: number) => number): void {
  const hold = circuitHolds(solver, formula.circuit);
  const prevented = formula.goals.map((goal, i) => {
    const p = solver.getVarNum(`p${i}`);
    if (goal.hyperedges === null) solver.require(or(-p, -hold(goal.goal)));
    else for (const edge of goal.hyperedges) solver.require(or(-p, ...edge.map(element)));
    return p;
  });
  solver.require(or(...prevented));
}

/** `h<gate>` variables, with the gate's clauses added the first time a gate is asked for. */
function circuitHolds(solver: Logic.Solver, circuit: readonly Gate[]): (gate: number) => number {
  const encoded = new Set<number>();
  const hold = (gate: number): number => solver.getVarNum(`h${gate}`);
  return (root) => {
    const pending = [root];
    while (pending.length > 0) {
      const id = pending.pop()!;
      if (encoded.has(id)) continue;
      encoded.add(id);
      const gate = circuit[id]!;
      if (gate.kind === 'leaf')
        solver.require(or(hold(id), ...gate.cutBy.map((e) => solver.getVarNum(`e${e}`))));
      else if (gate.kind === 'and') solver.require(or(hold(id), ...gate.inputs.map((input) => -hold(input))));
      else for (const input of gate.inputs) solver.require(or(-hold(input), hold(id)));
      // A loop, not push(...inputs): an OR of 200,000 derivations would overflow the stack.
      if (gate.kind !== 'leaf') for (const input of gate.inputs) pending.push(input);
    }
    return hold(root);
  };
}

/**
 * At most one crash per node; at most `crashBudget` nodes with a crash (`c<node>`: node crashes), not
 * counting nodes whose elements move a forced crash.
 */
function requireCrashBound(solver: Logic.Solver, formula: LineageFormula, elements: readonly number[]): void {
  const byNode = new Map<number, number[]>();
  formula.crashNode.forEach((node, id) => {
    if (node >= 0) byNode.set(node, [...(byNode.get(node) ?? []), elements[id]!]);
  });
  const movedNodes = new Set(formula.crashNode.filter((_, id) => formula.movesCrash[id]));
  const crashed: number[] = [];
  for (const [node, crashes] of [...byNode].sort(([a], [b]) => a - b)) {
    const c = solver.getVarNum(`c${node}`);
    if (!movedNodes.has(node)) crashed.push(c);
    crashes.forEach((x, i) => {
      solver.require(or(-x, c));
      for (const y of crashes.slice(i + 1)) solver.require(or(-x, -y));
    });
  }
  const atMost = new SequentialCounter(solver, crashed, 'b').atMost(formula.crashBudget);
  if (atMost !== null) solver.require(atMost);
}

/**
 * Sinz's sequential counter, one direction only: register r(j, i) is forced true when at least j of
 * inputs 0…i are true. So ¬r(k+1, last) says "at most k inputs are true". Columns are added as larger
 * k are asked for, so the same solver serves every size level.
 */
class SequentialCounter {
  private readonly columns: number[][] = [];

  constructor(
    private readonly solver: Logic.Solver,
    private readonly inputs: readonly number[],
    private readonly prefix: string,
  ) {}

  /** A literal meaning "at most k inputs are true", or null when that always holds. */
  atMost(k: number): number | null {
    if (k >= this.inputs.length) return null;
    while (this.columns.length <= k) this.addColumn();
    return -this.columns[k]![this.inputs.length - 1]!;
  }

  private addColumn(): void {
    const j = this.columns.length;
    const previous = this.columns[j - 1];
    const column = this.inputs.map((_, i) => this.solver.getVarNum(`${this.prefix}${j}_${i}`));
    this.inputs.forEach((x, i) => {
      if (i > 0) this.solver.require(or(-column[i - 1]!, column[i]!));
      if (previous === undefined) this.solver.require(or(-x, column[i]!));
      else if (i > 0) this.solver.require(or(-x, -previous[i - 1]!, column[i]!));
    });
    this.columns.push(column);
  }
}
