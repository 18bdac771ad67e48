// Traversals shared by the checks: every atom of a program in source order, every variable of a term.
import type { Atom, Fact, Program, Rule, Span, Term, Variable, Wildcard } from './types.js';

/** Where an atom occurs: a rule head, a positive or negated body atom, or a fact. */
export type Place = 'head' | 'body' | 'notin' | 'fact';

export interface Occurrence {
  readonly atom: Atom;
  readonly place: Place;
  readonly clause: Rule | Fact;
}

/** Every atom of the program, ordered by file (in load order), then line and column. */
export function occurrences(program: Program): Occurrence[] {
  const found: Occurrence[] = [];
  for (const fact of program.facts) found.push({ atom: fact.atom, place: 'fact', clause: fact });
  for (const rule of program.rules) {
    found.push({ atom: rule.head, place: 'head', clause: rule });
    for (const item of rule.body) {
      if (item.kind === 'body-atom') {
        found.push({ atom: item.atom, place: item.negated ? 'notin' : 'body', clause: rule });
      }
    }
  }
  const order = sourceOrder(program);
  return found.sort((a, b) => order(a.atom.span, b.atom.span));
}

/** A comparator of spans by file load order, line and column (null spans last). */
export function sourceOrder(program: Program): (a: Span | null, b: Span | null) => number {
  const fileIndex = new Map(program.files.map((f, i) => [f.path, i]));
  return (a, b) => {
    if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
    const byFile = (fileIndex.get(a.file) ?? Infinity) - (fileIndex.get(b.file) ?? Infinity);
    return byFile || a.line - b.line || a.col - b.col || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  };
}

/** Variables and wildcards of a term, left to right (an aggregate's argument included). */
export function* variablesOf(term: Term): Generator<Variable | Wildcard> {
  switch (term.kind) {
    case 'var':
    case 'wildcard':
      yield term;
      return;
    case 'aggregate':
      yield term.arg;
      return;
    case 'binary':
      yield* variablesOf(term.left);
      yield* variablesOf(term.right);
      return;
    case 'const':
      return;
  }
}

/** `'x'` or `'notin x'`, as messages name an atom. */
export function describeAtom(atom: Atom, place: Place): string {
  return place === 'notin' ? `'notin ${atom.relation}'` : `'${atom.relation}'`;
}

/** `t.ded:3:5`, as messages point at another place. */
export function where(span: Span): string {
  return `${span.file}:${span.line}:${span.col}`;
}
