// The schema of each relation: one arity (E011) and one type per column (E012), across the whole
// program. Types come from constants, arithmetic and aggregates, and flow through shared variables.
import type { Fact, Program, Rule, Span, Term } from './types.js';
import { sourceOrder, where, type Occurrence } from './check-walk.js';
import { error, type Diagnostic } from './diagnostics.js';

/** The engine's relations and their columns (SPEC §1); a Map, since a relation may be named `constructor`. */
export const RESERVED_COLUMNS: ReadonlyMap<string, readonly { name: string; type: ColumnType }[]> = new Map([
  [
    'clock',
    [
      { name: 'from', type: 'string' },
      { name: 'to', type: 'string' },
      { name: 'sendTime', type: 'integer' },
      { name: 'deliverTime', type: 'integer' },
    ],
  ],
  [
    'crash',
    [
      { name: 'observer', type: 'string' },
      { name: 'node', type: 'string' },
      { name: 'crashTime', type: 'integer' },
    ],
  ],
]);

export type ColumnType = 'string' | 'integer';

/** Every atom must have its relation's arity: the engine's for `clock`/`crash`, else the first use's. */
export function checkArity(atoms: readonly Occurrence[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const first = new Map<string, Occurrence>();
  for (const occurrence of atoms) {
    const { relation, args, span } = occurrence.atom;
    const reserved = RESERVED_COLUMNS.get(relation);
    if (reserved) {
      if (args.length !== reserved.length) {
        const columns = reserved.map((c) => c.name).join(', ');
        const message = `'${relation}' has ${columnCount(reserved.length)} (${columns}), but is used here with ${args.length}`;
        diagnostics.push(error('E011', message, span));
      }
      continue;
    }
    const earlier = first.get(relation);
    if (!earlier) {
      first.set(relation, occurrence);
    } else if (earlier.atom.args.length !== args.length) {
      const n = earlier.atom.args.length;
      const message =
        `'${relation}' is used with ${columnCount(args.length)} here but with ${n} at ` +
        `${where(earlier.atom.span)}; use one arity per relation`;
      const related = [
        { message: `'${relation}' first used with ${columnCount(n)} here`, span: earlier.atom.span },
      ];
      diagnostics.push(error('E011', message, span, related));
    }
  }
  return diagnostics;
}

/** `1 column`, `3 columns`. */
export function columnCount(n: number): string {
  return n === 1 ? '1 column' : `${n} columns`;
}

/** What fixed a type: a constant, an expression, an aggregate or the engine (no span). */
interface Witness {
  readonly type: ColumnType;
  readonly text: string;
  readonly span: Span | null;
}

/**
 * Union-find over type slots: a column of a relation, a variable of one clause, or an anonymous slot
 * (the operands of an expression, both sides of a comparison). Each class has at most one type.
 */
class TypeClasses {
  private readonly parent: number[] = [];
  private readonly witness: (Witness | null)[] = [];
  private readonly conflicted: boolean[] = [];
  private readonly named = new Map<string, number>();
  readonly diagnostics: Diagnostic[] = [];

  slot(name?: string): number {
    const existing = name === undefined ? undefined : this.named.get(name);
    if (existing !== undefined) return existing;
    const id = this.parent.length;
    this.parent.push(id);
    this.witness.push(null);
    this.conflicted.push(false);
    if (name !== undefined) this.named.set(name, id);
    return id;
  }

  typed(witness: Witness): number {
    const id = this.slot();
    this.witness[id] = witness;
    return id;
  }

  /** Types a fresh named slot (the engine's columns). */
  assign(name: string, witness: Witness): void {
    this.witness[this.slot(name)] = witness;
  }

  /** Merges two classes; a type conflict is reported once per class, at `span`, naming `context`. */
  union(a: number, b: number, span: Span, context: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra === rb) return;
    const [wa, wb] = [this.witness[ra]!, this.witness[rb]!];
    const conflicted = this.conflicted[ra]! || this.conflicted[rb]!;
    if (wa && wb && wa.type !== wb.type && !conflicted) this.report(wa, wb, span, context);
    this.parent[rb] = ra;
    this.witness[ra] = wa ?? wb;
    this.conflicted[ra] = conflicted || (wa !== null && wb !== null && wa.type !== wb.type);
  }

  private find(id: number): number {
    while (this.parent[id] !== id) {
      this.parent[id] = this.parent[this.parent[id]!]!;
      id = this.parent[id]!;
    }
    return id;
  }

  private report(a: Witness, b: Witness, span: Span, context: string): void {
    const [text, integer] = a.type === 'string' ? [a, b] : [b, a];
    const builtIn = [text, integer].filter((w) => w.span === null).map((w) => `: ${w.text}`);
    const message = `${context} holds both strings and integers${builtIn.join('')}; use one type per column`;
    // A witness at the reported place itself needs no note of its own.
    const related = [text, integer].flatMap((w) =>
      w.span && !sameSpan(w.span, span)
        ? [{ message: `${w.text} is ${w.type === 'string' ? 'a string' : 'an integer'}`, span: w.span }]
        : [],
    );
    this.diagnostics.push(error('E012', message, span, related));
  }
}

function sameSpan(a: Span, b: Span): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}

/** Infers every column's type from the clauses in source order, reporting each conflict once. */
export function checkTypes(program: Program): Diagnostic[] {
  const classes = new TypeClasses();
  for (const [relation, columns] of RESERVED_COLUMNS) {
    columns.forEach((c, i) => {
      const text = `'${relation}' column ${i + 1} (${c.name}) is ${c.type === 'string' ? 'a node name' : 'a time'}`;
      classes.assign(`${relation}/${i}`, { type: c.type, text, span: null });
    });
  }
  const order = sourceOrder(program);
  const clauses: (Rule | Fact)[] = [...program.facts, ...program.rules].sort((a, b) => order(a.span, b.span));
  clauses.forEach((clause, n) => {
    const flow = (term: Term, slot: number, context: string): void =>
      flowTerm(classes, n, term, slot, context);
    const atoms = clause.kind === 'fact' ? [clause.atom] : [clause.head, ...bodyAtoms(clause)];
    for (const atom of atoms) {
      atom.args.forEach((arg, i) => {
        flow(arg, classes.slot(`${atom.relation}/${i}`), `column ${i + 1} of '${atom.relation}'`);
      });
    }
    if (clause.kind === 'rule') {
      for (const item of clause.body) {
        if (item.kind !== 'compare') continue;
        const sides = classes.slot();
        flow(item.left, sides, 'this comparison');
        flow(item.right, sides, 'this comparison');
      }
    }
  });
  return classes.diagnostics;
}

function bodyAtoms(rule: Rule) {
  return rule.body.flatMap((item) => (item.kind === 'body-atom' ? [item.atom] : []));
}

/** `term` sits in `slot`: constants type it, variables share it, expressions make it an integer. */
function flowTerm(classes: TypeClasses, clause: number, term: Term, slot: number, context: string): void {
  const flow = (t: Term, s: number): void => flowTerm(classes, clause, t, s, context);
  switch (term.kind) {
    case 'const': {
      const type = typeof term.value === 'string' ? 'string' : 'integer';
      const text = typeof term.value === 'string' ? `"${term.value}"` : String(term.value);
      classes.union(slot, classes.typed({ type, text, span: term.span }), term.span, context);
      return;
    }
    case 'var':
      classes.union(slot, classes.slot(`${clause}:${term.name}`), term.span, context);
      return;
    case 'wildcard':
      return;
    case 'binary': {
      const operands = classes.typed({ type: 'integer', text: 'this expression', span: term.span });
      classes.union(slot, operands, term.span, context);
      flow(term.left, operands);
      flow(term.right, operands);
      return;
    }
    case 'aggregate': {
      if (term.fn === 'min' || term.fn === 'max') return flow(term.arg, slot);
      const result = classes.typed({
        type: 'integer',
        text: `${term.fn}<${term.arg.name}>`,
        span: term.span,
      });
      classes.union(slot, result, term.span, context);
      if (term.fn !== 'count') flow(term.arg, result);
      return;
    }
  }
}
