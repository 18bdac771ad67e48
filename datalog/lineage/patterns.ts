// Rule instances as the absence explainer (negation.ts) reads them: partial bindings of a rule's
// variables, head patterns with open columns, comparisons under incomplete bindings, and which way a
// rule lets an aggregate's value move. Pure functions of the syntax tree and constants.
import type { AggregateFn, BodyAtom, Comparison, Rule, Term, Value } from '../syntax/types.js';
import { arith, compare } from '../eval/operators.js';

/** A tuple pattern: a value per column, null where any value will do. */
export type Pattern = readonly (Value | null)[];
export type Bindings = ReadonlyMap<string, Value>;
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

/**
 * Bind the rule head's variables to the pattern; null when a constant contradicts it. Aggregate
 * columns bind nothing: the explainer asks about a group, whatever its aggregate values.
 */
export function unifyHead(rule: Rule, pattern: Pattern): Map<string, Value> | null {
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

/** Which way an aggregate's value moves when a new input joins its group. */
export function gainDirection(fn: AggregateFn): Direction {
  // A sum only grows when its inputs are non-negative, which arithmetic does not promise.
  return fn === 'count' || fn === 'max' ? 'up' : fn === 'min' ? 'down' : null;
}

/** Which way an aggregate's value moves when one of its inputs is lost. */
export function lossDirection(fn: AggregateFn): Direction {
  return fn === 'count' || fn === 'max' ? 'down' : fn === 'min' ? 'up' : null;
}

export function mentions(t: Term, name: string): boolean {
  if (t.kind === 'var') return t.name === name;
  if (t.kind === 'binary') return mentions(t.left, name) || mentions(t.right, name);
  return t.kind === 'aggregate' && t.arg.name === name;
}

/** Which values of `x` a comparison lets through: 'up' for `x >= e`, `x > e`, `e <= x`, `e < x`. */
export function direction(c: Comparison, x: string): Direction {
  const left = c.left.kind === 'var' && c.left.name === x && !mentions(c.right, x);
  const right = c.right.kind === 'var' && c.right.name === x && !mentions(c.left, x);
  if (!left && !right) return null;
  const op = right ? (({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as const)[c.op as '<'] ?? c.op) : c.op;
  return op === '>' || op === '>=' ? 'up' : op === '<' || op === '<=' ? 'down' : null;
}

/** A comparison under complete bindings; true when it cannot be evaluated (stay conservative). */
export function compareHolds(c: Comparison, env: Bindings): boolean {
  const l = termValue(c.left, env);
  const r = termValue(c.right, env);
  return l === null || r === null || compare(c.op, l, r);
}

/** A term's value under `env`; null when unbound or undefined (arithmetic on a string). */
export function termValue(t: Term, env: Bindings): Value | null {
  if (t.kind !== 'binary') return valueOf(t, env);
  const l = termValue(t.left, env);
  const r = termValue(t.right, env);
  if (typeof l !== 'number' || typeof r !== 'number') return null;
  // Past the exact integers the run itself stops (E021): such a binding is unknown here.
  const v = arith(t.op, l, r);
  return v !== null && Number.isSafeInteger(v) ? v : null;
}

export function valueOf(t: Term, bindings: Bindings): Value | null {
  if (t.kind === 'const') return t.value;
  if (t.kind === 'var') return bindings.get(t.name) ?? null;
  return null;
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
