// Rule compilation: each rule becomes a join plan over numbered variable slots. Positive atoms are
// matched in the order written, then the variables Molly's clock atom binds range over the nodes;
// every check (comparison, `notin`, expression argument) runs as soon as the variables it reads are
// bound, so failing bindings are cut early.
import type { AggregateFn, Atom, BodyAtom, CompareOp, Program, Rule, Term } from '../syntax/types.js';
import { ruleBindings } from '../syntax/bindings.js';
import { columnMask, Database, type ColumnMask } from './database.js';
import { stratify } from '../syntax/strata.js';

/** An arithmetic expression over slots and interned constants. */
export type Expr =
  | { readonly kind: 'slot'; readonly slot: number }
  | { readonly kind: 'const'; readonly id: number }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/';
      readonly left: Expr;
      readonly right: Expr;
    };

/** How one column of a positive atom is matched against a candidate tuple. */
export type MatchArg =
  | { readonly kind: 'const'; readonly id: number } // in the index key
  | { readonly kind: 'bound'; readonly slot: number } // in the index key
  | { readonly kind: 'bind'; readonly slot: number } // first occurrence: binds the slot
  | { readonly kind: 'same'; readonly slot: number } // repeated within this atom: must equal
  | { readonly kind: 'free' }; // wildcard, or an expression checked later

export interface PositiveAtom {
  readonly rel: number;
  /** Absolute time for `@k` atoms, null for the rule's own time step. */
  readonly time: number | null;
  readonly args: readonly MatchArg[];
  /** Columns in the index key (constants and slots bound before this atom). */
  readonly mask: ColumnMask;
  readonly source: BodyAtom;
}

/**
 * A `notin` atom: each column a slot, a constant, or a wildcard (null). An existential variable is a
 * wildcard; written twice in the atom, its columns must still hold equal values (`same`).
 */
export interface NegatedCheck {
  readonly kind: 'notin';
  readonly rel: number;
  readonly time: number | null;
  readonly args: readonly (Expr | null)[];
  readonly same: readonly (readonly [number, number])[];
  /** The columns that are not wildcards (nor existential). */
  readonly mask: ColumnMask;
  readonly source: BodyAtom;
}

export interface CompareCheck {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Expr;
  readonly right: Expr;
}

/** A positive atom's column written as an expression: the matched value must equal it. */
export interface ArgCheck {
  readonly kind: 'arg';
  readonly atom: number;
  readonly column: number;
  readonly expr: Expr;
}

export type Check = NegatedCheck | CompareCheck | ArgCheck;

export type HeadArg =
  | { readonly kind: 'expr'; readonly expr: Expr }
  | { readonly kind: 'aggregate'; readonly fn: AggregateFn; readonly slot: number };

export interface CompiledRule {
  readonly index: number;
  readonly rule: Rule;
  readonly when: 'now' | 'next' | 'async';
  readonly headRel: number;
  readonly head: readonly HeadArg[];
  readonly hasAggregate: boolean;
  readonly positives: readonly PositiveAtom[];
  /**
   * Slots bound to each node of the run in turn once every positive atom is matched (a location
   * variable from a `notin`, a broadcast head's destination), in nesting order.
   */
  readonly nodeSlots: readonly number[];
  /**
   * checks[i] run once positives[0..i) are matched (checks[0] before any: constant checks);
   * checks[positives.length + 1] once the node slots are bound too.
   */
  readonly checks: readonly (readonly Check[])[];
  readonly slotCount: number;
  /** Every `notin` check of the rule, in body order (derivations record them). */
  readonly negations: readonly NegatedCheck[];
  /**
   * Where the rule runs: the first column of its first body atom (Molly's convention), read from the
   * matched tuple of a positive atom, or evaluated for a negated one; null when it cannot be known.
   */
  readonly location:
    { readonly kind: 'atom'; readonly index: number } | { readonly kind: 'expr'; readonly expr: Expr } | null;
}

/** Compile a checked rule. Unsafe rules are rejected by the checker before this point. */
export function compileRule(rule: Rule, index: number, db: Database): CompiledRule {
  const slots = new Map<string, number>();
  const slotOf = (name: string): number => {
    let s = slots.get(name);
    if (s === undefined) slots.set(name, (s = slots.size));
    return s;
  };
  const bound = new Set<number>();
  // Slot numbers are assigned in binding order: first the positive atoms' variables.
  const positiveItems = rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
  const positives: PositiveAtom[] = [];
  const pendingArgChecks: { atom: number; column: number; term: Term }[] = [];
  positiveItems.forEach((item, atomIndex) => {
    const { args, mask } = compileMatch(item.atom, atomIndex, db, slotOf, bound, pendingArgChecks);
    positives.push({ rel: db.relationId(item.atom.relation), time: item.time, args, mask, source: item });
  });

  const bindings = ruleBindings(rule);
  const nodeSlots = bindings.nodes.map(slotOf);
  const toExpr = (t: Term): Expr => compileExpr(t, db, slotOf);
  const boundAfter: Set<number>[] = [];
  {
    const acc = new Set<number>();
    boundAfter.push(new Set(acc)); // before any atom
    for (const p of positives) {
      for (const a of p.args) if (a.kind === 'bind') acc.add(a.slot);
      boundAfter.push(new Set(acc));
    }
    for (const s of nodeSlots) acc.add(s);
    boundAfter.push(new Set(acc));
  }
  const checks: Check[][] = boundAfter.map(() => []);
  const place = (check: Check, reads: readonly number[]): void => {
    const at = boundAfter.findIndex((b) => reads.every((s) => b.has(s)));
    checks[at === -1 ? boundAfter.length - 1 : at]!.push(check);
  };
  for (const pc of pendingArgChecks) {
    const expr = toExpr(pc.term);
    place({ kind: 'arg', atom: pc.atom, column: pc.column, expr }, [...exprSlots(expr)]);
  }
  for (const item of rule.body) {
    if (item.kind === 'compare') {
      const left = toExpr(item.left);
      const right = toExpr(item.right);
      place({ kind: 'compare', op: item.op, left, right }, [...exprSlots(left), ...exprSlots(right)]);
    } else if (item.negated) {
      const check = negatedCheck(item, bindings.existential, db, toExpr);
      place(
        check,
        check.args.flatMap((e) => (e ? [...exprSlots(e)] : [])),
      );
    }
  }

  const head: HeadArg[] = rule.head.args.map((t) =>
    t.kind === 'aggregate'
      ? { kind: 'aggregate', fn: t.fn, slot: slotOf(t.arg.name) }
      : { kind: 'expr', expr: toExpr(t) },
  );
  const when = typeof rule.headTime === 'string' ? rule.headTime : 'now';
  return {
    negations: checks
      .flat()
      .filter((c): c is NegatedCheck => c.kind === 'notin')
      .sort((a, b) => rule.body.indexOf(a.source) - rule.body.indexOf(b.source)),
    location: ruleLocation(rule, positiveItems, toExpr),
    index,
    rule,
    when,
    headRel: db.relationId(rule.head.relation),
    head,
    hasAggregate: head.some((h) => h.kind === 'aggregate'),
    positives,
    nodeSlots,
    checks,
    slotCount: slots.size,
  };
}

/** The first column of the first body atom: a matched tuple's, or an expression for a `notin`. */
function ruleLocation(
  rule: Rule,
  positiveItems: readonly BodyAtom[],
  toExpr: (t: Term) => Expr,
): CompiledRule['location'] {
  const first = rule.body.find((b): b is BodyAtom => b.kind === 'body-atom');
  if (!first) return null;
  if (!first.negated) return { kind: 'atom', index: positiveItems.indexOf(first) };
  const arg = first.atom.args[0];
  return arg && arg.kind !== 'wildcard' && arg.kind !== 'aggregate'
    ? { kind: 'expr', expr: toExpr(arg) }
    : null;
}

/** A `notin` atom: wildcards and existential variables match anything. */
function negatedCheck(
  item: BodyAtom,
  existential: ReadonlySet<string>,
  db: Database,
  toExpr: (t: Term) => Expr,
): NegatedCheck {
  const free = (t: Term): boolean => t.kind === 'wildcard' || (t.kind === 'var' && existential.has(t.name));
  const args = item.atom.args.map((t) => (free(t) ? null : toExpr(t)));
  return {
    kind: 'notin',
    rel: db.relationId(item.atom.relation),
    time: item.time,
    args,
    mask: columnMask(args.flatMap((e, i) => (e ? [i] : []))),
    same: repeatedColumns(item.atom, existential),
    source: item,
  };
}

/** Pairs of columns where one existential variable is written twice: (first column, later column). */
function repeatedColumns(atom: Atom, existential: ReadonlySet<string>): [number, number][] {
  const firstAt = new Map<string, number>();
  const pairs: [number, number][] = [];
  atom.args.forEach((t, column) => {
    if (t.kind !== 'var' || !existential.has(t.name)) return;
    const first = firstAt.get(t.name);
    if (first === undefined) firstAt.set(t.name, column);
    else pairs.push([first, column]);
  });
  return pairs;
}

function compileMatch(
  atom: Atom,
  atomIndex: number,
  db: Database,
  slotOf: (name: string) => number,
  bound: Set<number>,
  pendingArgChecks: { atom: number; column: number; term: Term }[],
): { args: MatchArg[]; mask: ColumnMask } {
  const keyed: number[] = [];
  const bindsHere = new Set<number>();
  const args = atom.args.map((t, column): MatchArg => {
    switch (t.kind) {
      case 'const':
        keyed.push(column);
        return { kind: 'const', id: db.values.intern(t.value) };
      case 'var': {
        const slot = slotOf(t.name);
        if (bound.has(slot)) {
          keyed.push(column);
          return { kind: 'bound', slot };
        }
        if (bindsHere.has(slot)) return { kind: 'same', slot };
        bindsHere.add(slot);
        return { kind: 'bind', slot };
      }
      case 'wildcard':
        return { kind: 'free' };
      default:
        pendingArgChecks.push({ atom: atomIndex, column, term: t });
        return { kind: 'free' };
    }
  });
  for (const s of bindsHere) bound.add(s);
  return { args, mask: columnMask(keyed) };
}

function compileExpr(t: Term, db: Database, slotOf: (name: string) => number): Expr {
  switch (t.kind) {
    case 'var':
      return { kind: 'slot', slot: slotOf(t.name) };
    case 'const':
      return { kind: 'const', id: db.values.intern(t.value) };
    case 'binary':
      return {
        kind: 'binary',
        op: t.op,
        left: compileExpr(t.left, db, slotOf),
        right: compileExpr(t.right, db, slotOf),
      };
    case 'wildcard':
    case 'aggregate':
      // The checker rejects wildcards and aggregates in expressions; reaching here is a bug.
      throw new Error(`internal: ${t.kind} in an expression`);
  }
}

function* exprSlots(e: Expr): Generator<number> {
  if (e.kind === 'slot') yield e.slot;
  else if (e.kind === 'binary') {
    yield* exprSlots(e.left);
    yield* exprSlots(e.right);
  }
}

/**
 * A checked program compiled once for every run of a search: the join plans, the strata, and the
 * database the plans were compiled against (its relation and value ids are the ones the plans name).
 */
export interface CompiledProgram {
  readonly program: Program;
  readonly rules: readonly CompiledRule[];
  readonly strata: readonly (readonly number[])[];
  readonly symbols: Database;
}

/** Compile and stratify a checked program; `evaluate` then runs it under any number of specs. */
export function compileProgram(program: Program): CompiledProgram {
  const symbols = new Database();
  const rules = program.rules.map((r, i) => compileRule(r, i, symbols));
  const { strata } = stratify(program.rules, program.facts);
  return { program, rules, strata, symbols };
}
