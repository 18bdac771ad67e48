// Why a violation happened (issue 10), for every failing example: the explanation `check` prints ends
// in exactly the faults of the counterexample that matter, those faults alone still break the spec,
// and every chain of the graph ends in one of them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../datalog/eval/evaluate.js';
import { effectiveFaults, faultWords, NO_FAULTS, withFaults } from '../datalog/eval/faults.js';
import { whyNot, type WhyNot } from '../datalog/lineage/why-not.js';
import { violations } from '../runner/judge.js';
import { loadChecked } from '../runner/load.js';
import { runSearch } from '../runner/search.js';
import { printSummary } from '../runner/summary.js';
import { caseBounds, parseCases } from '../examples/cases.js';
import { programOf } from './support/program.js';

const examples = join(dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const cases = parseCases(readFileSync(join(examples, 'cases.json'), 'utf8'));
const failing = cases.filter((c) => c.bench !== true && c.expect === 'counterexample');

/** Every path from the root ends in a fault leaf (or in a node met before on that path). */
function everyChainEndsInAFault(why: WhyNot): boolean {
  const ok = new Map<number, boolean>();
  const visit = (id: number, path: Set<number>): boolean => {
    const known = ok.get(id);
    if (known !== undefined) return known;
    if (path.has(id)) return true;
    const n = why.nodes[id]!;
    path.add(id);
    const kids =
      n.kind === 'absent' ? n.failed : n.kind === 'lost' || n.kind === 'crashed' ? null : n.because;
    const result = kids === null ? true : kids.length > 0 && kids.every((k) => visit(k, path));
    path.delete(id);
    ok.set(id, result);
    return result;
  };
  return visit(why.root, new Set());
}

describe('why not: every failing example', () => {
  it.each(failing.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const program = loadChecked(
      c.files.map((f) => join(examples, f)),
      (p) => (existsSync(p) ? readFileSync(p, 'utf8') : null),
    ).program;
    const bounds = caseBounds(c);
    const files = c.files.map((f) => `examples/${f}`);
    const report = runSearch(program, { ...bounds, records: 'none', files });
    const run = report.runs.find((r) => r.iteration === report.counterexample)!;
    const faults = effectiveFaults(run.failureSpec, run.messages);

    // What `check` prints: each violation's "faults that matter" are the counterexample's faults,
    // and its chain ends in one of them; a violation through the same faults as one above is a line.
    const printed = printSummary(report, null).split('\n');
    const matter = printed.filter((l) => l.trim().startsWith('faults that matter:'));
    const same = printed.filter((l) => /^ {2}violated: .* \(same faults that matter\)$/.test(l));
    expect(matter.length).toBeGreaterThan(0);
    expect(matter.length + same.length).toBe(run.violations.length);
    for (const line of matter)
      expect(line.trim()).toBe(`faults that matter: ${faultWords(faults).join(', ') || 'none'}`);
    // The last line of each explanation: the one before the next violation or the replay command.
    const ends = printed.filter(
      (l, i) => l.startsWith('            ') && /^ {2}(violated|replay):/.test(printed[i + 1] ?? ''),
    );
    expect(ends.length).toBe(matter.length);
    const none = faults.crashes.length + faults.omissions.length === 0;
    for (const end of ends)
      expect(
        none
          ? end.includes('even without faults')
          : faultWords(faults).some((w) => end.includes(w.replace(/ lost$/, ''))),
      ).toBe(true);

    // The graph itself: its leaves are those faults, every chain reaches one, and they suffice.
    const bad = evaluate(program, withFaults(bounds, faults));
    const good = evaluate(program, withFaults(bounds, NO_FAULTS));
    for (const v of violations(bad)) {
      const why = whyNot(bad, good, v);
      expect(why.faults).toEqual(faults);
      if (faults.crashes.length + faults.omissions.length > 0) expect(everyChainEndsInAFault(why)).toBe(true);
    }
    expect(violations(evaluate(program, withFaults(bounds, faults))).length).toBeGreaterThan(0);
  });
});

describe('why not: the chain of the issue', () => {
  const program = programOf(
    `peer("a", "b")@1; peer("a", "c")@1; bcast("a", "hello")@1;
     delivered(N, M) :- bcast(N, M);
     delivered(P, M)@async :- bcast(N, M), peer(N, P);
     delivered(N, M)@next :- delivered(N, M);
     peer(N, P)@next :- peer(N, P);
     missing(N, M) :- delivered(H, M), peer(H, N), notin delivered(N, M);
     pre(N, M) :- delivered(N, M), notin bcast(N, M)@1;
     post(N, M) :- delivered(N, M), notin missing(_, M);`,
    'chain.ded',
  );
  const bounds = { nodes: ['a', 'b', 'c'], eot: 3, eff: 2, maxCrashes: 0 };
  const bad = evaluate(
    program,
    withFaults(bounds, { crashes: [], omissions: [{ from: 'a', to: 'b', time: 1 }] }),
  );
  const good = evaluate(program, withFaults(bounds, NO_FAULTS));

  it('goes from the missing post through the notin that now fails down to the lost message', () => {
    const [violation] = violations(bad);
    expect(violation).toEqual(['c', 'hello']);
    const why = whyNot(bad, good, violation!);
    const root = why.nodes[why.root]!;
    expect(root).toMatchObject({
      kind: 'absent',
      tuple: { relation: 'post', values: ['c', 'hello'], time: 3 },
    });
    const kinds = (id: number): string[] => {
      const n = why.nodes[id]!;
      const next =
        n.kind === 'absent' ? n.failed : n.kind === 'failed' || n.kind === 'appeared' ? n.because : [];
      return [n.kind, ...(next.length > 0 ? kinds(next[0]!) : [])];
    };
    expect(kinds(why.root)).toEqual([
      'absent',
      'failed',
      'appeared',
      'absent',
      'failed',
      'absent',
      'failed',
      'lost',
    ]);
    const appeared = why.nodes.find((n) => n.kind === 'appeared');
    expect(appeared).toMatchObject({ tuple: { relation: 'missing', values: ['b', 'hello'] } });
    expect(why.nodes.filter((n) => n.kind === 'lost')).toEqual([
      { kind: 'lost', message: { from: 'a', to: 'b', sendTime: 1 }, fault: { from: 'a', to: 'b', time: 1 } },
    ]);
  });

  it('says a post that never held never held, with no faults to blame', () => {
    const why = whyNot(good, good, ['z', 'hello']);
    expect(why.nodes[why.root]).toMatchObject({ kind: 'absent', failed: [] });
    expect(why.faults).toEqual(NO_FAULTS);
  });
});
