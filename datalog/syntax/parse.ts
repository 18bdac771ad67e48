// Recursive-descent parser for Molly's Dedalus dialect (SPEC §1). One function per production, the
// production written above it. A syntax error abandons the clause and resumes after the next `;`, so
// one pass reports every broken clause.
import type {
  AggregateFn,
  ArithOp,
  Atom,
  BodyItem,
  Clause,
  CompareOp,
  Comparison,
  Fact,
  HeadTime,
  Include,
  Rule,
  SourceFile,
  Span,
  Term,
  Variable,
} from './types.js';
import { error, type Diagnostic } from './diagnostics.js';
import { describeToken, tokenize, type Token } from './lexer.js';

/** Parses one file. Clauses that fail to parse are left out and reported as E001. */
export function parseSource(path: string, text: string): { file: SourceFile; diagnostics: Diagnostic[] } {
  const { tokens, diagnostics } = tokenize(path, text);
  const parser = new Parser(tokens, diagnostics);
  const clauses = parser.file();
  // Lexical and syntax errors were found in two passes; report them in the order of the text.
  const inOrder = parser.diagnostics.sort((a, b) => a.span!.line - b.span!.line || a.span!.col - b.span!.col);
  return { file: { path, text, clauses }, diagnostics: inOrder };
}

const AGGREGATE_FNS: readonly string[] = ['count', 'sum', 'min', 'max', 'avg'];
const COMPARE_OPS: readonly string[] = ['==', '!=', '<', '>', '<=', '>='];
const INTEGER = /^[0-9]+$/;
const MAX_TERM_OPERATORS = 1000;

/** Thrown to abandon the current clause; the diagnostic is already recorded. */
class ClauseAbandoned extends Error {}

/** The span from the start of `from` to the end of `to`. */
export function spanBetween(from: Span, to: Span): Span {
  return { file: from.file, line: from.line, col: from.col, endLine: to.endLine, endCol: to.endCol };
}

class Parser {
  private pos = 0;
  /** Operators and parentheses in the term being parsed. */
  private operators = 0;

  constructor(
    private readonly tokens: readonly Token[],
    readonly diagnostics: Diagnostic[],
  ) {}

  // file := clause* EOF
  file(): Clause[] {
    const clauses: Clause[] = [];
    while (this.peek().kind !== 'eof') {
      try {
        clauses.push(this.clause());
      } catch (e) {
        if (!(e instanceof ClauseAbandoned)) throw e;
        this.recover();
      }
    }
    return clauses;
  }

  // clause := include | headClause
  private clause(): Clause {
    if (this.isWord('include') && this.peek(1).kind === 'string') return this.include();
    return this.headClause();
  }

  // include := 'include' STRING ';'
  private include(): Include {
    const keyword = this.next();
    const path = this.next();
    const semi = this.expectPunct(';', "after the included file's name");
    return { kind: 'include', path: path.text.slice(1, -1), span: spanBetween(keyword.span, semi.span) };
  }

  // headClause := atom ('@' (INT | 'next' | 'async'))? (':-' body)? ';'
  // Without `:-` the clause is a fact; `@next`/`@async` on a fact is kept for the checker to reject.
  private headClause(): Rule | Fact {
    if (this.isWord('notin') && this.peek(1).kind === 'word') {
      this.fail("expected a fact or a rule head (only body atoms take 'notin')");
    }
    const head = this.atom('a fact or a rule head');
    const time = this.headTime();
    if (this.isPunct(':-')) {
      this.next();
      const body = this.body();
      const semi = this.next();
      return { kind: 'rule', head, headTime: time, body, span: spanBetween(head.span, semi.span) };
    }
    const semi = this.expectPunct(';', "or ':-' after the head", "';'");
    const span = spanBetween(head.span, semi.span);
    if (typeof time === 'object') return { kind: 'fact', atom: head, time: time.at, badSuffix: null, span };
    const badSuffix = time === 'now' ? null : time;
    return { kind: 'fact', atom: head, time: null, badSuffix, span };
  }

  // headTime := ('@' (INT | 'next' | 'async'))?
  private headTime(): HeadTime {
    if (!this.isPunct('@')) return 'now';
    this.next();
    const token = this.peek();
    if (token.kind === 'word' && (token.text === 'next' || token.text === 'async')) {
      this.next();
      return token.text;
    }
    if (token.kind === 'word' && INTEGER.test(token.text)) return { at: this.integer(this.next()) };
    return this.fail("expected 'next', 'async' or an integer time after '@'");
  }

  // body := bodyItem (',' bodyItem)*   (ends at the ';', which is left as the current token)
  private body(): BodyItem[] {
    const items = [this.bodyItem()];
    while (!this.isPunct(';')) {
      if (!this.isPunct(',')) this.fail("expected ';' or ',' after body item");
      this.next();
      items.push(this.bodyItem());
    }
    return items;
  }

  // bodyItem := 'notin'? atom ('@' INT)? | comparison
  private bodyItem(): BodyItem {
    const first = this.peek();
    if (this.isWord('notin') && this.peek(1).kind !== 'word') {
      this.next();
      return this.fail("expected a relation name after 'notin'");
    }
    const negated = this.isWord('notin') && this.peek(1).kind === 'word';
    const atomAhead = negated ? this.peek(2) : this.peek(1);
    if (first.kind !== 'word' || !(atomAhead.kind === 'punct' && atomAhead.text === '(')) {
      return this.comparison();
    }
    if (negated) this.next();
    const atom = this.atom('a relation name');
    let time: number | null = null;
    let last = atom.span;
    if (this.isPunct('@')) {
      this.next();
      const token = this.peek();
      if (token.kind !== 'word' || !INTEGER.test(token.text)) {
        this.fail("expected an integer time after '@' in a rule body (only heads take @next or @async)");
      }
      time = this.integer(this.next());
      last = token.span;
    }
    return { kind: 'body-atom', negated, atom, time, span: spanBetween(first.span, last) };
  }

  // comparison := expr ('==' | '!=' | '<' | '>' | '<=' | '>=') expr
  private comparison(): Comparison {
    const left = this.term();
    const op = this.peek();
    if (op.kind !== 'punct' || !COMPARE_OPS.includes(op.text)) {
      return this.fail("expected a comparison ('==', '!=', '<', '>', '<=', '>=') in a rule body");
    }
    this.next();
    const right = this.term();
    return {
      kind: 'compare',
      op: op.text as CompareOp,
      left,
      right,
      span: spanBetween(left.span, right.span),
    };
  }

  // atom := WORD '(' (expr (',' expr)*)? ')'
  private atom(what: string): Atom {
    const name = this.peek();
    if (name.kind !== 'word' || INTEGER.test(name.text)) return this.fail(`expected ${what}`);
    this.next();
    this.expectPunct('(', `after relation name '${name.text}'`);
    const args: Term[] = [];
    if (!this.isPunct(')')) {
      args.push(this.term());
      while (this.isPunct(',')) {
        this.next();
        args.push(this.term());
      }
    }
    const close = this.expectPunct(')', `or ',' in the arguments of '${name.text}'`, "')'");
    return { kind: 'atom', relation: name.text, args, span: spanBetween(name.span, close.span) };
  }

  // term := expr   (a whole argument or side of a comparison; its size is bounded)
  private term(): Term {
    this.operators = 0;
    return this.expr();
  }

  // expr := product (('+' | '-') product)*
  private expr(): Term {
    let left = this.product();
    while (this.isPunct('+') || this.isPunct('-')) {
      const op = this.operator().text as ArithOp;
      const right = this.product();
      left = { kind: 'binary', op, left, right, span: spanBetween(left.span, right.span) };
    }
    return left;
  }

  // product := primary (('*' | '/') primary)*
  private product(): Term {
    let left = this.primary();
    while (this.isPunct('*') || this.isPunct('/')) {
      const op = this.operator().text as ArithOp;
      const right = this.primary();
      left = { kind: 'binary', op, left, right, span: spanBetween(left.span, right.span) };
    }
    return left;
  }

  // primary := '(' expr ')' | aggregate | STRING | INT | '_' | VARIABLE
  private primary(): Term {
    const token = this.peek();
    if (this.isPunct('(')) {
      this.operator();
      const inner = this.expr();
      const close = this.expectPunct(')', 'to close the parenthesis');
      // The parentheses belong to the term's text, so a caret under it covers them too.
      return { ...inner, span: spanBetween(token.span, close.span) };
    }
    if (token.kind === 'string') {
      this.next();
      return { kind: 'const', value: token.text.slice(1, -1), span: token.span };
    }
    if (token.kind !== 'word') return this.fail('expected a term (a variable, a constant or an expression)');
    if (this.atAggregate()) return this.aggregate();
    this.next();
    if (INTEGER.test(token.text)) return { kind: 'const', value: this.integer(token), span: token.span };
    if (token.text === '_') return { kind: 'wildcard', span: token.span };
    return { kind: 'var', name: token.text, span: token.span };
  }

  // aggregate := ('count' | 'sum' | 'min' | 'max' | 'avg') '<' VARIABLE '>'
  private aggregate(): Term {
    const fn = this.next();
    this.next();
    const arg = this.next();
    const close = this.next();
    const span = spanBetween(fn.span, close.span);
    if (arg.kind !== 'word' || INTEGER.test(arg.text) || arg.text === '_') {
      this.diagnostics.push(
        error(
          'E019',
          `aggregate '${fn.text}' needs a variable inside '<>', found ${describeToken(arg)}`,
          arg.span,
        ),
      );
    }
    const variable: Variable = { kind: 'var', name: arg.text, span: arg.span };
    return { kind: 'aggregate', fn: fn.text as AggregateFn, arg: variable, span };
  }

  /** `count<X>` is an aggregate only in this exact shape; `min < max` stays a comparison. */
  private atAggregate(): boolean {
    const [fn, open, arg, close] = [this.peek(), this.peek(1), this.peek(2), this.peek(3)];
    return (
      AGGREGATE_FNS.includes(fn.text) &&
      open.kind === 'punct' &&
      open.text === '<' &&
      (arg.kind === 'word' || arg.kind === 'string') &&
      close.kind === 'punct' &&
      close.text === '>'
    );
  }

  /**
   * Consumes an operator or '(' of the current term. Terms are trees as deep as they have operators,
   * and every later stage walks them recursively, so a bound here keeps the stack safe.
   */
  private operator(): Token {
    this.operators += 1;
    if (this.operators > MAX_TERM_OPERATORS) {
      const message = `expression too large (over ${MAX_TERM_OPERATORS} operators and parentheses); split it over several rules`;
      this.diagnostics.push(error('E001', message, this.peek().span));
      throw new ClauseAbandoned();
    }
    return this.next();
  }

  private integer(token: Token): number {
    const value = Number(token.text);
    if (!Number.isSafeInteger(value)) {
      this.diagnostics.push(error('E001', `integer ${token.text} is too large`, token.span));
      throw new ClauseAbandoned();
    }
    return value;
  }

  private peek(ahead = 0): Token {
    return this.tokens[Math.min(this.pos + ahead, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos += 1;
    return token;
  }

  private isPunct(text: string): boolean {
    const token = this.peek();
    return token.kind === 'punct' && token.text === text;
  }

  private isWord(text: string): boolean {
    const token = this.peek();
    return token.kind === 'word' && token.text === text;
  }

  /** Consumes the punctuation `text` or fails with "expected 'text' <context>, found …". */
  private expectPunct(text: string, context: string, expected = `'${text}'`): Token {
    if (!this.isPunct(text)) this.fail(`expected ${expected} ${context}`);
    return this.next();
  }

  private fail(expected: string): never {
    const found = this.peek();
    const message = found.problem ?? `${expected}, found ${describeToken(found)}`;
    this.diagnostics.push(error('E001', message, found.span));
    throw new ClauseAbandoned();
  }

  /** Skips past the next `;`, so the following clause parses afresh (and parsing always moves on). */
  private recover(): void {
    while (this.peek().kind !== 'eof' && !this.isPunct(';')) this.next();
    if (this.isPunct(';')) this.next();
  }
}
