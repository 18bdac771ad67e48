// Solver benchmark: lineage-shaped graphs (broadcasts with retries and relays, a 3PC-like chain),
// solved by each backend. `benchSolver()` returns a markdown table; `npm run bench` prints it.
import type { FaultSet } from '../datalog/eval/types.js';
import type { LineageGraph, LineageNode } from '../datalog/lineage/types.js';
import { minimalFaultSets, type FaultSpace, type SolveOptions } from '../solver/index.js';
import { loadLogicSolver } from '../solver/sat-loader.js';

/** Keyed tuples: only tuples that hold in the failure-free run get created, as a lineage does. */
class Lineage {
  private readonly nodes: LineageNode[] = [];
  private readonly derivationsOf = new Map<number, number[]>();
  private readonly ids = new Map<string, number>();

  fact(key: string): void {
    this.tupleId(key);
  }

  has(key: string): boolean {
    return this.ids.has(key);
  }

  /** head ← body tuples (those that exist) ∧ leaves; skipped when a body tuple does not exist. */
  derive(head: string, body: readonly string[], leaves: readonly LineageNode[] = []): void {
    if (!body.every((key) => this.ids.has(key))) return;
    const children = [...body.map((key) => this.ids.get(key)!), ...leaves.map((leaf) => this.leaf(leaf))];
    const id = this.nodes.length;
    this.nodes.push({ kind: 'derivation', derivation: id, rule: 0, children });
    this.derivationsOf.get(this.tupleId(head))!.push(id);
  }

  build(goals: readonly string[]): LineageGraph {
    const nodes = this.nodes.map((node, id) =>
      node.kind === 'tuple' ? { ...node, derivations: this.derivationsOf.get(id)! } : node,
    );
    return { nodes, goals: goals.filter((key) => this.ids.has(key)).map((key) => this.ids.get(key)!) };
  }

  private tupleId(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.nodes.length;
      this.ids.set(key, id);
      this.nodes.push({ kind: 'tuple', tuple: id, derivations: [] });
      this.derivationsOf.set(id, []);
    }
    return id;
  }

  private leaf(leaf: LineageNode): number {
    const key = JSON.stringify(leaf);
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    this.ids.set(key, this.nodes.length);
    this.nodes.push(leaf);
    return this.nodes.length - 1;
  }
}

const msg = (from: string, to: string, sendTime: number): LineageNode => ({
  kind: 'message',
  message: { from, to, sendTime },
});

/** Sender `a` retries every step; `relayEveryStep` also has every receiver forward every step. */
function delivery(nodes: readonly string[], eot: number, relayEveryStep: boolean): LineageGraph {
  const g = new Lineage();
  g.fact(`log(a)@1`);
  for (let t = 1; t < eot; t++) {
    for (const x of nodes) g.derive(`log(${x})@${t + 1}`, [`log(${x})@${t}`]);
    for (const from of relayEveryStep ? nodes : ['a']) {
      for (const to of nodes)
        if (to !== from) g.derive(`log(${to})@${t + 1}`, [`log(${from})@${t}`], [msg(from, to, t)]);
    }
  }
  return g.build(nodes.filter((x) => x !== 'a').map((x) => `log(${x})@${eot}`));
}

/** `a` broadcasts once at 1; each receiver relays once, the step after it first hears. */
function classicBroadcast(nodes: readonly string[], eot: number): LineageGraph {
  const g = new Lineage();
  g.fact(`log(a)@1`);
  for (const to of nodes) if (to !== 'a') g.derive(`log(${to})@2`, [`log(a)@1`], [msg('a', to, 1)]);
  for (const from of nodes.filter((x) => x !== 'a')) {
    for (const to of nodes)
      if (to !== from && to !== 'a') g.derive(`log(${to})@3`, [`log(${from})@2`], [msg(from, to, 2)]);
  }
  for (let t = 1; t < eot; t++) for (const x of nodes) g.derive(`log(${x})@${t + 1}`, [`log(${x})@${t}`]);
  return g.build(nodes.filter((x) => x !== 'a').map((x) => `log(${x})@${eot}`));
}

/**
 * Three-phase commit shape: the coordinator C retries prepare / precommit / commit every step until
 * the phase's answers are in, participants answer every step; a phase needs every participant's
 * answer (an AND over participants), and C's decisions rest on C not crashing.
 */
function threePhaseCommit(participants: readonly string[], eot: number): LineageGraph {
  const g = new Lineage();
  const phases = ['prepare', 'precommit', 'commit'];
  for (let t = 1; t <= eot; t++) g.fact(`phase(C,prepare)@${t}`);
  for (let t = 1; t < eot; t++) {
    phases.forEach((phase, i) => {
      for (const p of participants) {
        const got = `${phase}(${p})@${t + 1}`;
        g.derive(got, [`${phase}(${p})@${t}`]);
        g.derive(got, [`phase(C,${phase})@${t}`], [msg('C', p, t)]);
        const answer = `answer(C,${phase},${p})@${t + 1}`;
        g.derive(answer, [`answer(C,${phase},${p})@${t}`]);
        if (i < phases.length - 1) g.derive(answer, [`${phase}(${p})@${t}`], [msg(p, 'C', t)]);
      }
      const next = phases[i + 1];
      if (next === undefined) return;
      const answers = participants.map((p) => `answer(C,${phase},${p})@${t + 1}`);
      g.derive(`phase(C,${next})@${t + 1}`, [`phase(C,${next})@${t}`]);
      g.derive(`phase(C,${next})@${t + 1}`, answers, [{ kind: 'no-crash', node: 'C', time: null }]);
    });
  }
  return g.build(participants.map((p) => `commit(${p})@${eot}`));
}

interface Scenario {
  readonly name: string;
  readonly graph: LineageGraph;
  readonly space: FaultSpace;
  readonly limit?: number;
}

const none: FaultSet = { crashes: [], omissions: [] };
const abc = ['a', 'b', 'c'];

export function solverScenarios(): Scenario[] {
  return [
    { name: 'retry delivery, 3 nodes', graph: delivery(abc, 8, false), space: space(abc, 8, 7, 1) },
    {
      name: 'classic broadcast, 4 nodes',
      graph: classicBroadcast([...abc, 'd'], 5),
      space: space([...abc, 'd'], 5, 3, 1),
    },
    { name: 'redundant delivery, 3 nodes', graph: delivery(abc, 5, true), space: space(abc, 5, 4, 1) },
    {
      name: 'redundant delivery, 4 nodes',
      graph: delivery([...abc, 'd'], 4, true),
      space: space([...abc, 'd'], 4, 3, 1),
    },
    {
      name: '3PC-like, 3 participants, EOT 7',
      graph: threePhaseCommit(['p', 'q', 'r'], 7),
      space: space(['C', 'p', 'q', 'r'], 7, 5, 1),
    },
    {
      name: '3PC-like, 3 participants, EOT 9',
      graph: threePhaseCommit(['p', 'q', 'r'], 9),
      space: space(['C', 'p', 'q', 'r'], 9, 7, 1),
      limit: 200,
    },
  ];
}

function space(nodes: string[], eot: number, eff: number, maxCrashes: number): FaultSpace {
  return { nodes, eot, eff, maxCrashes };
}

/** Best wall time of a few runs after a warm-up, in ms (the machine may be busy); or what stopped it. */
function time(run: () => unknown, repeat = 5): number | string {
  let best = Infinity;
  for (let i = 0; i <= repeat; i++) {
    const start = performance.now();
    try {
      run();
    } catch (error) {
      return error instanceof Error ? error.message.slice(0, 40) : 'failed';
    }
    if (i > 0) best = Math.min(best, performance.now() - start);
  }
  return best;
}

const show = (ms: number | string): string => (typeof ms === 'number' ? ms.toFixed(1) : ms);

/**
 * One row per lineage: the default path (MMCS on support hyperedges, SAT on the circuit past the
 * support cap), then each backend on its own. "over cap": the supports blew up, MMCS cannot run.
 */
export async function benchSolver(): Promise<string> {
  // Loaded before the clock starts: its load time is not the SAT backend's solving time.
  await loadLogicSolver();
  const rows = [
    '| lineage | graph nodes | fault elements | hyperedges | fault sets | default ms | mmcs ms | sat ms | sat on circuit ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const s of solverScenarios()) {
    const solve = (options: SolveOptions) => () =>
      minimalFaultSets(s.graph, s.space, none, { ...options, ...(s.limit ? { limit: s.limit } : {}) });
    const result = solve({})();
    const overCap = result.stats.circuitGoals > 0;
    const cells = [
      s.name + (s.limit ? ` (first ${s.limit})` : ''),
      s.graph.nodes.length,
      result.stats.elements,
      overCap ? 'over cap' : result.stats.hyperedges,
      result.sets.length,
      show(time(solve({}))),
      overCap ? '–' : show(time(solve({ backend: 'mmcs' }))),
      overCap ? '–' : show(time(solve({ backend: 'sat' }))),
      show(time(solve({ backend: 'sat', supportCap: 0 }))),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}
