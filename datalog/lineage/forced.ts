// What must hold whenever some present tuples hold, under any faults: how the absence explainer
// (instances.ts) tells a blocker that cannot be lost on its own from one that can.
//
// A rule instance blocked by a `notin` fires only if its positive body still holds and every tuple
// its `notin` matched is lost. Some blockers cannot be lost while that body holds: in Paxos an
// acceptor that hears two ballots in one step outbids the lower one, so `outbid(N, 1)` holds as soon
// as the `prepare` of ballot 1 (the very body the promise needs) arrives and the acceptor's own
// ballot 2 does. Losing that prepare removes the blocker and the instance with it. Listing the
// blocker as it is lets the solver believe a lost prepare could make a promise appear; every run then
// proposes it again, with all its other proposals, for nothing.
//
// A tuple t is *forced* by a set G of present tuples when every run in which G holds has t:
//   - t ∈ G; or t is a fact (not `clock` or `crash`, which faults change);
//   - or t has a derivation in this run with no `notin`, no aggregate and no cross-node message
//     (a node's message to itself is always delivered, and a crashed node keeps computing:
//     SPEC §2.3–4) whose body tuples are all forced by G: the same rule, on the same values, fires
//     again (its comparisons read the same values), whatever the faults.
// An instance whose positive body G forces one of its blockers never fires: it is dropped. A blocker
// with a single derivation of that kind is lost, while G holds, only if one of the body tuples G does
// not force is lost: those stand for it (recursively). Listing them drops only fault sets that keep
// the blocker, so no way in is lost (the lineage needs necessary losses, not sufficient ones). When
// what was left out is only what facts force, the body tuples say nothing the blocker did not: the
// blocker stays, and the graph with it. A tuple derived more than once stays too: replacing it by
// one derivation's body would let that body's loss stand for the loss of every derivation.
import type { Evaluation } from '../eval/evaluate.js';
import type { TupleId } from '../eval/types.js';
import type { ExplainedProgram } from './slots.js';

/** Tuples one refinement may visit before it keeps the blocker as it is. */
const VISIT_LIMIT = 200;
/** How deep a blocker is followed down single derivations. */
const DEPTH_LIMIT = 32;

const YES = 1;
const NO = 2;
const VISITING = 3;

interface Budget {
  left: number;
}

export class ForcedTuples {
  /** Whether facts alone force a tuple (`given` empty), for the whole run. */
  private readonly always = new Map<TupleId, number>();
  /** Relations of facts that faults change (`clock`, `crash`). */
  private readonly lossy = new Set<number>();

  constructor(
    private readonly ev: Evaluation,
    private readonly program: ExplainedProgram,
  ) {
    for (const name of ['clock', 'crash']) {
      const rel = ev.db.relationIdOf(name);
      if (rel >= 0) this.lossy.add(rel);
    }
  }

  /**
   * The tuples one of which a run must lose for `blocker` to be lost while `given` holds: [] when
   * `given` forces the blocker (it is never lost while `given` holds), [blocker] when nothing finer
   * is known (or the budget ran out).
   */
  residual(blocker: TupleId, given: readonly TupleId[]): TupleId[] {
    const memo = new Map<TupleId, number>();
    const budget: Budget = { left: VISIT_LIMIT };
    const out: TupleId[] = [];
    const used = { given: false };
    this.expand(blocker, given, memo, budget, out, 0, used);
    // Only what `given` forces makes the body finer than the blocker (facts hold in every run).
    return budget.left <= 0 || (out.length > 0 && !used.given) ? [blocker] : out;
  }

  /** `t` unless `given` forces it; through a single derivation forcing follows, its body instead. */
  private expand(
    t: TupleId,
    given: readonly TupleId[],
    memo: Map<TupleId, number>,
    budget: Budget,
    out: TupleId[],
    depth: number,
    used: { given: boolean },
  ): void {
    if (budget.left <= 0 || this.search(t, NONE, this.always, budget) === YES) return;
    if (this.search(t, given, memo, budget) === YES) {
      used.given = true;
      return;
    }
    const d = depth < DEPTH_LIMIT ? this.onlyDerivation(t) : -1;
    if (d < 0) {
      if (!out.includes(t)) out.push(t);
      return;
    }
    for (const child of this.ev.derivations[d]!.body)
      this.expand(child, given, memo, budget, out, depth + 1, used);
  }

  /**
   * The derivation of a tuple derived once in this run, when forcing follows it and its body reads
   * no `clock` or `crash` tuple (the lineage cuts those through the rule that reads them); else -1.
   */
  private onlyDerivation(t: TupleId): number {
    if (this.ev.isBase(t)) return -1;
    const ds = this.ev.derivationsOf(t);
    if (ds.length !== 1 || !this.eligible(ds[0]!)) return -1;
    const { db } = this.ev;
    return this.ev.derivations[ds[0]!]!.body.some((b) => this.lossy.has(db.rel(b))) ? -1 : ds[0]!;
  }

  /** No `notin`, no aggregate, no cross-node message: it fires again whenever its body holds. */
  private eligible(d: number): boolean {
    const derivation = this.ev.derivations[d]!;
    return (
      derivation.message === null &&
      derivation.negated.length === 0 &&
      this.program.rules[derivation.rule]!.aggregate === undefined
    );
  }

  /**
   * Does every run in which `given` holds have `t`? The least fixpoint of the rules above, searched
   * depth first: YES, NO, or VISITING (no, because of a tuple still on its own way down: not
   * remembered, so the answer does not depend on the order of asking).
   */
  private search(t: TupleId, given: readonly TupleId[], memo: Map<TupleId, number>, budget: Budget): number {
    if (given.includes(t)) return YES;
    // Facts alone, remembered for the whole run.
    if (given.length > 0 && this.search(t, NONE, this.always, budget) === YES) return YES;
    if (this.ev.isBase(t)) return given.length === 0 && !this.lossy.has(this.ev.db.rel(t)) ? YES : NO;
    const known = memo.get(t);
    if (known !== undefined) return known;
    // Out of budget: no (the caller keeps the blocker whole), not remembered.
    if (--budget.left <= 0) return VISITING;
    memo.set(t, VISITING);
    let result = NO;
    for (const d of this.ev.derivationsOf(t)) {
      if (!this.eligible(d)) continue;
      let all = YES;
      for (const b of this.ev.derivations[d]!.body) {
        const r = this.search(b, given, memo, budget);
        if (r !== YES) {
          all = r;
          break;
        }
      }
      if (all === YES) {
        result = YES;
        break;
      }
      if (all === VISITING) result = VISITING;
    }
    if (result === VISITING) memo.delete(t);
    else memo.set(t, result);
    return result;
  }
}

const NONE: readonly TupleId[] = [];
