// Why is a tuple absent, and what could make it appear? (SPEC §5)
//
// An outcome that rests on `notin r(…)` is prevented if a fault makes some r tuple appear. Faults
// only remove messages (and add `crash` tuples), so a missing tuple can appear only when something
// that blocked its derivation is lost: a present tuple that a `notin` matched in an instance of one of
// its rules whose positive body holds, found recursively through positive atoms that would need a
// new tuple. Patterns leave unknown columns open, which over-approximates and keeps the search
// complete (but for an instance that needs two new tuples at once, whose second atom the join
// cannot bind: its first atom is then explained with the head's bindings only if nothing else binds it).
import type { Aggregate, BodyAtom, Comparison, Rule, Term, Value } from './ast.js';
import type { Evaluation } from './evaluate.js';
import { arith, compare } from './operators.js';
import type { NegatedAtom, TupleId } from './types.js';

/** What could make a negated atom hold: present tuples to lose, or nodes to crash. */
export interface Blockers {
  readonly tuples: readonly TupleId[];
  readonly crashes: readonly { readonly node: string; readonly time: number | null }[];
}

type Pattern = readonly (Value | null)[];
type Bindings = ReadonlyMap<string, Value>;
type Direction = 'up' | 'down' | null;

/** Most bindings one join may enumerate before the explainer falls back to coarser patterns. */
const JOIN_LIMIT = 5000;

const NONE: Blockers = { tuples: [], crashes: [] };

export class AbsenceExplainer {
  private readonly memo = new Map<string, Blockers>();
  /** `wantedOf` per body atom: it depends on the program only. */
  private readonly wanted = new Map<BodyAtom, Direction>();
  private readonly rulesByHead = new Map<string, Rule[]>();
  /** Relations that can gain a tuple when faults are added (see `growable`). */
  private readonly canGrow: ReadonlySet<string>;

  constructor(private readonly ev: Evaluation) {
    for (const r of ev.program.rules) {
      const list = this.rulesByHead.get(r.head.relation);
      if (list) list.push(r);
      else this.rulesByHead.set(r.head.relation, [r]);
    }
    this.canGrow = growable(ev.program.rules);
  }

  /** The blockers of a `notin` atom as a derivation checked it. */
  blockers(atom: NegatedAtom): Blockers {
    return this.explain(atom.relation, atom.values, atom.time);
  }

  /**
   * `wanted`: the consumer accepts only aggregate values beyond the present ones ('up': larger, as in
   * `Count >= Size`; 'down': smaller), so an aggregate that loses inputs moving the other way cannot
   * help it; null when unknown.
   */
  private explain(relation: string, pattern: Pattern, time: number, wanted: Direction = null): Blockers {
    if (time < 1) return NONE;
    if (relation === 'crash') return this.crashBlockers(pattern);
    if (!this.canGrow.has(relation)) return NONE; // monotone in the messages: faults only remove
    const key = `${relation}|${time}|${wanted}|${JSON.stringify(pattern)}`;
    const known = this.memo.get(key);
    if (known) return known;
    this.memo.set(key, NONE); // a cycle through itself adds nothing new
    const tuples = new Set<TupleId>();
    const crashes = new Map<string, { node: string; time: number | null }>();
    const addAll = (b: Blockers): void => {
      for (const id of b.tuples) tuples.add(id);
      for (const c of b.crashes) crashes.set(JSON.stringify(c), c);
    };
    for (const rule of this.rulesByHead.get(relation) ?? []) {
      const evalTime = rule.headTime === 'now' ? time : time - 1;
      const head = unifyHead(rule, pattern);
      if (evalTime < 1 || !head) continue;
      const positives = rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
      // (a) Instances whose positive body holds now but a `notin` blocks: lose what it matched.
      const aggregate = rule.head.args.find((t): t is Aggregate => t.kind === 'aggregate');
      // Losing inputs lowers a count or max and raises a min: useless to a consumer wanting the other way.
      const shrinks =
        aggregate && (aggregate.fn === 'count' || aggregate.fn === 'max')
          ? 'down'
          : aggregate?.fn === 'min'
            ? 'up'
            : null;
      const lossHelps =
        aggregate !== undefined && !(wanted !== null && shrinks !== null && wanted !== shrinks);
      for (const env of this.join(positives, head, evalTime)) {
        if (!rule.body.every((b) => b.kind !== 'compare' || compareHolds(b, env))) continue;
        // An aggregate changes value, a new tuple, when any tuple it counted is lost.
        if (lossHelps)
          for (const atom of positives)
            for (const id of this.matching(
              atom.atom.relation,
              atom.atom.args.map((t) => valueOf(t, env)),
              atom.time ?? evalTime,
            ))
              tuples.add(id);
        for (const item of rule.body) {
          if (item.kind !== 'body-atom' || !item.negated) continue;
          if (item.atom.relation === 'crash' || item.atom.relation === 'clock') continue;
          const pat = item.atom.args.map((t) => valueOf(t, env));
          for (const id of this.matching(item.atom.relation, pat, item.time ?? evalTime)) tuples.add(id);
        }
      }
      // (b) Instances that need a new tuple for some positive atom: what could make one appear,
      // with the atom's columns bound by the other atoms as they hold now (or by the head alone).
      positives.forEach((atom, i) => {
        const at = atom.time ?? evalTime;
        const others = positives.filter((_, j) => j !== i);
        const envs = this.join(others, head, evalTime);
        const patterns = new Map<string, Pattern>();
        for (const env of envs.length > 0 ? envs : [head]) {
          const pat = atom.atom.args.map((t) => valueOf(t, env));
          patterns.set(JSON.stringify(pat), pat);
        }
        for (const pat of patterns.values()) {
          if (!pat.includes(null) && this.matching(atom.atom.relation, pat, at).length > 0) continue;
          addAll(this.explain(atom.atom.relation, pat, at, this.wantedOf(rule, atom)));
        }
      });
    }
    const result: Blockers = {
      tuples: [...tuples].sort((a, b) => a - b),
      crashes: [...crashes.values()],
    };
    this.memo.set(key, result);
    return result;
  }

  /**
   * How `rule` uses the aggregate column of `atom` (when its relation is an aggregate): 'up' when only
   * comparisons like `X >= e` read it, 'down' for `X <= e`, else null.
   */
  private wantedOf(rule: Rule, atom: BodyAtom): Direction {
    let wanted = this.wanted.get(atom);
    if (wanted === undefined) this.wanted.set(atom, (wanted = this.directionFor(rule, atom)));
    return wanted;
  }

  private directionFor(rule: Rule, atom: BodyAtom): Direction {
    const defs = this.rulesByHead.get(atom.atom.relation) ?? [];
    const columns = new Set(defs.map((r) => r.head.args.findIndex((t) => t.kind === 'aggregate')));
    const column = columns.size === 1 ? [...columns][0]! : -1;
    const arg = atom.atom.args[column];
    if (column < 0 || !arg || arg.kind !== 'var') return null;
    const x = arg.name;
    const elsewhere =
      rule.head.args.some((t) => mentions(t, x)) ||
      rule.body.some((b) => b !== atom && b.kind === 'body-atom' && b.atom.args.some((t) => mentions(t, x)));
    if (elsewhere) return null;
    const uses = rule.body.flatMap((b) =>
      b.kind === 'compare' && (mentions(b.left, x) || mentions(b.right, x)) ? [direction(b, x)] : [],
    );
    return uses.length > 0 && uses.every((d) => d === uses[0]) ? uses[0]! : null;
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
      const pat = args.map((t) => valueOf(t, cur));
      for (const id of this.matching(atom.atom.relation, pat, atom.time ?? evalTime)) {
        const values = this.ev.db.args(id).map((v) => this.ev.db.values.value(v));
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

  /** `notin crash(_, N, T)`: holds until N crashes (at T, or at any time). */
  private crashBlockers(pattern: Pattern): Blockers {
    const node = pattern[1];
    const time = pattern[2];
    const nodes = typeof node === 'string' ? [node] : node === null ? this.ev.spec.nodes : [];
    return {
      tuples: [],
      crashes: nodes.map((n) => ({ node: n, time: typeof time === 'number' ? time : null })),
    };
  }

  /** Present tuples of `relation` at `time` matching the pattern (null = any value). */
  private matching(relation: string, pattern: Pattern, time: number): readonly TupleId[] {
    return this.ev.db.matching(relation, pattern, time);
  }
}

/**
 * The relations a fault can add tuples to: `crash`, heads of rules with a `notin` or an aggregate
 * (non-monotone), and, transitively, heads of rules reading such a relation. Every other relation is
 * monotone in the delivered messages, so adding faults only removes its tuples.
 */
function growable(rules: readonly Rule[]): Set<string> {
  const grow = new Set<string>(['crash']);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of rules) {
      if (grow.has(r.head.relation)) continue;
      const nonMonotone =
        r.head.args.some((t) => t.kind === 'aggregate') ||
        r.body.some((b) => b.kind === 'body-atom' && (b.negated || grow.has(b.atom.relation)));
      if (nonMonotone) {
        grow.add(r.head.relation);
        changed = true;
      }
    }
  }
  return grow;
}

/** Bind the rule head's variables to the pattern; null when a constant contradicts it. */
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

function mentions(t: Term, name: string): boolean {
  if (t.kind === 'var') return t.name === name;
  if (t.kind === 'binary') return mentions(t.left, name) || mentions(t.right, name);
  return t.kind === 'aggregate' && t.arg.name === name;
}

/** Which values of `x` a comparison lets through: 'up' for `x >= e`, `x > e`, `e <= x`, `e < x`. */
function direction(c: Comparison, x: string): Direction {
  const left = c.left.kind === 'var' && c.left.name === x && !mentions(c.right, x);
  const right = c.right.kind === 'var' && c.right.name === x && !mentions(c.left, x);
  if (!left && !right) return null;
  const op = right ? (({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as const)[c.op as '<'] ?? c.op) : c.op;
  return op === '>' || op === '>=' ? 'up' : op === '<' || op === '<=' ? 'down' : null;
}

/** A comparison under complete bindings; true when it cannot be evaluated (stay conservative). */
function compareHolds(c: Comparison, env: Bindings): boolean {
  const l = termValue(c.left, env);
  const r = termValue(c.right, env);
  return l === null || r === null || compare(c.op, l, r);
}

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
