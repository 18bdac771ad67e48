// The syntax tree of a Dedalus program (Molly's dialect, SPEC §1).
// Plain readonly data; every node carries the span of the source text it came from.

/** A 1-based position range in one source file. `end*` is exclusive of the last column. */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** A constant: a double-quoted string (no escapes) or a non-negative integer. */
export type Value = string | number;

export type ArithOp = '+' | '-' | '*' | '/';
export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=';
export type AggregateFn = 'count' | 'sum' | 'min' | 'max' | 'avg';

export type Term = Variable | Wildcard | Constant | Binary | Aggregate;

/** Any unquoted identifier is a variable, whatever its case (Molly's rule). */
export interface Variable {
  readonly kind: 'var';
  readonly name: string;
  readonly span: Span;
}

/** `_`: a fresh variable at each occurrence. */
export interface Wildcard {
  readonly kind: 'wildcard';
  readonly span: Span;
}

export interface Constant {
  readonly kind: 'const';
  readonly value: Value;
  readonly span: Span;
}

export interface Binary {
  readonly kind: 'binary';
  readonly op: ArithOp;
  readonly left: Term;
  readonly right: Term;
  readonly span: Span;
}

/** `count<X>` and friends; only in rule heads. `arg` is a variable. */
export interface Aggregate {
  readonly kind: 'aggregate';
  readonly fn: AggregateFn;
  readonly arg: Variable;
  readonly span: Span;
}

export interface Atom {
  readonly kind: 'atom';
  readonly relation: string;
  readonly args: readonly Term[];
  readonly span: Span;
}

/**
 * A body atom, possibly negated (`notin`), possibly read at an absolute time (`@k`);
 * `time` is null when the atom is read at the rule's own time step.
 */
export interface BodyAtom {
  readonly kind: 'body-atom';
  readonly negated: boolean;
  readonly atom: Atom;
  readonly time: number | null;
  readonly span: Span;
}

export interface Comparison {
  readonly kind: 'compare';
  readonly op: CompareOp;
  readonly left: Term;
  readonly right: Term;
  readonly span: Span;
}

export type BodyItem = BodyAtom | Comparison;

/**
 * When a rule's head holds: 'now' (deductive: same node, same step), 'next' (persistence: the step
 * after), 'async' (a message, delivered at the step after unless lost). A head written with `@k` is
 * kept as `{ at: k }` so the checker can reject it with a position.
 */
export type HeadTime = 'now' | 'next' | 'async' | { readonly at: number };

export interface Rule {
  readonly kind: 'rule';
  readonly head: Atom;
  readonly headTime: HeadTime;
  readonly body: readonly BodyItem[];
  readonly span: Span;
}

/** A ground atom holding at time `time` (null when the source forgot `@k`: a checker error). */
export interface Fact {
  readonly kind: 'fact';
  readonly atom: Atom;
  readonly time: number | null;
  /** The suffix written, when it was not `@k` (e.g. `@next` on a fact): a checker error. */
  readonly badSuffix: 'next' | 'async' | null;
  readonly span: Span;
}

export interface Include {
  readonly kind: 'include';
  readonly path: string;
  readonly span: Span;
}

export type Clause = Rule | Fact | Include;

/** One parsed file. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  readonly clauses: readonly Clause[];
}

/** A whole program: every file (includes resolved, each once, in first-seen order) and its clauses. */
export interface Program {
  readonly files: readonly SourceFile[];
  readonly rules: readonly Rule[];
  readonly facts: readonly Fact[];
}

/** Relations the engine provides; programs may read but never define them. */
export const RESERVED_RELATIONS = ['clock', 'crash'] as const;
