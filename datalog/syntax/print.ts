// Source text from the syntax tree, in the dialect `parseSource` reads: parse(print(x)) is x up to
// spans (a property test holds us to it). Used by reports to show rules, and by tests.
import type {
  Atom,
  BodyItem,
  Clause,
  Fact,
  HeadTime,
  Include,
  Program,
  Rule,
  SourceFile,
  Term,
} from './types.js';

/** Binding strength of arithmetic; every operator associates to the left. */
const PRECEDENCE = { '+': 1, '-': 1, '*': 2, '/': 2 } as const;

export function printTerm(term: Term): string {
  switch (term.kind) {
    case 'var':
      return term.name;
    case 'wildcard':
      return '_';
    case 'const':
      return typeof term.value === 'string' ? `"${term.value}"` : String(term.value);
    case 'aggregate':
      return `${term.fn}<${term.arg.name}>`;
    case 'binary': {
      const strength = PRECEDENCE[term.op];
      const left = printOperand(term.left, (p) => p < strength);
      const right = printOperand(term.right, (p) => p <= strength);
      return `${left} ${term.op} ${right}`;
    }
  }
}

/** An operand, parenthesised when its own operator binds too loosely for its position. */
function printOperand(term: Term, needsParens: (precedence: number) => boolean): string {
  const text = printTerm(term);
  return term.kind === 'binary' && needsParens(PRECEDENCE[term.op]) ? `(${text})` : text;
}

export function printAtom(atom: Atom): string {
  return `${atom.relation}(${atom.args.map(printTerm).join(', ')})`;
}

export function printHeadTime(time: HeadTime): string {
  if (typeof time === 'object') return `@${time.at}`;
  return time === 'now' ? '' : `@${time}`;
}

export function printBodyItem(item: BodyItem): string {
  if (item.kind === 'compare') return `${printTerm(item.left)} ${item.op} ${printTerm(item.right)}`;
  const time = item.time === null ? '' : `@${item.time}`;
  return `${item.negated ? 'notin ' : ''}${printAtom(item.atom)}${time}`;
}

/** One line: `head@next :- a(X), notin b(X), X > 1;`. */
export function printRule(rule: Rule): string {
  const body = rule.body.map(printBodyItem).join(', ');
  return `${printAtom(rule.head)}${printHeadTime(rule.headTime)} :- ${body};`;
}

export function printFact(fact: Fact): string {
  const suffix = fact.badSuffix ? `@${fact.badSuffix}` : fact.time === null ? '' : `@${fact.time}`;
  return `${printAtom(fact.atom)}${suffix};`;
}

export function printInclude(include: Include): string {
  return `include "${include.path}";`;
}

export function printClause(clause: Clause): string {
  switch (clause.kind) {
    case 'rule':
      return printRule(clause);
    case 'fact':
      return printFact(clause);
    case 'include':
      return printInclude(clause);
  }
}

/** One clause a line, as written (includes kept). */
export function printSourceFile(file: SourceFile): string {
  return file.clauses.map((c) => `${printClause(c)}\n`).join('');
}

/** The whole loaded program as one file: its facts, then its rules (includes already spliced in). */
export function printProgram(program: Program): string {
  return [...program.facts.map(printFact), ...program.rules.map(printRule)]
    .map((line) => `${line}\n`)
    .join('');
}
