// What the absence explainer (negation.ts) knows of a program before any run: which relations faults
// can grow, which way a rule lets an aggregate's value move, whether a crash atom cares when its
// node crashed. Pure functions of the syntax tree; slots.ts compiles rules with them once per program.
import type { AggregateFn, BodyAtom, Comparison, Rule, Term } from '../syntax/types.js';

/** Which way a value moves, or may move: larger ('up'), smaller ('down'), or either (null). */
export type Direction = 'up' | 'down' | null;

/**
 * The relations a fault can add tuples to: `crash`, heads of rules with a `notin` or an aggregate
 * (non-monotone), and, transitively, heads of rules reading such a relation. Every other relation is
 * monotone in the delivered messages, so adding faults only removes its tuples.
 */
export function growable(rules: readonly Rule[]): Set<string> {
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

/** Which way an aggregate's value moves when a new input joins its group. */
export function gainDirection(fn: AggregateFn): Direction {
  // A sum only grows when its inputs are non-negative, which arithmetic does not promise.
  return fn === 'count' || fn === 'max' ? 'up' : fn === 'min' ? 'down' : null;
}

/** Which way an aggregate's value moves when one of its inputs is lost. */
export function lossDirection(fn: AggregateFn): Direction {
  return fn === 'count' || fn === 'max' ? 'down' : fn === 'min' ? 'up' : null;
}

/**
 * Whether losing an input of an aggregate `fn` can give an asker wanting values that move `wanted` a
 * new tuple: no aggregate, nothing; a loss moves it one way, useless to an asker wanting the other.
 */
export function lossHelps(fn: AggregateFn | undefined, wanted: Direction): boolean {
  if (fn === undefined) return false;
  const shrinks = lossDirection(fn);
  return wanted === null || shrinks === null || wanted === shrinks;
}

export function mentions(t: Term, name: string): boolean {
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

/**
 * Whether a `crash(Observer, Node, Time)` atom of `rule` cares when the node crashed: its time is a
 * constant, or a variable something else in the rule reads (a comparison, the head, another atom).
 * Then moving the crash to another time, which LDFI may do (solver/universe.ts), changes what the
 * atom matches; otherwise any crash of the node serves it alike.
 */
export function crashTimeMatters(rule: Rule, atom: BodyAtom): boolean {
  const time = atom.atom.args[2];
  if (atom.atom.relation !== 'crash' || time === undefined) return false;
  if (time.kind !== 'var') return time.kind !== 'wildcard';
  const name = time.name;
  return (
    rule.head.args.some((t) => mentions(t, name)) ||
    rule.body.some((b) =>
      b.kind === 'compare'
        ? mentions(b.left, name) || mentions(b.right, name)
        : b !== atom && b.atom.args.some((t) => mentions(t, name)),
    )
  );
}

/**
 * How `rule` uses the aggregate column of `atom` (when its relation is an aggregate): 'up' when only
 * comparisons like `X >= e` read it, 'down' for `X <= e`, else null. `byHead`: the rules defining
 * each relation.
 */
export function directionFor(
  byHead: ReadonlyMap<string, readonly Rule[]>,
  rule: Rule,
  atom: BodyAtom,
): Direction {
  const defs = byHead.get(atom.atom.relation) ?? [];
  const columns = defs.map((r) => r.head.args.flatMap((t, i) => (t.kind === 'aggregate' ? [i] : [])));
  // One aggregate column, the same in every rule defining the relation.
  const column = columns.every((c) => c.length === 1 && c[0] === columns[0]![0])
    ? (columns[0]?.[0] ?? -1)
    : -1;
  const arg = atom.atom.args[column];
  if (column < 0 || !arg || arg.kind !== 'var') return null;
  const x = arg.name;
  const elsewhere =
    rule.head.args.some((t) => mentions(t, x)) ||
    rule.body.some((b) => b !== atom && b.kind === 'body-atom' && b.atom.args.some((t) => mentions(t, x))) ||
    atom.atom.args.some((t, i) => i !== column && mentions(t, x));
  if (elsewhere) return null;
  const uses = rule.body.flatMap((b) =>
    b.kind === 'compare' && (mentions(b.left, x) || mentions(b.right, x)) ? [direction(b, x)] : [],
  );
  return uses.length > 0 && uses.every((d) => d === uses[0]) ? uses[0]! : null;
}
