// A test oracle, not used by ldfi: the absence explainer as it was before it ran on interned ids
// (datalog/lineage/negation.ts until the explainer was made cheap, issue 12). Questions are keyed by
// strings and bindings are maps from variable names, the plainest reading of SPEC §5. The lineage
// graphs lineage.ts builds with it must equal, node for node, the ones it builds with
// AbsenceExplainer (test/lineage-explainer.test.ts). A change to what the explainer answers changes
// both, on purpose; a change to how fast it answers changes only AbsenceExplainer.
import type { Aggregate, BodyAtom, Comparison, Rule, Term, Value } from '../../datalog/syntax/types.js';
import type { Evaluation } from '../../datalog/eval/evaluate.js';
import { aggregate, arith, compare } from '../../datalog/eval/operators.js';
import {
  crashTimeMatters,
  directionFor,
  gainDirection,
  growable,
  lossHelps,
  type Direction,
} from '../../datalog/lineage/patterns.js';
import {
  crashBlockersOf,
  movedCrashBlockers,
  type AbsenceExplanations,
  type Blockers,
  type CrashBlocker,
} from '../../datalog/lineage/negation.js';
import type { Derivation, NegatedAtom, TupleId } from '../../datalog/eval/types.js';
import { componentsInDependencyOrder } from '../../datalog/syntax/scc.js';

type Pattern = readonly (Value | null)[];
type Bindings = ReadonlyMap<string, Value>;

/** One question: could a `relation` tuple matching `pattern` appear at `time`? */
interface Question {
  readonly relation: string;
  readonly pattern: Pattern;
  readonly time: number;
  /** The asker accepts only aggregate values moving this way (see `wantedOf`). */
  readonly wanted: Direction;
  /** What the asker would derive from the new tuple, when known: a tuple that would re-derive a
   * present one is of no use to it. */
  readonly feeds: Feed | null;
}

/** An asking rule instance waiting for a new tuple of `atom`, with the rest of its body bound. */
interface Feed {
  readonly rule: Rule;
  readonly atom: BodyAtom;
  readonly env: Bindings;
  readonly evalTime: number;
}

/** A question's own blockers, and the questions its answer includes. */
interface Expansion {
  readonly tuples: Set<TupleId>;
  readonly crashes: Map<string, CrashBlocker>;
  readonly asks: Question[];
}

/** Most bindings one join may enumerate before the explainer falls back to coarser patterns. */
const JOIN_LIMIT = 5000;

const NONE: Blockers = { tuples: [], crashes: [] };

export class AbsenceOracle implements AbsenceExplanations {
  /** Question key → node id; `expansions` and `answers` are indexed by node id. */
  private readonly ids = new Map<string, number>();
  private readonly expansions: Expansion[] = [];
  private readonly answers: (Blockers | undefined)[] = [];
  private readonly growthMemo = new Map<number, Blockers>();
  /** What facts alone force (blockingLosses). */
  private factsForced: ReadonlySet<TupleId> | null = null;
  /** Body atoms numbered as first met, to name the asker in question keys. */
  private readonly atomIds = new Map<BodyAtom, number>();
  /** `wantedOf` per body atom: it depends on the program only. */
  private readonly wanted = new Map<BodyAtom, Direction>();
  private readonly rulesByHead = new Map<string, Rule[]>();
  /** Relations that can gain a tuple when faults are added (see `growable`). */
  private readonly canGrow: ReadonlySet<string>;
  /** Aggregate relations whose every reader accepts the values a new input moves them to. */
  private readonly gainHarmless: ReadonlySet<string>;

  constructor(private readonly ev: Evaluation) {
    for (const r of ev.program.rules) {
      const list = this.rulesByHead.get(r.head.relation);
      if (list) list.push(r);
      else this.rulesByHead.set(r.head.relation, [r]);
    }
    this.canGrow = growable(ev.program.rules);
    this.gainHarmless = this.harmlessGains();
  }

  /** The blockers of a `notin` atom as a derivation checked it. */
  blockers(atom: NegatedAtom): Blockers {
    return this.answer([
      { relation: atom.relation, pattern: atom.values, time: atom.time, wanted: null, feeds: null },
    ]);
  }

  /**
   * What could change the value of an aggregate derivation's head: a new input binding for its group
   * (a new body tuple, or a `notin` of the body ceasing to block). NONE for other derivations.
   */
  growth(index: number): Blockers {
    const known = this.growthMemo.get(index);
    if (known) return known;
    const d: Derivation = this.ev.derivations[index]!;
    const rule = this.ev.program.rules[d.rule]!;
    let result = NONE;
    if (rule.head.args.some((t) => t.kind === 'aggregate') && !this.gainHarmless.has(rule.head.relation)) {
      const head = this.ev.db.tuple(d.head);
      const group = head.values.map((v, i) => (rule.head.args[i]!.kind === 'aggregate' ? null : v));
      const evalTime = rule.headTime === 'now' ? head.time : head.time - 1;
      const bindings = unifyHead(rule, group);
      if (bindings) {
        const own = emptyExpansion();
        this.instanceBlockers(rule, bindings, evalTime, false, own);
        result = this.answer(own.asks, own);
      }
    }
    this.growthMemo.set(index, result);
    return result;
  }

  /** The union of the answers to `questions` (and of `extra`), solving whatever is not known yet. */
  private answer(questions: readonly Question[], extra?: Expansion): Blockers {
    const roots = questions.flatMap((q) => (this.relevant(q) ? [this.node(q)] : []));
    this.solve(roots);
    const tuples = new Set<TupleId>(extra?.tuples);
    const crashes = new Map(extra?.crashes);
    for (const r of roots) {
      for (const t of this.answers[r]!.tuples) tuples.add(t);
      for (const c of this.answers[r]!.crashes) crashes.set(crashKey(c), c);
    }
    if (roots.length === 1 && !extra) return this.answers[roots[0]!]!;
    return { tuples: [...tuples].sort((a, b) => a - b), crashes: [...crashes.values()] };
  }

  /** Questions whose answer is empty whatever the run: nothing before time 1, monotone relations. */
  private relevant(q: Question): boolean {
    return q.time >= 1 && this.canGrow.has(q.relation);
  }

  private node(q: Question): number {
    const key = `${q.relation}|${q.time}|${q.wanted}|${JSON.stringify(q.pattern)}|${this.feedKey(q.feeds)}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.expansions.length;
      this.ids.set(key, id);
      this.expansions.push(this.expand(q));
    }
    return id;
  }

  /**
   * Answer every question reachable from `roots`: discover them (expanding each once), then solve
   * their components in dependency order. A node's answer, once set, is final.
   */
  private solve(roots: readonly number[]): void {
    const asks: number[][] = [];
    const askedBy = (v: number): number[] =>
      (asks[v] ??= this.expansions[v]!.asks.flatMap((q) => (this.relevant(q) ? [this.node(q)] : [])));
    const open = roots.filter((r) => this.answers[r] === undefined);
    if (open.length === 0) return;
    // Discovery grows `expansions` while the walk runs; the components below see the final count.
    for (let queue = [...open], i = 0; i < queue.length; i++)
      for (const w of askedBy(queue[i]!))
        if (this.answers[w] === undefined && asks[w] === undefined) queue.push(w);
    const inputs = (v: number): readonly number[] => (this.answers[v] !== undefined ? [] : askedBy(v));
    for (const component of componentsInDependencyOrder(this.expansions.length, open, inputs)) {
      if (this.answers[component[0]!] !== undefined) continue;
      const tuples = new Set<TupleId>();
      const crashes = new Map<string, CrashBlocker>();
      for (const v of component) {
        for (const t of this.expansions[v]!.tuples) tuples.add(t);
        for (const [k, c] of this.expansions[v]!.crashes) crashes.set(k, c);
        for (const w of askedBy(v)) {
          const known = this.answers[w];
          if (!known) continue; // a member of this component
          for (const t of known.tuples) tuples.add(t);
          for (const c of known.crashes) crashes.set(crashKey(c), c);
        }
      }
      const result: Blockers =
        tuples.size + crashes.size === 0
          ? NONE
          : { tuples: [...tuples].sort((a, b) => a - b), crashes: [...crashes.values()] };
      for (const v of component) this.answers[v] = result;
    }
  }

  private feedKey(f: Feed | null): string {
    if (!f) return '';
    let ids = this.atomIds.get(f.atom);
    if (ids === undefined) this.atomIds.set(f.atom, (ids = this.atomIds.size));
    return `${ids}|${f.evalTime}|${JSON.stringify([...f.env].sort((a, b) => (a[0] < b[0] ? -1 : 1)))}`;
  }

  /** A question's own blockers and the questions it asks (nothing is solved here). */
  private expand(q: Question): Expansion {
    const out = emptyExpansion();
    if (q.relation === 'crash') {
      for (const c of this.crashBlockers(q.pattern)) out.crashes.set(crashKey(c), c);
      return out;
    }
    for (const rule of this.rulesByHead.get(q.relation) ?? []) {
      const evalTime = rule.headTime === 'now' ? q.time : q.time - 1;
      const head = unifyHead(rule, q.pattern);
      if (evalTime < 1 || !head) continue;
      const aggregate = rule.head.args.find((t): t is Aggregate => t.kind === 'aggregate');
      this.instanceBlockers(rule, head, evalTime, lossHelps(aggregate?.fn, q.wanted), out, q.feeds);
    }
    return out;
  }

  /**
   * The blockers of new instances of `rule` extending `head` at `evalTime`: (a) instances whose
   * positive body holds now but a `notin` blocks (lose what it matched; with `loss`, also any input,
   * as an aggregate changes value when one is lost), and (b) instances needing a new tuple for some
   * positive atom, asked about with the atom's columns bound by the other atoms as they hold now
   * (or by the head alone).
   */
  private instanceBlockers(
    rule: Rule,
    head: Bindings,
    evalTime: number,
    loss: boolean,
    out: Expansion,
    feeds: Feed | null = null,
  ): void {
    const positives = rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
    // An atom `@k` reads nothing before step k (SPEC §2): no instance of the rule fires at evalTime,
    // whatever the faults, so it blocks nothing. (Reading step k's tuples here would make a tuple of
    // step k block a tuple it rests on: a cycle, under which the lineage says it cannot hold at all.)
    if (positives.some((atom) => atom.time !== null && atom.time > evalTime)) return;
    const envs = this.join(positives, head, evalTime).filter((env) =>
      rule.body.every((b) => b.kind !== 'compare' || compareHolds(b, env)),
    );
    const losers = loss ? this.losers(rule, positives, envs, evalTime) : null;
    for (const env of envs) {
      // Unblocking an instance whose head is already present makes nothing new appear.
      if (this.useless(rule, env, evalTime, feeds)) continue;
      const blocking = this.blockingLosses(rule, positives, env, evalTime);
      if (blocking === null) continue; // its own body keeps a blocker: it never fires
      if (loss && (losers === null || losers.has(env))) {
        // Of the tuples an atom matches (a wildcard), the smallest id stands for all.
        for (const atom of positives) {
          const ids = this.matching(atom, env, evalTime);
          if (ids.length === 0) continue;
          const id = ids.reduce((a, b) => (a < b ? a : b));
          out.tuples.add(id);
          if (crashTimeMatters(rule, atom)) this.movedCrashes(id, out);
        }
        // An input is also lost when a tuple its `notin` atom rules out appears (a crash included).
        if (this.isInput(rule, env, evalTime)) this.askNegated(rule, env, evalTime, out);
      }
      for (const item of rule.body) {
        if (item.kind !== 'body-atom' || !item.negated) continue;
        // A crash tuple the `notin` matched goes away only when its node crashes earlier instead.
        const crash = item.atom.relation === 'crash';
        if (crash && !crashTimeMatters(rule, item)) continue;
        if (crash) for (const id of this.matching(item, env, evalTime)) this.movedCrashes(id, out);
      }
      for (const id of blocking) out.tuples.add(id);
    }
    positives.forEach((atom, i) => {
      const at = atom.time ?? evalTime;
      const others = positives.filter((_, j) => j !== i);
      const envs = this.join(others, head, evalTime);
      const patterns = new Map<string, { pat: Pattern; feeds: Feed | null }>();
      for (const env of envs.length > 0 ? envs : [head]) {
        for (const pat of this.crashTimes(
          rule,
          atom,
          env,
          atom.atom.args.map((t) => valueOf(t, env)),
        )) {
          const key = JSON.stringify(pat);
          // Two instances asking the same pattern: no single asker to check against.
          const feeds = patterns.has(key) ? null : { rule, atom, env, evalTime };
          patterns.set(key, { pat, feeds });
        }
      }
      for (const { pat, feeds } of patterns.values()) {
        if (!pat.includes(null) && this.ev.db.matching(atom.atom.relation, pat, at).length > 0) continue;
        out.asks.push({
          relation: atom.atom.relation,
          pattern: pat,
          time: at,
          wanted: this.wantedOf(rule, atom),
          feeds: rule.head.args.some((t) => t.kind === 'aggregate') ? null : feeds,
        });
      }
    });
  }

  /**
   * For `max` and `min`: per group, the one input (of those counted now) that attains the group's
   * value with the smallest tuple ids; null (every input) for other aggregates.
   */
  private losers(
    rule: Rule,
    positives: readonly BodyAtom[],
    envs: readonly Bindings[],
    evalTime: number,
  ): Set<Bindings> | null {
    const agg = rule.head.args.find((t): t is Aggregate => t.kind === 'aggregate');
    if (agg?.fn !== 'max' && agg?.fn !== 'min') return null;
    const groups = new Map<string, Bindings[]>();
    for (const env of envs) {
      if (!this.isInput(rule, env, evalTime)) continue;
      if (!env.has(agg.arg.name)) return null;
      const key = JSON.stringify(
        rule.head.args.filter((t) => t.kind !== 'aggregate').map((t) => termValue(t, env)),
      );
      groups.set(key, [...(groups.get(key) ?? []), env]);
    }
    const out = new Set<Bindings>();
    for (const members of groups.values()) {
      const value = aggregate(
        agg.fn,
        members.map((env) => env.get(agg.arg.name)!),
      );
      const ids = (env: Bindings): TupleId[] =>
        positives.flatMap((atom) => this.matching(atom, env, evalTime));
      const attaining = members.filter((env) => env.get(agg.arg.name) === value);
      attaining.sort((x, y) => {
        const [a, b] = [ids(x), ids(y)];
        for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
        return a.length - b.length;
      });
      if (attaining.length > 0) out.add(attaining[0]!);
    }
    return out;
  }

  /**
   * What an instance's `notin` atoms matched, each replaced by the losses its own loss needs while
   * the instance's body holds; null when that body keeps one of them whatever the faults.
   */
  private blockingLosses(
    rule: Rule,
    positives: readonly BodyAtom[],
    env: Bindings,
    evalTime: number,
  ): TupleId[] | null {
    const given: TupleId[] = [];
    for (const atom of positives) {
      if (!atom.atom.args.every((t) => t.kind === 'var' || t.kind === 'const')) continue;
      const ids = this.matching(atom, env, evalTime);
      if (ids.length === 1) given.push(ids[0]!);
    }
    const forced = this.forcedSet(given);
    const facts = (this.factsForced ??= this.forcedSet([]));
    const out = new Set<TupleId>();
    for (const item of rule.body) {
      if (item.kind !== 'body-atom' || !item.negated || item.atom.relation === 'crash') continue;
      for (const id of this.matching(item, env, evalTime)) {
        const dropped: TupleId[] = [];
        const losses = this.lossesOf(id, forced, dropped);
        if (losses.length === 0) return null;
        // Dropping only what facts force leaves the same losses as the tuple itself: keep it.
        if (dropped.every((t) => facts.has(t))) out.add(id);
        else for (const t of losses) out.add(t);
      }
    }
    return [...out];
  }

  /**
   * A tuple the run derived once, by a rule that fires whenever its body holds: its body, recursively,
   * without what `forced` holds (noted in `dropped`).
   */
  private lossesOf(id: TupleId, forced: ReadonlySet<TupleId>, dropped: TupleId[]): TupleId[] {
    if (forced.has(id)) {
      dropped.push(id);
      return [];
    }
    const ds = this.ev.derivationsOf(id);
    const only = ds.length === 1 ? this.ev.derivations[ds[0]!]! : null;
    // A `clock` or `crash` tuple is cut through the rule that reads it: that rule's head stays.
    const reads = (b: TupleId): boolean => ['clock', 'crash'].includes(this.ev.db.tuple(b).relation);
    if (this.ev.isBase(id) || !only || !this.unconditional(only) || only.body.some(reads)) return [id];
    return [...new Set(only.body.flatMap((b) => this.lossesOf(b, forced, dropped)))];
  }

  /** Every tuple present whenever `given` is, whatever the faults: a forward fixpoint over the run. */
  private forcedSet(given: readonly TupleId[]): ReadonlySet<TupleId> {
    const { db } = this.ev;
    const out = new Set<TupleId>(given);
    for (let id = 0; id < db.size; id++)
      if (this.ev.isBase(id) && !['clock', 'crash'].includes(db.tuple(id).relation)) out.add(id);
    for (let changed = true; changed;) {
      changed = false;
      for (const d of this.ev.derivations)
        if (!out.has(d.head) && this.unconditional(d) && d.body.every((b) => out.has(b))) {
          out.add(d.head);
          changed = true;
        }
    }
    return out;
  }

  /** No `notin`, no aggregate, no message between nodes: it fires whenever its body holds. */
  private unconditional(d: Derivation): boolean {
    const rule = this.ev.program.rules[d.rule]!;
    return (
      d.message === null && d.negated.length === 0 && !rule.head.args.some((t) => t.kind === 'aggregate')
    );
  }

  /**
   * The patterns to ask for a positive atom: `pat` itself, but for a `crash` atom whose time is a
   * variable the rest of the rule uses (a comparison, the head, another atom) and nothing bound, one
   * pattern per crash time the comparisons allow. A crash at another time makes another tuple appear:
   * `crash(L, L, T), T == 1` is met by a crash at 1 only, and an open time would let the solver stand
   * for every crash time by the latest one (solver/universe.ts), which never meets it.
   */
  private crashTimes(rule: Rule, atom: BodyAtom, env: Bindings, pat: Pattern): Pattern[] {
    const time = atom.atom.args[2];
    if (pat[2] !== null || time?.kind !== 'var' || !crashTimeMatters(rule, atom)) return [pat];
    const name = time.name;
    const out: Pattern[] = [];
    for (let t = 1; t <= this.ev.spec.eot; t++) {
      const at = new Map(env).set(name, t);
      if (rule.body.every((b) => b.kind !== 'compare' || compareHolds(b, at)))
        out.push([pat[0] ?? null, pat[1] ?? null, t]);
    }
    return out;
  }

  /** The instance's `notin` atoms all hold: it is an input of its (aggregate) rule now. */
  private isInput(rule: Rule, env: Bindings, evalTime: number): boolean {
    return rule.body.every(
      (b) => b.kind !== 'body-atom' || !b.negated || this.matching(b, env, evalTime).length === 0,
    );
  }

  /** Asks whether a tuple matching each `notin` atom of the instance could appear. */
  private askNegated(rule: Rule, env: Bindings, evalTime: number, out: Expansion): void {
    for (const item of rule.body) {
      if (item.kind !== 'body-atom' || !item.negated) continue;
      if (item.time !== null && item.time > evalTime) continue; // matches nothing, whatever the faults
      const pattern = item.atom.args.map((t) => valueOf(t, env));
      out.asks.push({
        relation: item.atom.relation,
        pattern,
        time: item.time ?? evalTime,
        wanted: null,
        feeds: null,
      });
    }
  }

  /**
   * Would unblocking this instance of `rule` add nothing new: its head is present already, or the
   * instance of the asking rule it would feed re-derives a present tuple?
   */
  private useless(rule: Rule, env: Bindings, evalTime: number, feeds: Feed | null): boolean {
    const values = this.presentHead(rule, env, evalTime);
    if (values === true) return true;
    if (values === null || feeds === null) return false;
    const next = new Map(feeds.env);
    for (const [i, t] of feeds.atom.atom.args.entries()) {
      if (t.kind !== 'var') continue;
      const had = next.get(t.name);
      if (had !== undefined && had !== values[i]) return false;
      next.set(t.name, values[i]!);
    }
    return this.presentHead(feeds.rule, next, feeds.evalTime) === true;
  }

  /** true when the head of `rule` under `env` is present; else its values, or null when unknown. */
  private presentHead(rule: Rule, env: Bindings, evalTime: number): Value[] | true | null {
    const values = rule.head.args.map((t) => (t.kind === 'aggregate' ? null : termValue(t, env)));
    if (values.includes(null)) return null;
    const time = rule.headTime === 'now' ? evalTime : evalTime + 1;
    return this.ev.db.find(rule.head.relation, values as Value[], time) !== undefined
      ? true
      : (values as Value[]);
  }

  /**
   * Aggregate relations a new input cannot hurt: every rule defining them moves the value the same
   * way on a gain, every reader accepts values moving that way (`wantedOf`), none negates them, and
   * they are not `pre` or `post` (whose tuples are compared as they are).
   */
  private harmlessGains(): Set<string> {
    const out = new Set<string>();
    for (const [relation, defs] of this.rulesByHead) {
      if (relation === 'pre' || relation === 'post') continue;
      const gains = new Set(
        defs.map((r) => {
          const agg = r.head.args.find((t): t is Aggregate => t.kind === 'aggregate');
          return agg ? gainDirection(agg.fn) : null;
        }),
      );
      const gain = gains.size === 1 ? [...gains][0]! : null;
      if (gain === null) continue;
      const readers = this.ev.program.rules.flatMap((r) =>
        r.body.flatMap((b) =>
          b.kind === 'body-atom' && b.atom.relation === relation ? [[r, b] as const] : [],
        ),
      );
      if (readers.every(([r, b]) => !b.negated && this.wantedOf(r, b) === gain)) out.add(relation);
    }
    return out;
  }

  /**
   * How `rule` uses the aggregate column of `atom` (when its relation is an aggregate): 'up' when only
   * comparisons like `X >= e` read it, 'down' for `X <= e`, else null.
   */
  private wantedOf(rule: Rule, atom: BodyAtom): Direction {
    let wanted = this.wanted.get(atom);
    if (wanted === undefined) this.wanted.set(atom, (wanted = directionFor(this.rulesByHead, rule, atom)));
    return wanted;
  }

  /**
   * The bindings under which every atom matches a present tuple, extending `env`; at most
   * JOIN_LIMIT of them (past it, none: the caller falls back to coarser patterns).
   */
  private join(atoms: readonly BodyAtom[], env: Bindings, evalTime: number): Bindings[] {
    const out: Bindings[] = [];
    const walk = (i: number, cur: Bindings): boolean => {
      if (i === atoms.length) {
        out.push(cur);
        return out.length <= JOIN_LIMIT;
      }
      const atom = atoms[i]!;
      const args = atom.atom.args;
      for (const id of this.matching(atom, cur, evalTime)) {
        const values = this.ev.db.args(id).map((v) => this.ev.db.value(v));
        const next = new Map(cur);
        let ok = true;
        args.forEach((t, c) => {
          if (t.kind !== 'var') return;
          const had = next.get(t.name);
          if (had !== undefined && had !== values[c]) ok = false;
          else next.set(t.name, values[c]!);
        });
        if (ok && !walk(i + 1, next)) return false;
      }
      return true;
    };
    return walk(0, env) ? out : [];
  }

  /**
   * A present `crash(_, N, T)` tuple is gone if N crashes at some t < T instead (a moved crash,
   * solver/universe.ts): one blocker per such t, each cut by a crash of N at exactly t.
   */
  private movedCrashes(id: TupleId, out: Expansion): void {
    for (const c of movedCrashBlockers(this.ev.db.tuple(id).values)) out.crashes.set(crashKey(c), c);
  }

  /** `notin crash(_, N, T)`: holds until N crashes (at T, or at any time). */
  private crashBlockers(pattern: Pattern): CrashBlocker[] {
    return crashBlockersOf(pattern[1], pattern[2], this.ev.spec);
  }

  /** Present tuples matching a body atom under `env` (unbound columns open), at its time. */
  private matching(atom: BodyAtom, env: Bindings, evalTime: number): readonly TupleId[] {
    if (atom.time !== null && atom.time > evalTime) return []; // `@k` reads nothing before step k
    const pattern = atom.atom.args.map((t) => valueOf(t, env));
    return this.ev.db.matching(atom.atom.relation, pattern, atom.time ?? evalTime);
  }
}

function emptyExpansion(): Expansion {
  return { tuples: new Set(), crashes: new Map(), asks: [] };
}

function crashKey(c: CrashBlocker): string {
  return `${c.node}|${c.time}`;
}

/**
 * Bind the rule head's variables to the pattern; null when a constant contradicts it. Aggregate
 * columns bind nothing: the explainer asks about a group, whatever its aggregate values.
 */
function unifyHead(rule: Rule, pattern: Pattern): Map<string, Value> | null {
  const bindings = new Map<string, Value>();
  for (let i = 0; i < rule.head.args.length; i++) {
    const want = pattern[i];
    const term = rule.head.args[i]!;
    if (want === null || want === undefined) continue;
    if (term.kind === 'const' && term.value !== want) return null;
    if (term.kind === 'var') {
      const had = bindings.get(term.name);
      if (had !== undefined && had !== want) return null;
      bindings.set(term.name, want);
    }
  }
  return bindings;
}

/** A comparison under complete bindings; true when it cannot be evaluated (stay conservative). */
function compareHolds(c: Comparison, env: Bindings): boolean {
  const l = termValue(c.left, env);
  const r = termValue(c.right, env);
  return l === null || r === null || compare(c.op, l, r);
}

/** A term's value under `env`; null when unbound or undefined (arithmetic on a string). */
function termValue(t: Term, env: Bindings): Value | null {
  if (t.kind !== 'binary') return valueOf(t, env);
  const l = termValue(t.left, env);
  const r = termValue(t.right, env);
  if (typeof l !== 'number' || typeof r !== 'number') return null;
  // Past the exact integers the run itself stops (E021): such a binding is unknown here.
  const v = arith(t.op, l, r);
  return v !== null && Number.isSafeInteger(v) ? v : null;
}

function valueOf(t: Term, bindings: Bindings): Value | null {
  if (t.kind === 'const') return t.value;
  if (t.kind === 'var') return bindings.get(t.name) ?? null;
  return null;
}
