import { describe, expect, test } from 'vitest';
import { holdsUnder } from '../solver/index.js';
import {
  lineageDiff,
  lineageModel,
  relationTables,
  reportView,
  runsTable,
  spacetimeModel,
  toLineageGraph,
  cutNodes,
} from '../viz/index.js';
import { labelWidth, layeredLayout, visibleLineage } from '../viz/client/lineage-view.js';
import { deliveryReport } from './fixtures/viz/delivery.js';
import { naiveHoldsUnder } from './fixtures/viz/naive-holds.js';
import { labelBox } from '../viz/model/spacetime-labels.js';

const report = deliveryReport();
const state = (mode: 'overview' | 'detail', extra: object = {}) => ({
  mode,
  focus: null,
  showFacts: false,
  expanded: new Set<number>(),
  ...extra,
});
const [run0, run1, run2] = report.runs as [
  (typeof report.runs)[0],
  (typeof report.runs)[0],
  (typeof report.runs)[0],
];

describe('reportView', () => {
  test('the headline counts the fault sets explored without running, known and proven', () => {
    const tolerant = { ...report, verdict: 'tolerant' as const, counterexample: null, vacuity: null };
    expect(reportView({ ...tolerant, executions: 5816, skipped: 10626, pruned: 1680 }).summary.headline).toBe(
      'Tolerant within the bounds: no injected fault violated the specification (5,816 executions; ' +
        '10,626 more known without running; 1,680 more proven good without running)',
    );
    expect(reportView({ ...tolerant, executions: 1, skipped: 0 }).summary.headline).toMatch(
      /\(1 execution\)$/,
    );
  });
});

describe('runsTable', () => {
  test('one row per run, the counterexample first, faults and violations in words', () => {
    const rows = runsTable(report);
    expect(rows.map((r) => r.iteration)).toEqual([2, 0, 1]);
    expect(rows[0]).toEqual({
      iteration: 2,
      status: 'failure',
      counterexample: true,
      crashes: ['a crashed@2'],
      omissions: ['a→b@1 lost'],
      violations: ['post("b", "hi") missing'],
      parent: 0,
      story: [
        "Run 2 runs with a crashed@2, a→b@1 lost, proposed by run 0's lineage.",
        'The spec is violated: pre("b", "hi")@3 holds, but post("b", "hi")@3 does not.',
      ],
      kept: true,
    });
    expect(rows.filter((r) => r.counterexample)).toHaveLength(1);
  });

  test('every execution gets a row, kept in full or not', () => {
    const line = {
      iteration: 7,
      status: 'success' as const,
      faults: { crashes: [{ node: 'b', time: 1 }], omissions: [] },
      violations: [],
      parent: 0,
    };
    const rows = runsTable({
      ...report,
      executed: [
        ...runsTable(report).map((r) => ({
          iteration: r.iteration,
          status: r.status,
          faults: report.runs.find((x) => x.iteration === r.iteration)!.failureSpec,
          violations: [],
          parent: r.parent,
        })),
        line,
      ],
    });
    expect(rows.map((r) => [r.iteration, r.kept])).toEqual([
      [2, true],
      [0, true],
      [1, true],
      [7, false],
    ]);
    expect(rows[3]!.crashes).toEqual(['b crashed@1']);
  });

  test('without a counterexample, rows stay in iteration order', () => {
    const tolerant = { ...report, verdict: 'tolerant' as const, counterexample: null };
    expect(runsTable(tolerant).map((r) => r.iteration)).toEqual([0, 1, 2]);
  });
});

describe('spacetimeModel', () => {
  const view = spacetimeModel(run2);

  test('a lane per node, a point per time step, nothing past EOT', () => {
    expect(view.nodes).toEqual(['a', 'b', 'c']);
    expect(view.lastTime).toBe(3);
    expect(view.events).toHaveLength(3 * 3);
    expect(view.lanes).toHaveLength(3 * 2);
    expect(view.ticks.map((t) => t.label)).toEqual(['t=1', 't=2', 't=3 EOT']);
    expect(view.arrows.every((a) => a.sendTime < 3)).toBe(true);
  });

  test('labels sit on their arrows and never overlap each other', () => {
    const boxes = view.arrows.flatMap((a) => (a.labelAt ? [labelBox(a.label, a.labelAt)] : []));
    expect(boxes.length).toBeGreaterThan(0);
    boxes.forEach((a, i) =>
      boxes
        .slice(i + 1)
        .forEach((b) => expect(a.x2 <= b.x1 || b.x2 <= a.x1 || a.y2 <= b.y1 || b.y2 <= a.y1).toBe(true)),
    );
  });

  test('lanes left to right, time downwards', () => {
    const at = (id: string) => view.events.find((e) => e.id === id)!.position;
    expect(at('e:a@1').x).toBeLessThan(at('e:b@1').x);
    expect(at('e:a@1').y).toBeLessThan(at('e:a@2').y);
    expect(at('e:a@2').x).toBe(at('e:a@1').x);
  });

  test('arrows from sender at send time to receiver one step later, lost ones say why', () => {
    const arrows = Object.fromEntries(view.arrows.map((a) => [a.id, a]));
    expect(arrows['m:a->b@1']).toMatchObject({
      source: 'e:a@1',
      target: 'e:b@2',
      label: 'log',
      tuples: ['log("b", "hi")'],
      lostBy: 'omission',
    });
    expect(arrows['m:a->c@1']!.lostBy).toBeNull();
    // A crashed sender's messages are not drawn, only counted: its crash marker stands for them.
    expect(arrows['m:a->c@2']).toBeUndefined();
    expect(view.unsent).toBeGreaterThan(0);
    expect(view.arrows.every((a) => a.lostBy !== 'crash')).toBe(true);
  });

  test('the crash is marked where it happens and the lane after it is crashed', () => {
    expect(view.events.filter((e) => e.crashesHere).map((e) => e.id)).toEqual(['e:a@2']);
    expect(view.events.filter((e) => e.crashed).map((e) => e.id)).toEqual(['e:a@2', 'e:a@3']);
    expect(view.lanes.filter((l) => l.crashed).map((l) => l.id)).toEqual(['l:a@2']);
  });

  test('messages of several relations on one channel and time share one arrow', () => {
    const extra = {
      from: 'a',
      to: 'c',
      sendTime: 1,
      relation: 'ack',
      values: ['c'],
      receiveTime: 2,
      lostBy: null,
    };
    const merged = spacetimeModel({ ...run0, messages: [...run0.messages, extra] });
    const arrow = merged.arrows.find((a) => a.id === 'm:a->c@1')!;
    expect(arrow.label).toBe('ack, log');
    expect(arrow.tuples).toEqual(['log("c", "hi")', 'ack("c")']);
    expect(merged.arrows).toHaveLength(run0.messages.filter((m) => m.sendTime < run0.failureSpec.eot).length);
  });
});

describe('lineage', () => {
  test('the record converts to a LineageGraph with the same ids and shape', () => {
    const graph = toLineageGraph(run0.lineage);
    expect(graph.goals).toEqual(run0.lineage.goals);
    expect(graph.nodes.map((n) => n.kind)).toEqual(run0.lineage.nodes.map((n) => n.kind));
    const message = graph.nodes.find((n) => n.kind === 'message');
    expect(message).toEqual({ kind: 'message', message: { from: 'a', to: 'b', sendTime: 1 } });
  });

  test('the solver and a naive least fixpoint agree on what each proposal cuts', () => {
    const graph = toLineageGraph(run0.lineage);
    for (const proposal of run0.proposals) {
      expect(cutNodes(graph, proposal.faults, holdsUnder)).toEqual(
        cutNodes(graph, proposal.faults, naiveHoldsUnder),
      );
    }
  });

  test('each proposal cuts the goals it is meant to prevent', () => {
    const view = lineageModel(run0, report.program);
    const cutGoals = view.proposals.map((p) =>
      view.goals.filter((g) => p.cut.includes(g)).map((g) => view.nodes[g]!.label),
    );
    expect(cutGoals).toEqual([
      ['post("b", "hi")@3'],
      ['post("a", "hi")@3', 'post("b", "hi")@3'],
      ['post("a", "hi")@3', 'post("c", "hi")@3'],
      ['post("a", "hi")@3', 'post("b", "hi")@3', 'post("c", "hi")@3'],
    ]);
    expect(view.proposals.map((p) => p.run)).toEqual([1, 2, null, null]);
    expect(view.proposals[1]!.faults).toEqual(['a crashed@2', 'a→b@1 lost']);
  });

  test('nodes carry labels, times, goals, and rules as written', () => {
    const view = lineageModel(run0, report.program);
    const goals = view.nodes.filter((n) => n.kind === 'tuple' && n.goal);
    expect(goals.map((n) => n.label)).toEqual([
      'post("a", "hi")@3',
      'post("b", "hi")@3',
      'post("c", "hi")@3',
    ]);
    const async = view.nodes.find((n) => n.kind === 'derivation' && n.label === 'log@async');
    expect(async).toMatchObject({ time: 2, rule: 4 });
    expect(
      lineageModel(
        {
          ...run0,
          lineage: { goals: [], nodes: [{ kind: 'derivation', rule: 99, label: 'r', children: [] }] },
        },
        report.program,
      ).nodes[0],
    ).toMatchObject({ rule: null });
    const edgeCount = run0.lineage.nodes.reduce(
      (n, node) =>
        n +
        (node.kind === 'tuple'
          ? node.derivations.length
          : node.kind === 'derivation'
            ? node.children.length
            : 0),
      0,
    );
    expect(view.edges).toHaveLength(edgeCount);
  });

  test('a rule firing carries its variable bindings', () => {
    const view = lineageModel(run0, report.program);
    const async = view.nodes.find((n) => n.kind === 'derivation' && n.label === 'log@async');
    expect(async).toMatchObject({ bindings: expect.stringMatching(/^B = "[bc]", P = "hi", A = "a"$/) });
  });

  test('persistence folds into chains; the overview keeps goals and messages', () => {
    const view = lineageModel(run0, report.program);
    const chains = view.nodes.filter((n) => n.kind === 'chain');
    expect(chains.map((c) => c.label)).toContain('bcast("a", "hi") held since @1');
    const overview = visibleLineage(view, state('overview'));
    expect(overview.nodes.every((n) => ['tuple', 'message', 'no-crash'].includes(n.kind))).toBe(true);
    expect(overview.nodes.filter((n) => n.kind === 'tuple').map((n) => n.id)).toEqual([...view.goals]);
    const full = visibleLineage(
      view,
      state('detail', { showFacts: true, expanded: new Set(chains.map((c) => c.id)) }),
    );
    const simple = visibleLineage(view, state('detail'));
    expect(full.nodes).toHaveLength(run0.lineage.nodes.length);
    expect(simple.nodes.length).toBeLessThan(full.nodes.length);
    expect(simple.nodes.some((n) => n.kind === 'tuple' && n.fact)).toBe(false);
  });

  test('focus shows one goal and only what lies below it', () => {
    const view = lineageModel(run0, report.program);
    const goal = view.goals[1]!;
    const focused = visibleLineage(view, state('detail', { focus: goal }));
    const below = new Set([goal]);
    for (let changed = true; changed;) {
      changed = false;
      for (const e of view.edges)
        if (below.has(e.source) && !below.has(e.target)) changed = below.add(e.target) !== undefined;
    }
    const within = (n: (typeof focused.nodes)[number]) =>
      n.kind === 'chain' ? n.members.some((m) => below.has(m)) : below.has(n.id);
    expect(focused.nodes.every(within)).toBe(true);
    expect(focused.nodes.filter((n) => n.kind === 'tuple' && n.goal).map((n) => n.id)).toEqual([goal]);
  });

  test('layout: time as rank, later steps above, boxes in a row never overlap', () => {
    const view = lineageModel(run0, report.program);
    const graph = visibleLineage(view, state('detail', { showFacts: true }));
    const { positions } = layeredLayout(graph);
    const y = (label: string) => positions.get(view.nodes.find((n) => n.label === label)!.id)!.y;
    expect(y('post("b", "hi")@3')).toBeLessThan(y('log@async'));
    const rows = new Map<number, { left: number; right: number }[]>();
    for (const n of graph.nodes) {
      const p = positions.get(n.id)!;
      const half = labelWidth(n.label) / 2;
      rows.set(p.y, [...(rows.get(p.y) ?? []), { left: p.x - half, right: p.x + half }]);
    }
    for (const row of rows.values()) {
      row.sort((a, b) => a.left - b.left);
      row.slice(1).forEach((box, i) => expect(box.left).toBeGreaterThanOrEqual(row[i]!.right));
    }
  });

  test('an empty lineage (no post at EOT) is an empty view', () => {
    const view = lineageModel({ ...run2, lineage: { goals: [], nodes: [] } }, report.program);
    expect(view).toMatchObject({ goals: [], nodes: [], edges: [] });
  });
});

describe('lineageDiff', () => {
  test("the failure-free run's supports that the counterexample's faults remove", () => {
    const diff = lineageDiff(run0, run2);
    expect(diff).toMatchObject({ good: 0, bad: 2, faults: ['a crashed@2', 'a→b@1 lost'] });
    expect(diff.lostGoals).toEqual(['post("a", "hi")@3', 'post("b", "hi")@3']);
    const labels = diff.cut.map((id) => run0.lineage.nodes[id]!.label);
    expect(labels).toEqual(expect.arrayContaining(['a→b@1', 'a→b@2', 'a→c@2', 'log("b", "hi")@2']));
    expect(labels).not.toContain('a→c@1');
  });

  test('only failing runs carry a diff', () => {
    expect(reportView(report).runs.map((r) => r.diff?.bad ?? null)).toEqual([null, null, 2]);
  });
});

test('relationTables: relations by name, rows by time, time split from the values', () => {
  const tables = relationTables(run1);
  expect(tables.map((t) => t.relation)).toEqual(['bcast', 'crash', 'log', 'node', 'post', 'pre']);
  expect(tables[0]!.rows).toEqual([
    { values: ['a', 'hi'], time: 1 },
    { values: ['a', 'hi'], time: 2 },
    { values: ['a', 'hi'], time: 3 },
  ]);
  expect(tables.find((t) => t.relation === 'post')!.rows).toEqual([
    { values: ['a', 'hi'], time: 3 },
    { values: ['c', 'hi'], time: 3 },
  ]);
});
