// The absence explainer against its oracle (test/support/absence-oracle.ts, the plain string-keyed
// reading of SPEC §5): every lineage graph lineage.ts builds with it, node for node and in order, on
// every example of examples/cases.json the tests run and on generated programs with `notin`, aggregates and crash
// reads, under the failure-free run and seeded fault sets. What the search cuts and reports rests
// on these graphs, so equal graphs mean equal verdicts and execution counts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Program } from '../datalog/syntax/types.js';
import { evaluate, type Evaluation } from '../datalog/eval/evaluate.js';
import type { Bounds, FailureSpec, FaultSet, NegatedAtom } from '../datalog/eval/types.js';
import { lineageOf } from '../datalog/lineage/lineage.js';
import { AbsenceExplainer, canAppear, type AbsenceExplanations } from '../datalog/lineage/negation.js';
import { loadChecked } from '../runner/load.js';
import { seededRng, type Rng } from '../runner/rng.js';
import { caseBounds, parseCases } from '../examples/cases.js';
import { AbsenceOracle } from './support/absence-oracle.js';
import { programArb, render } from './support/generate.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
// The benchmark-sized cases take most of the time and add no construct the others lack.
const cases = parseCases(readFileSync(join(examples, 'cases.json'), 'utf8')).filter((c) => c.bench !== true);

/** Fault sets within the bounds: none, then `count` drawn from `rng` (a crash, up to five omissions). */
function faultSets(bounds: Bounds, rng: Rng, count: number): FaultSet[] {
  const out: FaultSet[] = [{ crashes: [], omissions: [] }];
  const { nodes } = bounds;
  for (let i = 0; i < count; i++) {
    const crashes =
      bounds.maxCrashes > 0 && rng.next() < 0.5
        ? [{ node: nodes[rng.int(0, nodes.length - 1)]!, time: rng.int(1, bounds.eot) }]
        : [];
    const omissions = [];
    for (let k = bounds.eff > 1 ? rng.int(0, 5) : 0; k > 0; k--) {
      const [from, to] = [nodes[rng.int(0, nodes.length - 1)]!, nodes[rng.int(0, nodes.length - 1)]!];
      if (from !== to) omissions.push({ from, to, time: rng.int(1, bounds.eff - 1) });
    }
    out.push({ crashes, omissions });
  }
  return out;
}

/**
 * Everything a run asks of an explainer, as the runner asks it (runner/execute.ts): the lineage of
 * `post`, the same with an appearing `pre` tuple as a goal, the lineage of `pre`; then, from a fresh
 * explainer, every derivation's answers in reverse order (answers must not depend on who asked first
 * in a way the oracle does not share).
 */
function everything(ev: Evaluation, make: (ev: Evaluation) => AbsenceExplanations): string {
  const { program, spec } = ev;
  const explainer = make(ev);
  const post = ev.db.relationAt('post', spec.eot);
  const arity =
    program.rules.find((r) => r.head.relation === 'pre')?.head.args.length ??
    program.facts.find((f) => f.atom.relation === 'pre')?.atom.args.length;
  const absent: NegatedAtom[] =
    arity === undefined ? [] : [{ relation: 'pre', values: new Array(arity).fill(null), time: spec.eot }];
  const graphs = [
    lineageOf(ev, post, { explainer }),
    lineageOf(ev, post, { explainer, absent: absent.filter((a) => canAppear(explainer, a)) }),
    lineageOf(ev, ev.db.relationAt('pre', spec.eot), { explainer }),
  ];
  const fresh = make(ev);
  const answers = [];
  for (let d = ev.derivations.length - 1; d >= 0; d--) {
    answers.push(fresh.growth(d));
    for (const atom of ev.derivations[d]!.negated) answers.push(fresh.blockers(atom));
  }
  return JSON.stringify([graphs, answers, lineageOf(ev, [...post].reverse(), { explainer: fresh })]);
}

/** The first fault set under which the explainer and the oracle disagree, or null. */
function firstDisagreement(program: Program, bounds: Bounds, sets: readonly FaultSet[]): FaultSet | null {
  for (const faults of sets) {
    const spec: FailureSpec = { ...bounds, ...faults };
    const ev = evaluate(program, spec);
    if (everything(ev, (e) => new AbsenceExplainer(e)) !== everything(ev, (e) => new AbsenceOracle(e)))
      return faults;
  }
  return null;
}

function read(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

describe('the absence explainer builds the lineage graphs of its oracle', () => {
  it('on every example of examples/cases.json the tests run', { timeout: 120_000 }, () => {
    const rng = seededRng(12);
    for (const c of cases) {
      const program = loadChecked(
        c.files.map((f) => join(examples, f)),
        read,
      ).program;
      const bounds: Bounds = caseBounds(c);
      expect(firstDisagreement(program, bounds, faultSets(bounds, rng, 2)), c.name).toBeNull();
    }
  });

  it('on generated programs with notin, aggregates and crash reads', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(programArb, fc.integer(), (p, seed) => {
        const program = loadChecked(['gen.ded'], (path) => (path === 'gen.ded' ? render(p) : null)).program;
        const bounds: Bounds = { nodes: p.nodes, eot: 4, eff: 3, maxCrashes: 1 };
        expect(firstDisagreement(program, bounds, faultSets(bounds, seededRng(seed), 4))).toBeNull();
      }),
      { numRuns: 150, seed: 21 },
    );
  });
});
