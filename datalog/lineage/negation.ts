// Why is a tuple absent, and what could make it appear? (SPEC §5)
//
// An outcome that rests on `notin r(…)` is prevented if a fault makes some r tuple appear. Faults
// only remove messages (and add `crash` tuples), so a missing tuple can appear only when something
// that blocked its derivation is lost: a present tuple that a `notin` matched in an instance of one of
// its rules whose positive body holds, found recursively through positive atoms that would need a
// new tuple. Patterns leave unknown columns open, which over-approximates and keeps the search
// complete (but for an instance that needs two new tuples at once, whose second atom the join
// cannot bind: its first atom is then explained with the head's bindings only if nothing else binds it).
//
// Blockers are narrowed where that only drops fault sets that cannot make the tuple appear: a blocker
// the blocked instance's own body keeps up stands for the finer losses that could remove it, or drops
// the instance (forced.ts); a `max` or `min` falls only once every input attaining it is lost, so one
// stands for all (RunInstances.lossInstances), as one tuple does for those a wildcard matches.
//
// Aggregates (SPEC §5.5): a present aggregate tuple holds only while its group gains no input, so
// its lineage also includes what could make a new input appear (`growth`).
//
// Absences depend on each other, cyclically through recursive rules. Each question ("could a tuple
// matching this pattern appear?") is a node whose answer is its own blockers plus the answers of the
// questions it asks; the answers are solved per strongly connected component, inputs first, so every
// member of a cycle gets the whole cycle's blockers whatever the order of the rules.
//
// Everything runs on interned ids (slots.ts, instances.ts): a binding is an array of value ids, a
// pattern an array with OPEN columns, a question a sequence of numbers with a dense id. The same
// questions in the same order as the plain string-keyed reading (test/support/absence-oracle.ts),
// so the same answers and lineage graphs; only the bookkeeping is cheaper.
import type { Evaluation } from '../eval/evaluate.js';
import { lossHelps } from './patterns.js';
import { explainedProgram, OPEN, SequenceIds, type ExplainedProgram, type SlotRule } from './slots.js';
import {
  crashBlockersOf,
  RunInstances,
  type CrashBlocker,
  type Env,
  type Feed,
  type Question,
} from './instances.js';
import type { NegatedAtom, TupleId } from '../eval/types.js';
import { componentsInDependencyOrder } from '../syntax/scc.js';

/** What could make a negated atom hold: present tuples to lose, or nodes to crash. */
export interface Blockers {
  readonly tuples: readonly TupleId[];
  readonly crashes: readonly CrashBlocker[];
}

export { crashBlockersOf, movedCrashBlockers, type CrashBlocker } from './instances.js';

/** A question's own blockers (tuples may repeat), and the questions its answer includes. */
interface Expansion {
  readonly tuples: TupleId[];
  crashes: Map<string, CrashBlocker> | null;
  readonly asks: Question[];
}

const NONE: Blockers = { tuples: [], crashes: [] };
/** The expansion of an answered node. */
const DONE: Expansion = { tuples: [], crashes: null, asks: [] };

/** What lineage.ts and the runner ask of an absence explainer (also test/support/absence-oracle.ts). */
export interface AbsenceExplanations {
  blockers(atom: NegatedAtom): Blockers;
  growth(index: number): Blockers;
}

/** Could faults make a tuple matching the atom appear at all (has it any blocker)? */
export function canAppear(explainer: AbsenceExplanations, atom: NegatedAtom): boolean {
  const b = explainer.blockers(atom);
  return b.tuples.length + b.crashes.length > 0;
}

export class AbsenceExplainer implements AbsenceExplanations {
  /** Question key → node id (dense); `expansions`, `asked` and `answers` are indexed by node id. */
  private readonly ids = new SequenceIds();
  private readonly expansions: Expansion[] = [];
  /** The node ids a node's answer includes (its relevant asks, without repeats), once discovered. */
  private readonly asked: (number[] | null)[] = [];
  private readonly answers: (Blockers | null)[] = [];
  private readonly growthMemo = new Map<number, Blockers>();
  private readonly program: ExplainedProgram;
  private readonly run: RunInstances;
  /** Scratch for question keys. */
  private readonly key: number[] = [];
  /** Per tuple id, the last union that took it (see `union`). */
  private readonly seen: Int32Array;
  /** Per node, the last `solve` that queued it. */
  private readonly queued: number[] = [];
  /** Numbers `solve` and `union` calls, for `queued` and `seen`. */
  private stamp = 0;

  constructor(private readonly ev: Evaluation) {
    this.program = explainedProgram(ev.program);
    this.run = new RunInstances(ev, this.program);
    this.seen = new Int32Array(ev.db.size);
  }

  /** The blockers of a `notin` atom as a derivation checked it. */
  blockers(atom: NegatedAtom): Blockers {
    const pattern = atom.values.map((v) => (v === null || v === undefined ? OPEN : this.run.idOf(v)));
    return this.answer([this.run.question(atom.relation, pattern, atom.time, null, null)]);
  }

  /**
   * What could change the value of an aggregate derivation's head: a new input binding for its group
   * (a new body tuple, or a `notin` of the body ceasing to block). NONE for other derivations.
   */
  growth(index: number): Blockers {
    const known = this.growthMemo.get(index);
    if (known) return known;
    const d = this.ev.derivations[index]!;
    const rule = this.program.rules[d.rule]!;
    let result = NONE;
    if (rule.aggregate && !this.program.gainHarmless.has(rule.rule.head.relation)) {
      const { db } = this.ev;
      const group = db.args(d.head).map((v, i) => (rule.rule.head.args[i]!.kind === 'aggregate' ? OPEN : v));
      const time = db.time(d.head);
      const evalTime = rule.rule.headTime === 'now' ? time : time - 1;
      const bindings = this.run.unifyHead(rule, group);
      if (bindings) {
        const own = emptyExpansion();
        this.instanceBlockers(rule, bindings, evalTime, false, own, null);
        result = this.answer(own.asks, own);
      }
    }
    this.growthMemo.set(index, result);
    return result;
  }

  /** The union of the answers to `questions` (and of `extra`), solving whatever is not known yet. */
  private answer(questions: readonly Question[], extra?: Expansion): Blockers {
    const base = this.expansions.length;
    const roots: number[] = [];
    for (const q of questions) if (this.relevant(q)) roots.push(this.node(q));
    this.solve(roots, base);
    if (roots.length === 1 && !extra) return this.answers[roots[0]!]!;
    const tuples = new Set<TupleId>(extra?.tuples);
    const crashes = new Map(extra?.crashes ?? []);
    for (const r of roots) {
      for (const t of this.answers[r]!.tuples) tuples.add(t);
      for (const c of this.answers[r]!.crashes) crashes.set(crashKey(c), c);
    }
    return { tuples: [...tuples].sort((a, b) => a - b), crashes: [...crashes.values()] };
  }

  /** Questions whose answer is empty whatever the run: nothing before time 1, monotone relations. */
  private relevant(q: Question): boolean {
    return q.time >= 1 && this.program.canGrow.has(q.relation);
  }

  /** The node of a question, expanded when first asked. Its key: every field, as numbers. */
  private node(q: Question): number {
    if (q.node >= 0) return q.node;
    const key = this.key;
    let n = 0;
    key[n++] = q.relationKey;
    key[n++] = q.time;
    key[n++] = q.wanted === null ? 0 : q.wanted === 'up' ? 1 : 2;
    key[n++] = q.pattern.length;
    for (const v of q.pattern) key[n++] = v;
    if (q.feeds) {
      key[n++] = q.feeds.atom.id;
      key[n++] = q.feeds.evalTime;
      for (const v of q.feeds.env) key[n++] = v;
    } else key[n++] = OPEN;
    const id = this.ids.idOf(key, n);
    if (id === this.expansions.length) {
      // Dense arrays, one entry per node: V8 keeps them fast when never written past their end.
      this.asked.push(null);
      this.answers.push(null);
      this.queued.push(0);
      this.expansions.push(this.expand(q));
    }
    q.node = id;
    return id;
  }

  /** The relevant questions a node asks, as node ids without repeats (computed once). */
  private askedBy(v: number): number[] {
    let out = this.asked[v] ?? null;
    if (out === null) {
      out = [];
      // Repeats change neither the components nor their answers; a set only for long lists.
      let seen: Set<number> | null = null;
      for (const q of this.expansions[v]!.asks) {
        if (!this.relevant(q)) continue;
        const w = this.node(q);
        if (seen ? seen.has(w) : out.includes(w)) continue;
        out.push(w);
        if (seen) seen.add(w);
        else if (out.length > 16) seen = new Set(out);
      }
      this.asked[v] = out;
    }
    return out;
  }

  /**
   * Answer every question reachable from `roots`: discover them (expanding each once), then solve
   * their components in dependency order. A node's answer, once set, is final.
   */
  private solve(roots: readonly number[], base: number): void {
    const open = roots.filter((r) => this.answers[r] === null);
    if (open.length === 0) return;
    // Discovery grows `expansions` while the walk runs; the components below see the final count.
    // A node is queued once (marked with this call's stamp): queued again each time it is asked
    // before its turn, a dense graph made the queue many times the number of nodes.
    const stamp = ++this.stamp;
    const queue = [...open];
    for (const r of open) this.queued[r] = stamp;
    for (let i = 0; i < queue.length; i++)
      for (const w of this.askedBy(queue[i]!))
        if (this.answers[w] === null && this.queued[w] !== stamp) {
          this.queued[w] = stamp;
          queue.push(w);
        }
    // Every node created before this call (below `base`) is answered: the components are found
    // among the newer ones, numbered from 0. An answered input is left out: it would be a component
    // of its own, already answered, changing neither the other components nor their order.
    const count = this.expansions.length - base;
    const local = new Array<number[] | null>(count).fill(null);
    const inputs = (v: number): readonly number[] => {
      let out = local[v] ?? null;
      if (out === null) {
        out = [];
        for (const w of this.askedBy(v + base)) if (this.answers[w] === null) out.push(w - base);
        local[v] = out;
      }
      return out;
    };
    for (const component of componentsInDependencyOrder(
      count,
      open.map((r) => r - base),
      inputs,
    )) {
      for (let i = 0; i < component.length; i++) component[i]! += base;
      const result = this.union(component);
      for (const v of component) this.answers[v] = result;
      // An answered node's expansion and asks are never read again: let them go (a run's explainer
      // may be kept while its hypotheses wait in the search queue).
      for (const v of component) {
        this.expansions[v] = DONE;
        this.asked[v] = null;
      }
    }
  }

  /**
   * The answer of a component: its members' own blockers and their answered inputs', tuples sorted,
   * crashes in first-seen order. When it adds nothing to one input's answer, that answer itself.
   */
  private union(component: readonly number[]): Blockers {
    let only: Blockers | null = null;
    let single = component.length === 1 && this.isEmpty(this.expansions[component[0]!]!);
    if (single)
      for (const w of this.asked[component[0]!]!) {
        const known = this.answers[w];
        if (!known || known.tuples.length + known.crashes.length === 0 || known === only) continue;
        if (only !== null) single = false;
        only = known;
      }
    if (single) return only ?? NONE;
    // Tuples without repeats through a stamp per tuple id (a new stamp per union).
    const stamp = ++this.stamp;
    const tuples: TupleId[] = [];
    const add = (ts: readonly TupleId[]): void => {
      for (const t of ts)
        if (this.seen[t] !== stamp) {
          this.seen[t] = stamp;
          tuples.push(t);
        }
    };
    let crashes: Map<string, CrashBlocker> | null = null;
    for (const v of component) {
      const own = this.expansions[v]!;
      add(own.tuples);
      if (own.crashes && own.crashes.size > 0) {
        crashes ??= new Map();
        for (const [k, c] of own.crashes) crashes.set(k, c);
      }
      for (const w of this.asked[v]!) {
        const known = this.answers[w];
        if (!known) continue; // a member of this component
        add(known.tuples);
        if (known.crashes.length > 0) {
          crashes ??= new Map();
          for (const c of known.crashes) crashes.set(crashKey(c), c);
        }
      }
    }
    return tuples.length === 0 && crashes === null
      ? NONE
      : { tuples: tuples.sort((a, b) => a - b), crashes: crashes ? [...crashes.values()] : [] };
  }

  private isEmpty(e: Expansion): boolean {
    return e.tuples.length === 0 && (e.crashes === null || e.crashes.size === 0);
  }

  /** A question's own blockers and the questions it asks (nothing is solved here). */
  private expand(q: Question): Expansion {
    const out = emptyExpansion();
    if (q.relation === 'crash') {
      out.crashes = new Map();
      for (const c of this.crashBlockers(q.pattern)) out.crashes.set(crashKey(c), c);
      return out;
    }
    for (const rule of this.program.rulesByHead.get(q.relation) ?? []) {
      const evalTime = rule.rule.headTime === 'now' ? q.time : q.time - 1;
      const head = this.run.unifyHead(rule, q.pattern);
      if (evalTime < 1 || !head) continue;
      const loss = lossHelps(rule.aggregate?.fn, q.wanted);
      this.instanceBlockers(rule, head, evalTime, loss, out, q.feeds);
    }
    return out;
  }

  /**
   * The blockers of new instances of `rule` extending `head` at `evalTime`: (a) instances whose
   * positive body holds now but a `notin` blocks (lose what it matched; with `loss`, also any input,
   * as an aggregate changes value when one is lost), and (b) instances needing a new tuple for some
   * positive atom (RuleInstances.asks). An instance that would only feed `feeds` a tuple it
   * re-derives is of no use.
   */
  private instanceBlockers(
    rule: SlotRule,
    head: Env,
    evalTime: number,
    loss: boolean,
    out: Expansion,
    feeds: Feed | null,
  ): void {
    const instances = this.run.instancesOf(rule, head, evalTime);
    // Of the instances, those whose loss matters (null: all of them), when losses help the asker.
    const losses = loss ? this.run.lossInstances(rule, instances.holding, evalTime) : undefined;
    for (const instance of instances.holding) {
      if (instance.head !== null && feeds !== null && this.run.feedsPresent(instance.head, feeds)) continue;
      if (losses === null || losses?.has(instance)) {
        // The input stays while an atom has a tuple to match (a wildcard may match several): losing
        // it needs the first of them lost, which stands for all.
        for (const atom of rule.positives) {
          const ids = this.run.matching(atom, instance.env, evalTime);
          if (ids.length === 0) continue;
          let id = ids[0]!;
          for (const other of ids) if (other < id) id = other;
          out.tuples.push(id);
          if (atom.crashTimeMatters) addCrashes(out, this.run.movedCrashes(id));
        }
        // An input is also lost when a tuple its `notin` atom rules out appears (a crash included).
        if (rule.negated.every((atom) => this.run.matching(atom, instance.env, evalTime).length === 0))
          for (const atom of rule.negated) {
            if (atom.time !== null && atom.time > evalTime) continue; // matches nothing, whatever the faults
            const pattern = this.run.patternOf(atom, instance.env);
            out.asks.push(this.run.question(atom.relation, pattern, atom.time ?? evalTime, null, null));
          }
      }
      for (const id of instance.blocking) out.tuples.push(id);
      addCrashes(out, instance.crashes);
    }
    for (const q of instances.asks) out.asks.push(q);
  }

  /** `notin crash(_, N, T)`: holds until N crashes (at T, or at any time). */
  private crashBlockers(pattern: readonly number[]): CrashBlocker[] {
    // A column the pattern lacks (a malformed arity) names no node, as before ids.
    const node = pattern.length > 1 ? this.run.valueAt(pattern[1]!) : undefined;
    const time = pattern.length > 2 ? this.run.valueAt(pattern[2]!) : undefined;
    return crashBlockersOf(node, time, this.ev.spec);
  }
}

function addCrashes(out: Expansion, crashes: readonly CrashBlocker[]): void {
  if (crashes.length === 0) return;
  out.crashes ??= new Map();
  for (const c of crashes) out.crashes.set(crashKey(c), c);
}

function emptyExpansion(): Expansion {
  return { tuples: [], crashes: null, asks: [] };
}

function crashKey(c: CrashBlocker): string {
  return `${c.node}|${c.time}`;
}
