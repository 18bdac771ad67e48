// Evaluation of a checked program under one failure spec (SPEC §2), recording every derivation.
//
// For each time step t = 1 … EOT:
//   1. the tuples present at t: facts @t, heads derived @next / delivered @async from t-1, and the
//      engine's `clock` and `crash` relations;
//   2. the deductive rules, stratum by stratum, to a fixpoint (semi-naive: stable / recent / to-add);
//   3. the `@next` and `@async` rules over the completed step, into t+1.
// Each rule instance is found exactly once, so `derivations` lists every derivation of every tuple.
import type { Fact, Program, Value } from '../syntax/types.js';
import { BudgetGuard, type Budget } from './budget.js';
import { compileProgram, type Check, type CompiledProgram, type CompiledRule, type Expr } from './compile.js';
import { error, type Diagnostic } from '../syntax/diagnostics.js';
import { Database, type Tuples } from './database.js';
import { networkOf, type Network } from './failures.js';
import { aggregate, arith, compare } from './operators.js';
import type { Derivation, FailureSpec, Message, NegatedAtom, TupleId } from './types.js';

/** A cross-node message a rule sent, delivered or not. */
export interface Send {
  readonly relation: string;
  readonly values: readonly Value[];
  readonly from: string;
  readonly to: string;
  readonly sendTime: number;
  readonly lostBy: 'omission' | 'crash' | null;
}

export interface Evaluation {
  readonly program: Program;
  readonly spec: FailureSpec;
  /** Read-only outside evaluation: only the evaluator inserts. */
  readonly db: Tuples;
  readonly derivations: readonly Derivation[];
  /** Derivation indices of each tuple (empty for tuples only present as base facts). */
  derivationsOf(id: TupleId): readonly number[];
  /** Facts, `clock` and `crash` tuples: they hold whatever happens to any derivation. */
  isBase(id: TupleId): boolean;
  readonly sends: readonly Send[];
}

/** A run that cannot go on; `diagnostic` points at the rule when one is to blame. */
export class EvaluationError extends Error {
  constructor(
    message: string,
    readonly diagnostic: Diagnostic | null = null,
  ) {
    super(message);
  }
}

function isCompiled(p: Program | CompiledProgram): p is CompiledProgram {
  return 'symbols' in p;
}

/**
 * Evaluate a checked program (compiled here unless it already is) from time 1 to `spec.eot`. Throws
 * BudgetExceeded when the budget stops the run, EvaluationError when a rule's arithmetic leaves the
 * exact integers.
 */
export function evaluate(
  source: Program | CompiledProgram,
  spec: FailureSpec,
  budget: Budget = {},
): Evaluation {
  const { program, rules, strata, symbols } = isCompiled(source) ? source : compileProgram(source);
  // Each run starts from the compiled symbols, so ids (and hence every output) are as if compiled here.
  const db = Database.withSymbolsOf(symbols);
  const guard = new BudgetGuard(budget);
  const engine = new Engine(program, spec, db, rules, guard);
  for (let t = 1; t <= spec.eot; t++) {
    guard.round();
    engine.seed(t);
    for (const stratum of strata)
      engine.fixpoint(
        stratum.map((i) => rules[i]!),
        t,
      );
    for (const rule of rules) if (rule.when !== 'now') engine.fireOnce(rule, t);
  }
  return engine.result();
}

const NO_BODY: readonly TupleId[] = [];

/** The bindings of one aggregate group: a value list per aggregate column. */
interface Group {
  readonly slots: number[];
  readonly first: TupleId[];
  readonly bindings: Set<string>;
  readonly values: Value[][];
  readonly body: Set<TupleId>;
  readonly negated: Map<string, NegatedAtom>;
}
const NO_NEGATIONS: readonly NegatedAtom[] = [];

class Engine {
  private readonly derivations: Derivation[] = [];
  private readonly byHead: number[][] = [];
  private readonly base: boolean[] = [];
  private readonly sends: Send[] = [];
  private readonly sent = new Set<string>();
  /** The program's facts by the time they hold at. */
  private readonly factsAt = new Map<number, Fact[]>();
  private readonly network: Network;
  private readonly clockRel: number;
  private readonly crashRel: number;
  private readonly readsClock: boolean;
  private readonly readsCrash: boolean;
  /** The rule being joined, for errors that name it. */
  private rule: CompiledRule | null = null;
  /** The run's nodes, interned in `--nodes` order. */
  private readonly nodeIds: readonly number[];
  /** Relations being computed by the current stratum (their atoms read by semi-naive phase). */
  private recursive = new Set<number>();

  constructor(
    private readonly program: Program,
    private readonly spec: FailureSpec,
    private readonly db: Database,
    private readonly rules: readonly CompiledRule[],
    private readonly guard: BudgetGuard,
  ) {
    this.network = networkOf(spec);
    for (const f of program.facts) {
      if (f.time === null) continue;
      const list = this.factsAt.get(f.time);
      if (list) list.push(f);
      else this.factsAt.set(f.time, [f]);
    }
    this.nodeIds = spec.nodes.map((n) => db.values.intern(n));
    this.clockRel = db.relationId('clock');
    this.crashRel = db.relationId('crash');
    const read = new Set<number>();
    for (const r of rules) {
      for (const p of r.positives) read.add(p.rel);
      for (const cs of r.checks) for (const c of cs) if (c.kind === 'notin') read.add(c.rel);
    }
    this.readsClock = read.has(this.clockRel);
    this.readsCrash = read.has(this.crashRel);
  }

  /** Step 1: the base tuples of time t. */
  seed(t: number): void {
    for (const f of this.factsAt.get(t) ?? []) {
      const args = f.atom.args.map((a) => (a.kind === 'const' ? this.db.values.intern(a.value) : -1));
      if (args.includes(-1)) throw new Error('internal: non-ground fact reached evaluation');
      this.addBase(this.db.relationId(f.atom.relation), t, args);
    }
    const v = (x: Value): number => this.db.values.intern(x);
    if (this.readsClock) {
      for (const from of this.spec.nodes)
        for (const to of this.spec.nodes)
          if (this.network.delivered(from, to, t))
            this.addBase(this.clockRel, t, [v(from), v(to), v(t), v(t + 1)]);
    }
    if (this.readsCrash) {
      for (const c of this.spec.crashes)
        for (const observer of this.spec.nodes)
          this.addBase(this.crashRel, t, [v(observer), v(c.node), v(c.time)]);
    }
  }

  private addBase(rel: number, t: number, args: readonly number[]): void {
    const { id } = this.db.insert(rel, t, args);
    this.base[id] = true;
    this.guard.count(this.db.size, this.derivations.length, t);
  }

  /** Step 2: one stratum of deductive rules to a fixpoint, each rule instance found once. */
  fixpoint(rules: readonly CompiledRule[], t: number): void {
    this.recursive = new Set(rules.map((r) => r.headRel));
    const instances = [...this.recursive].map((rel) => this.db.instance(rel, t));
    for (const inst of instances) {
      inst.stableEnd = 0;
      inst.recentEnd = inst.rows.length;
    }
    // The semi-naive variants of each rule: one per positive atom over this stratum's relations.
    const variants = rules.map((rule) =>
      rule.hasAggregate
        ? []
        : rule.positives.flatMap((p, i) => (this.isRecursive(p.rel, p.time, t) ? [i] : [])),
    );
    let first = true;
    for (;;) {
      rules.forEach((rule, r) => {
        const recursiveAtoms = variants[r]!;
        if (recursiveAtoms.length === 0) {
          if (first) this.fireOnce(rule, t);
        } else {
          for (const variant of recursiveAtoms)
            this.join(rule, t, variant, (slots, body) => this.emit(rule, t, slots, body));
        }
      });
      first = false;
      this.guard.round();
      let changed = false;
      for (const inst of instances) {
        inst.stableEnd = inst.recentEnd;
        inst.recentEnd = inst.rows.length;
        if (inst.recentEnd > inst.stableEnd) changed = true;
      }
      if (!changed) break;
    }
    this.recursive = new Set();
  }

  /** A rule over completed relations: every instance in one pass (aggregates grouped). */
  fireOnce(rule: CompiledRule, t: number): void {
    if (!rule.hasAggregate) {
      this.join(rule, t, -1, (slots, body) => this.emit(rule, t, slots, body));
      return;
    }
    // One group per value of the non-aggregate head columns; each distinct binding of the body
    // contributes one value to every aggregate column, and its `notin` atoms to the derivation.
    const groups = new Map<string, Group>();
    const aggregates = rule.head.flatMap((h, i) => (h.kind === 'aggregate' ? [i] : []));
    this.join(rule, t, -1, (slots, body) => {
      const key = rule.head.map((h) => (h.kind === 'expr' ? this.evalExpr(h.expr, slots) : '*')).join(',');
      let g = groups.get(key);
      if (!g) {
        g = {
          slots: [...slots],
          first: [...body],
          bindings: new Set(),
          values: aggregates.map(() => []),
          body: new Set(),
          negated: new Map(),
        };
        groups.set(key, g);
      }
      const binding = slots.join(',');
      if (g.bindings.has(binding)) return;
      g.bindings.add(binding);
      for (const id of body) g.body.add(id);
      aggregates.forEach((column, k) => {
        const h = rule.head[column]!;
        if (h.kind === 'aggregate') g.values[k]!.push(this.db.values.value(slots[h.slot]!));
      });
      for (const n of this.negatedAtoms(rule, slots, t)) g.negated.set(JSON.stringify(n), n);
    });
    for (const g of groups.values()) {
      const head = rule.head.map((h, i) =>
        h.kind === 'expr'
          ? this.evalExpr(h.expr, g.slots)
          : this.aggregate(h.fn, g.values[aggregates.indexOf(i)]!),
      );
      if (head.includes(-1)) continue;
      const body = [...g.body].sort((a, b) => a - b);
      this.record(rule, t, g.slots, head, body, g.first, [...g.negated.values()]);
    }
  }

  private aggregate(fn: string, values: readonly Value[]): number {
    const v = aggregate(fn, values);
    if (typeof v === 'number' && !Number.isSafeInteger(v)) this.overflow(`${fn} of ${values.length} values`);
    return this.db.values.intern(v);
  }

  private isRecursive(rel: number, time: number | null, t: number): boolean {
    return (time === null || time === t) && this.recursive.has(rel);
  }

  /**
   * Enumerate the bindings of the rule's body at time t, each once, calling `emit` for each.
   *
   *   head :- a₀, a₁, …, aₙ₋₁, checks
   *
   * `variant` v ≥ 0 is one semi-naive variant: the bindings that read a recent tuple at atom v,
   *   stable(a₀…aᵥ₋₁) ⋈ recent(aᵥ) ⋈ (stable ∪ recent)(aᵥ₊₁…aₙ₋₁)
   * so that, over the variants, a binding with a new tuple is found exactly once (its first new atom
   * names its variant). v = -1 reads every row of every atom (a rule fired once over completed
   * relations). Only atoms over the stratum's own relations have phases; the others read everything.
   *
   * Per atom, in body order: 1. window, the rows its phase may read; 2. candidates, through the index
   * on the columns bound so far, or every row; 3. match, binding new slots and comparing repeated
   * ones, then the checks that just became decidable; then the next atom.
   */
  private join(
    rule: CompiledRule,
    t: number,
    variant: number,
    emit: (slots: number[], body: readonly TupleId[]) => void,
  ): void {
    this.rule = rule;
    const slots: number[] = new Array(rule.slotCount).fill(-1);
    const body: TupleId[] = new Array(rule.positives.length);
    if (!this.runChecks(rule.checks[0]!, slots, body, t)) return;
    const last = rule.positives.length;
    // Molly's clock atom, matched last: each unbound location or destination ranges over the nodes.
    const bindNodes = (k: number): void => {
      if (k === rule.nodeSlots.length) {
        if (k === 0 || this.runChecks(rule.checks[last + 1]!, slots, body, t)) emit(slots, body);
        return;
      }
      for (const node of this.nodeIds) {
        slots[rule.nodeSlots[k]!] = node;
        bindNodes(k + 1);
      }
    };
    const step = (i: number): void => {
      if (i === last) {
        bindNodes(0);
        return;
      }
      const atom = rule.positives[i]!;
      const time = atom.time ?? t;
      if (time > t) return; // the future is not known yet
      const inst = this.db.peek(atom.rel, time);
      if (!inst) return;
      // 1. Window.
      const [lo, hi] = this.window(atom, i, variant, t, inst);
      if (lo >= hi) return;
      // 3. Match.
      const match = (pos: number): void => {
        const id = inst.rows[pos]!;
        const args = this.db.args(id);
        for (let c = 0; c < atom.args.length; c++) {
          const m = atom.args[c]!;
          if (m.kind === 'bind') slots[m.slot] = args[c]!;
          else if (m.kind === 'same' && slots[m.slot] !== args[c]) return;
        }
        body[i] = id;
        if (this.runChecks(rule.checks[i + 1]!, slots, body, t)) step(i + 1);
      };
      // 2. Candidates.
      if (atom.mask.columns.length === 0) {
        for (let pos = lo; pos < hi; pos++) match(pos);
        return;
      }
      let key = '';
      for (let c = 0; c < atom.args.length; c++) {
        const m = atom.args[c]!;
        if (m.kind === 'const') key += m.id + ',';
        else if (m.kind === 'bound') key += slots[m.slot] + ',';
      }
      const positions = inst.lookup(atom.mask, key);
      if (!positions) return;
      for (const pos of positions) {
        if (pos >= hi) break;
        if (pos >= lo) match(pos);
      }
    };
    step(0);
  }

  /**
   * The rows [lo, hi) of `inst` that atom `i` reads in `variant`: stable [0, stableEnd), recent
   * [stableEnd, recentEnd), or both. Rows past recentEnd are this round's output, not its input.
   */
  private window(
    atom: CompiledRule['positives'][number],
    i: number,
    variant: number,
    t: number,
    inst: { readonly rows: readonly TupleId[]; readonly stableEnd: number; readonly recentEnd: number },
  ): [number, number] {
    if (!this.isRecursive(atom.rel, atom.time, t)) return [0, inst.rows.length];
    if (variant < 0 || i > variant) return [0, inst.recentEnd];
    return i < variant ? [0, inst.stableEnd] : [inst.stableEnd, inst.recentEnd];
  }

  private runChecks(checks: readonly Check[], slots: number[], body: TupleId[], t: number): boolean {
    for (const c of checks) {
      switch (c.kind) {
        case 'compare': {
          const l = this.evalExpr(c.left, slots);
          const r = this.evalExpr(c.right, slots);
          if (l < 0 || r < 0 || !compare(c.op, this.db.values.value(l), this.db.values.value(r)))
            return false;
          break;
        }
        case 'arg': {
          const v = this.evalExpr(c.expr, slots);
          if (v < 0 || this.db.args(body[c.atom]!)[c.column] !== v) return false;
          break;
        }
        case 'notin':
          if (this.present(c, slots, t)) return false;
          break;
      }
    }
    return true;
  }

  /** Is some tuple matching the `notin` atom present (at its time)? */
  private present(c: Extract<Check, { kind: 'notin' }>, slots: number[], t: number): boolean {
    const time = c.time ?? t;
    if (time > t) return false;
    const inst = this.db.peek(c.rel, time);
    if (!inst || inst.rows.length === 0) return false;
    let key = '';
    for (const i of c.mask.columns) {
      const v = this.evalExpr(c.args[i]!, slots);
      if (v < 0) return false;
      key += v + ',';
    }
    const all = c.mask.columns.length === c.args.length;
    if (all) return inst.get(key.slice(0, -1)) !== undefined;
    const positions = c.mask.columns.length === 0 ? null : (inst.lookup(c.mask, key) ?? []);
    if (c.same.length === 0) return positions === null || positions.length > 0;
    // An existential variable written twice: some candidate must repeat its value there.
    const candidates = positions ? positions.map((p) => inst.rows[p]!) : inst.rows;
    return candidates.some((id) => {
      const args = this.db.args(id);
      return c.same.every(([a, b]) => args[a] === args[b]);
    });
  }

  /** Evaluate to an interned value id; -1 when undefined (arithmetic on strings, division by zero). */
  private evalExpr(e: Expr, slots: readonly number[]): number {
    if (e.kind === 'slot') return slots[e.slot]!;
    if (e.kind === 'const') return e.id;
    const l = this.evalExpr(e.left, slots);
    const r = this.evalExpr(e.right, slots);
    if (l < 0 || r < 0) return -1;
    const a = this.db.values.value(l);
    const b = this.db.values.value(r);
    if (typeof a !== 'number' || typeof b !== 'number') return -1;
    const v = arith(e.op, a, b);
    if (v === null) return -1;
    if (!Number.isSafeInteger(v)) this.overflow(`${a} ${e.op} ${b}`);
    return this.db.values.intern(v);
  }

  /** Integers are doubles: past 2^53 they are no longer exact, so the run stops rather than round. */
  private overflow(what: string): never {
    const rule = this.rule ? this.program.rules[this.rule.index] : undefined;
    const head = rule ? ` in a rule of '${rule.head.relation}'` : '';
    const message = `integer overflow${head}: ${what} is beyond the exact integers (±${Number.MAX_SAFE_INTEGER})`;
    throw new EvaluationError(message, error('E021', message, rule?.span ?? null));
  }

  private emit(rule: CompiledRule, t: number, slots: number[], body: readonly TupleId[]): void {
    const head = rule.head.map((h) => (h.kind === 'expr' ? this.evalExpr(h.expr, slots) : -1));
    if (head.includes(-1)) return;
    this.record(rule, t, slots, head, body.length === 0 ? NO_BODY : [...body]);
  }

  /** Insert the head (subject to the clock: SPEC §2.3) and record the derivation. */
  private record(
    rule: CompiledRule,
    t: number,
    slots: number[],
    head: number[],
    body: readonly TupleId[],
    matched: readonly TupleId[] = body,
    negated?: readonly NegatedAtom[],
  ): void {
    const loc = this.location(rule, slots, matched);
    let message: Message | null = null;
    let headTime = t;
    if (rule.when !== 'now') {
      headTime = t + 1;
      if (rule.when === 'async') {
        const to = this.db.values.value(head[0]!);
        if (typeof loc !== 'string' || typeof to !== 'string') return;
        if (!this.network.nodes.has(loc) || !this.network.nodes.has(to)) return;
        const lostBy = this.network.lostBy(loc, to, t);
        if (lostBy !== null || headTime > this.spec.eot) {
          if (loc !== to)
            this.noteSend(`${rule.headRel}|${head.join(',')}|${loc}|${t}`, rule, head, loc, to, t, lostBy);
          return;
        }
        if (loc !== to) message = { from: loc, to, sendTime: t };
      }
      if (headTime > this.spec.eot) return;
    }
    if (rule.when !== 'async' && (typeof loc !== 'string' || !this.network.nodes.has(loc))) return;
    const { id } = this.db.insert(rule.headRel, headTime, head);
    // A delivered head is one tuple per (relation, values, time): its id and sender name the send.
    if (message) this.noteSend(`${id}|${message.from}`, rule, head, message.from, message.to, t, null);
    const index = this.derivations.length;
    this.derivations.push({
      head: id,
      rule: rule.index,
      body,
      negated: negated ?? this.negatedAtoms(rule, slots, t),
      message,
    });
    (this.byHead[id] ??= []).push(index);
    this.guard.count(this.db.size, this.derivations.length, t);
  }

  private location(rule: CompiledRule, slots: number[], body: readonly TupleId[]): Value | undefined {
    const loc = rule.location;
    if (!loc) return undefined;
    const id = loc.kind === 'atom' ? this.db.args(body[loc.index]!)[0] : this.evalExpr(loc.expr, slots);
    return id === undefined || id < 0 ? undefined : this.db.values.value(id);
  }

  /** Record a cross-node send once (`key` names it), delivered or not. */
  private noteSend(
    key: string,
    rule: CompiledRule,
    head: readonly number[],
    from: string,
    to: string,
    t: number,
    lostBy: Send['lostBy'],
  ): void {
    if (this.sent.has(key)) return;
    this.sent.add(key);
    this.sends.push({
      relation: this.db.relationName(rule.headRel),
      values: head.map((v) => this.db.values.value(v)),
      from,
      to,
      sendTime: t,
      lostBy,
    });
  }

  private negatedAtoms(rule: CompiledRule, slots: number[], t: number): readonly NegatedAtom[] {
    if (rule.negations.length === 0) return NO_NEGATIONS;
    // A `notin r(…)@k` read before step k reads nothing, whatever the faults: nothing to explain.
    return rule.negations
      .filter((c) => c.time === null || c.time <= t)
      .map((c) => ({
        relation: this.db.relationName(c.rel),
        values: c.args.map((e) => {
          const v = e ? this.evalExpr(e, slots) : -1;
          return v < 0 ? null : this.db.values.value(v);
        }),
        time: c.time ?? t,
      }));
  }

  result(): Evaluation {
    const { byHead, base } = this;
    return {
      program: this.program,
      spec: this.spec,
      db: this.db,
      derivations: this.derivations,
      derivationsOf: (id) => byHead[id] ?? NO_BODY,
      isBase: (id) => base[id] === true,
      sends: this.sends,
    };
  }
}
