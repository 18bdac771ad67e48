// Why a `post` tuple is missing from a failing run: the chain of absences from it down to the faults
// that took effect (issue 10). The reference run (the failure-free one, or any run where the tuple
// held) says how the tuple was derived; the failing run says which of those derivations' parts are
// gone. A derivation fails when one of its
//   - body tuples is absent             → explain that absence the same way;
//   - messages is lost                  → a leaf: the omission, or the crash of its sender;
//   - `notin` atoms now matches a tuple → that tuple appeared: explain it.
// A tuple appears (holds now, not in the reference run) through a firing that the reference run did
// not have: one of its body tuples appeared too, or one of its `notin` atoms matched a reference
// tuple that is absent now, or it reads a `crash` tuple. When no firing says so, what blocked it in
// the reference run (AbsenceExplainer.blockers) stands in. A violation whose `pre` holds only under
// the faults (the reference run had neither `pre` nor `post`) is explained by that appearance.
// Faults only remove messages and add `crash` tuples, so every chain ends in a fault; a node with no
// reason found (an aggregate that counts more tuples now, say) is kept and says so.
import type { Value } from '../syntax/types.js';
import type { Evaluation } from '../eval/evaluate.js';
import { canonicalFaults, crashKey, faultCutting, omissionKey } from '../eval/faults.js';
import { AbsenceExplainer } from './negation.js';
import type { Crash, FaultSet, Message, NegatedAtom, Omission, Tuple, TupleId } from '../eval/types.js';

/** The why-not graph of one violation; node ids index `nodes`, `root` is the missing `post`. */
export interface WhyNot {
  /** The `pre` tuple's values: `post` with these values is missing at EOT. */
  readonly violation: readonly Value[];
  readonly root: number;
  readonly nodes: readonly WhyNode[];
  /** The faults at the leaves, in canonical order: those of the run this violation rests on. */
  readonly faults: FaultSet;
}

export type WhyNode = AbsentNode | FailedNode | AppearedNode | LostNode | CrashedNode;

/**
 * A tuple that held in the reference run and is absent now. `failed` lists the derivations it had
 * there (all of them failed); none means it never held, even in the reference run.
 */
export interface AbsentNode {
  readonly kind: 'absent';
  readonly tuple: Tuple;
  readonly failed: readonly number[];
}

/** One reference-run firing of `rule` that does not fire now; `because`: the parts it lost. */
export interface FailedNode {
  readonly kind: 'failed';
  readonly rule: number;
  readonly because: readonly number[];
}

/**
 * A tuple that holds now and not in the reference run: one a `notin` of the firing now matches
 * (`atom`), or the violation's `pre` (`atom` null); `because`: the absences and crashes that let it appear.
 */
export interface AppearedNode {
  readonly kind: 'appeared';
  readonly atom: NegatedAtom | null;
  readonly tuple: Tuple;
  readonly because: readonly number[];
}

/** A leaf: a message the firing needed, lost by `fault` (an omission, or its sender's crash). */
export interface LostNode {
  readonly kind: 'lost';
  readonly message: Message;
  readonly fault: Crash | Omission;
}

/** A leaf: a crash that made a `notin crash(…)` fail. */
export interface CrashedNode {
  readonly kind: 'crashed';
  readonly crash: Crash;
}

/**
 * Expects `failing` and `reference` to be runs of one program with the same bounds, and `violation`
 * the values of a `pre` tuple at EOT of `failing` with no `post`. Guarantees: a finite graph (cycles
 * within a time step are cut where they close) whose leaves are faults of `failing`.
 */
export function whyNot(failing: Evaluation, reference: Evaluation, violation: readonly Value[]): WhyNot {
  const builder = new WhyNotBuilder(failing, reference);
  const eot = failing.spec.eot;
  const post = reference.db.find('post', violation, eot);
  const pre = failing.db.find('pre', violation, eot);
  const never = {
    kind: 'absent',
    tuple: { relation: 'post', values: violation, time: eot },
    failed: [],
  } as const;
  const root =
    post !== undefined
      ? builder.absent(post)
      : pre !== undefined && reference.db.find('pre', violation, eot) === undefined
        ? builder.appeared(null, pre)
        : builder.push(never);
  return { violation, root, nodes: builder.nodes, faults: builder.faults() };
}

class WhyNotBuilder {
  readonly nodes: WhyNode[] = [];
  private readonly absentIds = new Map<TupleId, number>();
  private readonly appearedIds = new Map<TupleId, number>();
  private readonly leafIds = new Map<string, number>();
  private readonly explainer: AbsenceExplainer;
  private readonly clockRel: number;

  constructor(
    private readonly failing: Evaluation,
    private readonly reference: Evaluation,
  ) {
    this.explainer = new AbsenceExplainer(reference);
    this.clockRel = reference.db.relationIdOf('clock');
  }

  push(node: WhyNode): number {
    return this.nodes.push(node) - 1;
  }

  /** `id`, a reference tuple, is absent from the failing run: why. */
  absent(id: TupleId): number {
    const known = this.absentIds.get(id);
    if (known !== undefined) return known;
    const tuple = this.reference.db.tuple(id);
    const failed: number[] = [];
    const node = this.push({ kind: 'absent', tuple, failed });
    this.absentIds.set(id, node); // a cycle back to this tuple closes here
    for (const d of this.reference.derivationsOf(id)) failed.push(this.failed(d));
    return node;
  }

  private failed(index: number): number {
    const d = this.reference.derivations[index]!;
    const because: number[] = [];
    const node = this.push({ kind: 'failed', rule: d.rule, because });
    for (const body of d.body) {
      const message = this.clockMessage(body);
      if (message) {
        const lost = this.lost(message);
        if (lost !== null) because.push(lost);
      } else if (!this.holdsNow(body)) because.push(this.absent(body));
    }
    if (d.message) {
      const lost = this.lost(d.message);
      if (lost !== null) because.push(lost);
    }
    for (const atom of d.negated) because.push(...this.violatedNotin(atom));
    return node;
  }

  /** The failing run's tuples that a `notin` now matches, each explained. */
  private violatedNotin(atom: NegatedAtom): number[] {
    const { db } = this.failing;
    const matches = db.matching(atom.relation, atom.values, atom.time);
    if (atom.relation === 'crash')
      return matches.map((id) => {
        const [, node, time] = db.tuple(id).values;
        return this.crashed({ node: String(node), time: Number(time) });
      });
    return matches.map((id) => this.appeared(atom, id));
  }

  appeared(atom: NegatedAtom | null, id: TupleId): number {
    const known = this.appearedIds.get(id);
    if (known !== undefined) return known;
    const because: number[] = [];
    const tuple = this.failing.db.tuple(id);
    const node = this.push({ kind: 'appeared', atom, tuple, because });
    this.appearedIds.set(id, node);
    if (tuple.relation === 'crash') {
      because.push(this.crashed({ node: String(tuple.values[1]), time: Number(tuple.values[2]) }));
      return node;
    }
    for (const d of this.failing.derivationsOf(id)) because.push(...this.newIngredients(d));
    if (because.length > 0 || atom === null) return node;
    const blockers = this.explainer.blockers(atom);
    for (const t of blockers.tuples) if (!this.holdsNow(t)) because.push(this.absent(t));
    for (const c of blockers.crashes) {
      const crash = this.failing.spec.crashes.find(
        (k) => k.node === c.node && (c.time === null || c.time === k.time),
      );
      if (crash) because.push(this.crashed(crash));
    }
    return node;
  }

  /** What a failing-run firing has that the reference run had not: appeared body tuples, lost blockers. */
  private newIngredients(index: number): number[] {
    const d = this.failing.derivations[index]!;
    const out: number[] = [];
    for (const body of d.body) {
      const t = this.failing.db.tuple(body);
      if (this.reference.db.find(t.relation, t.values, t.time) === undefined)
        out.push(this.appeared(null, body));
    }
    for (const atom of d.negated)
      for (const had of this.reference.db.matching(atom.relation, atom.values, atom.time))
        if (!this.holdsNow(had)) out.push(this.absent(had));
    return [...new Set(out)];
  }

  private lost(message: Message): number | null {
    const fault = faultCutting(message, this.failing.spec);
    if (fault === null) return null;
    const key = `m${omissionKey(message.from, message.to, message.sendTime)}`;
    return this.leaf(key, () => ({ kind: 'lost', message, fault }));
  }

  private crashed(crash: Crash): number {
    return this.leaf(`c${crashKey(crash.node, crash.time)}`, () => ({ kind: 'crashed', crash }));
  }

  private leaf(key: string, make: () => WhyNode): number {
    let id = this.leafIds.get(key);
    if (id === undefined) this.leafIds.set(key, (id = this.push(make())));
    return id;
  }

  /** A cross-node `clock` tuple in a body is the message it stands for (as in lineage graphs). */
  private clockMessage(id: TupleId): Message | null {
    if (this.reference.db.rel(id) !== this.clockRel) return null;
    const [from, to, sendTime] = this.reference.db.tuple(id).values;
    if (from === to || typeof from !== 'string' || typeof to !== 'string' || typeof sendTime !== 'number')
      return null;
    return { from, to, sendTime };
  }

  private holdsNow(id: TupleId): boolean {
    const t = this.reference.db.tuple(id);
    return this.failing.db.find(t.relation, t.values, t.time) !== undefined;
  }

  /** The faults reachable from the root: its leaves. */
  faults(): FaultSet {
    const crashes = new Map<string, Crash>();
    const omissions = new Map<string, Omission>();
    for (const n of this.nodes) {
      const fault = n.kind === 'lost' ? n.fault : n.kind === 'crashed' ? n.crash : null;
      if (fault === null) continue;
      if ('node' in fault) crashes.set(crashKey(fault.node, fault.time), fault);
      else omissions.set(omissionKey(fault.from, fault.to, fault.time), fault);
    }
    return canonicalFaults({ crashes: [...crashes.values()], omissions: [...omissions.values()] });
  }
}
