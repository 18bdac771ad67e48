// Rule instances in one run, as the absence explainer (negation.ts) reads them: joins of body atoms
// against the run's tuples, patterns and head lookups, all on interned value ids (slots.ts). The
// instances of a rule under a head binding do not depend on who asks, so each is worked out once per
// run however many questions reach it.
import type { Value } from '../syntax/types.js';
import type { Evaluation } from '../eval/evaluate.js';
import { aggregate, arith, compare } from '../eval/operators.js';
import type { Direction } from './patterns.js';
import {
  OPEN,
  SequenceIds,
  type ExplainedProgram,
  type SlotAtom,
  type SlotRule,
  type SlotTerm,
} from './slots.js';
import type { Crash, TupleId } from '../eval/types.js';
import { ForcedTuples } from './forced.js';

/** A crash that makes a negated `crash` atom hold: of `node` at `time` (any time when null). */
export interface CrashBlocker {
  readonly node: string;
  readonly time: number | null;
}

/**
 * A present `crash(_, N, T)` tuple is gone if N crashes at some t < T instead (a moved crash,
 * solver/universe.ts): one blocker per such t, each cut by a crash of N at exactly t.
 */
export function movedCrashBlockers(values: readonly Value[]): CrashBlocker[] {
  const [, node, time] = values;
  if (typeof node !== 'string' || typeof time !== 'number') return [];
  const out: CrashBlocker[] = [];
  for (let t = 1; t < time; t++) out.push({ node, time: t });
  return out;
}

/**
 * The crashes that make `notin crash(_, node, time)` hold (`null`: a column left open, `undefined`:
 * a column the atom lacks, which names no node): each candidate node crashing at `time`, or at any
 * time. A node crashes once; one that crashed in the run at t adds no crash tuple, except by crashing
 * earlier instead, which the solver may propose (solver/universe.ts): a crash at time < t.
 */
export function crashBlockersOf(
  node: Value | null | undefined,
  time: Value | null | undefined,
  spec: { readonly nodes: readonly string[]; readonly crashes: readonly Crash[] },
): CrashBlocker[] {
  const candidates = typeof node === 'string' ? [node] : node === null ? spec.nodes : [];
  const nodes = candidates.filter((n) => {
    const at = spec.crashes.find((c) => c.node === n)?.time;
    return at === undefined || (typeof time === 'number' && time < at);
  });
  return nodes.map((n) => ({ node: n, time: typeof time === 'number' ? time : null }));
}

/** A binding of a rule's slots to value ids, OPEN where unbound. */
export type Env = readonly number[];

/** One question: could a `relation` tuple matching `pattern` (value ids, OPEN columns) appear at `time`? */
export interface Question {
  readonly relation: string;
  readonly relationKey: number;
  readonly pattern: readonly number[];
  readonly time: number;
  /** The asker accepts only aggregate values moving this way (see `SlotAtom.wanted`). */
  readonly wanted: Direction;
  /** What the asker would derive from the new tuple, when known: a tuple that would re-derive a
   * present one is of no use to it. */
  readonly feeds: Feed | null;
  /** Its node in the explainer's question graph, once known (-1 before). */
  node: number;
}

/** An asking rule instance waiting for a new tuple of `atom`, with the rest of its body bound. */
export interface Feed {
  readonly rule: SlotRule;
  readonly atom: SlotAtom;
  readonly env: Env;
  readonly evalTime: number;
}

/** A rule instance whose positive body and comparisons hold now, and whose head is absent. */
export interface Instance {
  readonly env: Env;
  /** The head's value ids (absent), or null when some column is not known. */
  readonly head: readonly number[] | null;
  /** Present tuples its `notin` atoms (but `crash`) match: losing one unblocks it. */
  readonly blocking: readonly TupleId[];
  /**
   * Crashes that remove a `crash` tuple a `notin` matched whose time matters (a moved crash,
   * `movedCrashBlockers`), in order.
   */
  readonly crashes: readonly CrashBlocker[];
}

/** The instances of a rule extending a head binding at a time step. */
export interface RuleInstances {
  readonly holding: readonly Instance[];
  /**
   * Instances needing a new tuple for some positive atom, as questions with the atom's columns bound
   * by the other atoms as they hold now (or by the head alone); only questions that can have an
   * answer (a relation that can grow, at time 1 or later).
   */
  readonly asks: readonly Question[];
}

const NO_INSTANCES: RuleInstances = { holding: [], asks: [] };

/** Most bindings one join may enumerate before the explainer falls back to coarser patterns. */
const JOIN_LIMIT = 5000;

/** Value ids past every id a run interns: values only the explainer computes (arithmetic). */
const EXTRA_IDS = 2 ** 30;

export class RunInstances {
  /** The run's value ids of the program's constants, and of values only computed here. */
  private readonly constIds: number[];
  private readonly extraIds = new Map<Value, number>();
  private readonly extraValues: Value[] = [];
  /** Keys of relations the program does not name (asked about by a caller). */
  private readonly extraRelations = new Map<string, number>();
  private readonly instanceIds = new SequenceIds();
  private readonly instances: RuleInstances[] = [];
  /** A pattern buffer per body atom, for lookups that keep no pattern. */
  private readonly scratch: number[][] = [];
  private readonly key: number[] = [];
  /** The run's relation id of each relation key (-1: the run has no tuple of it). */
  private readonly relIds: number[];
  private readonly forced: ForcedTuples;

  constructor(
    private readonly ev: Evaluation,
    private readonly program: ExplainedProgram,
  ) {
    this.constIds = program.constants.map((v) => this.idOf(v));
    this.relIds = [...program.relations.keys()].map((name) => ev.db.relationIdOf(name));
    this.forced = new ForcedTuples(ev, program);
  }

  question(
    relation: string,
    pattern: readonly number[],
    time: number,
    wanted: Direction,
    feeds: Feed | null,
  ): Question {
    let relationKey = this.program.relations.get(relation);
    if (relationKey === undefined) {
      relationKey = this.extraRelations.get(relation);
      if (relationKey === undefined)
        this.extraRelations.set(
          relation,
          (relationKey = this.program.relations.size + this.extraRelations.size),
        );
    }
    return { relation, relationKey, pattern, time, wanted, feeds, node: -1 };
  }

  /** The instances of `rule` extending `head` at `evalTime` (worked out on first use). */
  instancesOf(rule: SlotRule, head: Env, evalTime: number): RuleInstances {
    const key = this.key;
    let n = 0;
    key[n++] = rule.index;
    key[n++] = evalTime;
    for (const v of head) key[n++] = v;
    const id = this.instanceIds.idOf(key, n);
    if (id === this.instances.length) this.instances.push(this.compute(rule, head, evalTime));
    return this.instances[id]!;
  }

  private compute(rule: SlotRule, head: Env, evalTime: number): RuleInstances {
    // An atom `@k` reads nothing before step k (SPEC §2): no instance of the rule fires at evalTime,
    // whatever the faults, so it blocks nothing. (Reading step k's tuples here would make a tuple of
    // step k block a tuple it rests on: a cycle, under which the lineage says it cannot hold at all.)
    if (rule.positives.some((atom) => atom.time !== null && atom.time > evalTime)) return NO_INSTANCES;
    const holding: Instance[] = [];
    for (const env of this.join(rule.positives, -1, head, evalTime)) {
      if (!rule.comparisons.every((c) => this.compareHolds(c.op, c.left, c.right, env))) continue;
      // Unblocking an instance whose head is already present makes nothing new appear.
      const present = this.presentHead(rule, env, evalTime);
      if (present === true) continue;
      const matched: TupleId[] = [];
      const crashes: CrashBlocker[] = [];
      for (const atom of rule.negated) {
        // A crash tuple the `notin` matched goes away only when its node crashes earlier instead.
        const crash = atom.relation === 'crash';
        if (crash && !atom.crashTimeMatters) continue;
        for (const t of this.matching(atom, env, evalTime))
          if (crash) crashes.push(...this.movedCrashes(t));
          else matched.push(t);
      }
      const blocking = this.refine(rule, env, evalTime, matched);
      // Its own body keeps a blocker: the instance never fires, whatever the faults (forced.ts).
      if (blocking === null) continue;
      holding.push({ env, head: present, blocking, crashes });
    }
    const asks: Question[] = [];
    for (let i = 0; i < rule.positives.length; i++) this.askPositive(rule, i, head, evalTime, asks);
    return { holding, asks };
  }

  /**
   * The instances of an aggregate rule whose loss can change its value. For `max` and `min`, one
   * input per group that attains the group's value: the value moves only once every input attaining
   * it is lost, so each is a necessary loss, and the one with the smallest tuple ids stands for all.
   * Otherwise null: every input (inputs a `notin` blocks now change nothing when lost; keeping them
   * is a harmless over-approximation).
   */
  lossInstances(
    rule: SlotRule,
    holding: readonly Instance[],
    evalTime: number,
  ): ReadonlySet<Instance> | null {
    const fn = rule.aggregate?.fn;
    if (fn !== 'max' && fn !== 'min') return null;
    const groups = new SequenceIds();
    const members: { instance: Instance; value: Value }[][] = [];
    const group: number[] = [];
    for (const instance of holding) {
      // Only inputs that count now: every `notin` of the instance holds (a crash tuple included).
      if (rule.negated.some((atom) => this.matching(atom, instance.env, evalTime).length > 0)) continue;
      const value = this.valueAt(instance.env[rule.aggregateSlot] ?? OPEN);
      if (value === null) return null; // unknown: every input may matter
      let n = 0;
      for (const t of rule.head) if (t.kind !== 'open') group[n++] = this.termId(t, instance.env);
      (members[groups.idOf(group, n)] ??= []).push({ instance, value });
    }
    const out = new Set<Instance>();
    for (const inputs of members) {
      // The group's value as the engine computes it; one of the inputs attaining it, by tuple ids.
      const value = aggregate(
        fn,
        inputs.map((m) => m.value),
      );
      let chosen: { instance: Instance; key: TupleId[] } | null = null;
      for (const m of inputs) {
        if (m.value !== value) continue;
        const key = rule.positives.flatMap((atom) => this.matching(atom, m.instance.env, evalTime));
        if (!chosen || compareIds(key, chosen.key) < 0) chosen = { instance: m.instance, key };
      }
      if (chosen) out.add(chosen.instance);
    }
    return out;
  }

  /**
   * The blockers of an instance as losses its firing needs (forced.ts): each matched tuple, or the
   * body tuples its loss needs while the instance's own body holds; null when that body forces one
   * (the instance never fires). The body is the positive atoms bound whole (one tuple each).
   */
  private refine(rule: SlotRule, env: Env, evalTime: number, matched: readonly TupleId[]): TupleId[] | null {
    if (matched.length === 0) return [];
    const given: TupleId[] = [];
    for (const atom of rule.positives) {
      if (atom.args.some((t) => t.kind !== 'var' && t.kind !== 'const')) continue;
      const ids = this.matching(atom, env, evalTime);
      if (ids.length === 1) given.push(ids[0]!);
    }
    const out: TupleId[] = [];
    for (const t of matched) {
      const residual = this.forced.residual(t, given);
      if (residual.length === 0) return null;
      for (const r of residual) if (!out.includes(r)) out.push(r);
    }
    return out;
  }

  private askPositive(rule: SlotRule, i: number, head: Env, evalTime: number, asks: Question[]): void {
    const atom = rule.positives[i]!;
    const at = atom.time ?? evalTime;
    // A question that cannot have an answer is not asked, so its join is not run.
    if (at < 1 || !this.program.canGrow.has(atom.relation)) return;
    const envs = this.join(rule.positives, i, head, evalTime);
    // Patterns in first-seen order; two instances asking the same pattern leave no single asker.
    const patterns: number[][] = [];
    const feeds: (Feed | null)[] = [];
    const seen = new SequenceIds();
    const pat = (this.scratch[atom.id] ??= new Array<number>(atom.args.length));
    for (const env of envs.length > 0 ? envs : [head]) {
      this.fillPattern(atom, env, pat);
      for (const p of this.crashTimes(rule, atom, env, pat)) {
        // A new pattern gets the next id, which is its index in `patterns`.
        const n = seen.idOf(p);
        if (n < patterns.length) feeds[n] = null;
        else {
          patterns.push(p === pat ? pat.slice() : p);
          feeds.push({ rule, atom, env, evalTime });
        }
      }
    }
    const rel = this.relIds[atom.relationKey]!;
    patterns.forEach((pat, n) => {
      if (!pat.includes(OPEN) && this.ev.db.matchingIds(rel, pat, at).length > 0) return;
      asks.push(this.question(atom.relation, pat, at, atom.wanted, rule.aggregate ? null : feeds[n]!));
    });
  }

  /**
   * The patterns to ask for a positive atom: `pat` itself, but for a `crash` atom whose time is a
   * variable the rest of the rule uses (a comparison, the head, another atom) and nothing bound, one
   * pattern per crash time the comparisons allow. A crash at another time makes another tuple appear:
   * `crash(L, L, T), T == 1` is met by a crash at 1 only, and an open time would let the solver stand
   * for every crash time by the latest one (solver/universe.ts), which never meets it.
   */
  private crashTimes(rule: SlotRule, atom: SlotAtom, env: Env, pat: number[]): number[][] {
    const time = atom.args[2];
    if (pat[2] !== OPEN || time?.kind !== 'var' || !atom.crashTimeMatters) return [pat];
    const out: number[][] = [];
    const at = env.slice();
    for (let t = 1; t <= this.ev.spec.eot; t++) {
      at[time.slot] = this.idOf(t);
      if (rule.comparisons.every((c) => this.compareHolds(c.op, c.left, c.right, at)))
        out.push([pat[0] ?? OPEN, pat[1] ?? OPEN, at[time.slot]!]);
    }
    return out;
  }

  /** The crashes that would remove a present crash tuple (see `movedCrashBlockers`). */
  movedCrashes(id: TupleId): CrashBlocker[] {
    return movedCrashBlockers(this.ev.db.tuple(id).values);
  }

  /** Would the instance of the asking rule that `head` (value ids of a new tuple) feeds re-derive a present tuple? */
  feedsPresent(head: readonly number[], feeds: Feed): boolean {
    const next = feeds.env.slice();
    const args = feeds.atom.args;
    for (let i = 0; i < args.length; i++) {
      const t = args[i]!;
      if (t.kind !== 'var') continue;
      const had = next[t.slot]!;
      if (had !== OPEN && had !== head[i]) return false;
      next[t.slot] = head[i]!;
    }
    return this.presentHead(feeds.rule, next, feeds.evalTime) === true;
  }

  /** true when the head of `rule` under `env` is present; else its value ids, or null when unknown. */
  private presentHead(rule: SlotRule, env: Env, evalTime: number): number[] | true | null {
    const ids: number[] = [];
    for (const t of rule.head) {
      const id = this.termId(t, env);
      if (id === OPEN) return null;
      ids.push(id);
    }
    const time = rule.rule.headTime === 'now' ? evalTime : evalTime + 1;
    return this.ev.db.findIds(this.relIds[rule.headKey]!, ids, time) !== undefined ? true : ids;
  }

  /**
   * The bindings under which every atom but `skip` matches a present tuple, extending `env`; at most
   * JOIN_LIMIT of them (past it, none: the caller falls back to coarser patterns).
   */
  private join(atoms: readonly SlotAtom[], skip: number, env: Env, evalTime: number): Env[] {
    if (atoms.length === (skip < 0 ? 0 : 1)) return [env];
    const out: Env[] = [];
    return this.walk(atoms, skip, 0, env.slice(), [], out, evalTime) ? out : [];
  }

  /** Bind atom `i` onwards in `cur`, recording bound slots on `trail` to unbind them on the way back. */
  private walk(
    atoms: readonly SlotAtom[],
    skip: number,
    i: number,
    cur: number[],
    trail: number[],
    out: Env[],
    evalTime: number,
  ): boolean {
    if (i === skip) i++;
    if (i === atoms.length) {
      out.push(cur.slice());
      return out.length <= JOIN_LIMIT;
    }
    const args = atoms[i]!.args;
    for (const id of this.matching(atoms[i]!, cur, evalTime)) {
      const values = this.ev.db.args(id);
      const mark = trail.length;
      let ok = true;
      for (let c = 0; c < args.length && ok; c++) {
        const t = args[c]!;
        if (t.kind !== 'var') continue;
        const had = cur[t.slot]!;
        if (had === OPEN) {
          cur[t.slot] = values[c]!;
          trail.push(t.slot);
        } else ok = had === values[c];
      }
      const more = !ok || this.walk(atoms, skip, i + 1, cur, trail, out, evalTime);
      while (trail.length > mark) cur[trail.pop()!] = OPEN;
      if (!more) return false;
    }
    return true;
  }

  /** Present tuples matching a body atom under `env` (unbound columns open), at its time. */
  matching(atom: SlotAtom, env: Env, evalTime: number): readonly TupleId[] {
    if (atom.time !== null && atom.time > evalTime) return []; // `@k` reads nothing before step k
    const pattern = (this.scratch[atom.id] ??= new Array<number>(atom.args.length));
    this.fillPattern(atom, env, pattern);
    return this.ev.db.matchingIds(this.relIds[atom.relationKey]!, pattern, atom.time ?? evalTime);
  }

  /** An atom's columns under `env`: value ids, OPEN where unbound or not a plain value. */
  patternOf(atom: SlotAtom, env: Env): number[] {
    const out = new Array<number>(atom.args.length);
    this.fillPattern(atom, env, out);
    return out;
  }

  private fillPattern(atom: SlotAtom, env: Env, out: number[]): void {
    for (let c = 0; c < atom.args.length; c++) {
      const t = atom.args[c]!;
      out[c] = t.kind === 'var' ? env[t.slot]! : t.kind === 'const' ? this.constIds[t.index]! : OPEN;
    }
  }

  /**
   * Bind the rule head's variables to the pattern; null when a constant contradicts it. Aggregate
   * columns bind nothing: the explainer asks about a group, whatever its aggregate values.
   */
  unifyHead(rule: SlotRule, pattern: readonly number[]): number[] | null {
    const env = new Array<number>(rule.slots).fill(OPEN);
    for (let i = 0; i < rule.head.length; i++) {
      const want = pattern[i] ?? OPEN;
      const t = rule.head[i]!;
      if (want === OPEN) continue;
      if (t.kind === 'const' && this.constIds[t.index] !== want) return null;
      if (t.kind === 'var') {
        const had = env[t.slot]!;
        if (had !== OPEN && had !== want) return null;
        env[t.slot] = want;
      }
    }
    return env;
  }

  /** A comparison under complete bindings; true when it cannot be evaluated (stay conservative). */
  private compareHolds(
    op: Parameters<typeof compare>[0],
    left: SlotTerm,
    right: SlotTerm,
    env: Env,
  ): boolean {
    const l = this.termValue(left, env);
    const r = this.termValue(right, env);
    return l === null || r === null || compare(op, l, r);
  }

  /** A term's value under `env`; null when unbound or undefined (arithmetic on a string). */
  private termValue(t: SlotTerm, env: Env): Value | null {
    if (t.kind !== 'binary') return this.valueAt(this.termId(t, env));
    const l = this.termValue(t.left, env);
    const r = this.termValue(t.right, env);
    if (typeof l !== 'number' || typeof r !== 'number') return null;
    // Past the exact integers the run itself stops (E021): such a binding is unknown here.
    const v = arith(t.op, l, r);
    return v !== null && Number.isSafeInteger(v) ? v : null;
  }

  /** A term's value id under `env`, OPEN when unknown. */
  private termId(t: SlotTerm, env: Env): number {
    switch (t.kind) {
      case 'var':
        return env[t.slot]!;
      case 'const':
        return this.constIds[t.index]!;
      case 'binary': {
        const v = this.termValue(t, env);
        return v === null ? OPEN : this.idOf(v);
      }
      default:
        return OPEN;
    }
  }

  /** The id of a value: the run's when it interned it, else one past them (it matches no tuple). */
  idOf(v: Value): number {
    const id = this.ev.db.valueId(v);
    if (id >= 0) return id;
    let extra = this.extraIds.get(v);
    if (extra === undefined) this.extraIds.set(v, (extra = EXTRA_IDS + this.extraValues.push(v) - 1));
    return extra;
  }

  valueAt(id: number): Value | null {
    if (id === OPEN) return null;
    return id >= EXTRA_IDS ? this.extraValues[id - EXTRA_IDS]! : this.ev.db.value(id);
  }
}

/** Lexicographic order of id lists. */
function compareIds(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
