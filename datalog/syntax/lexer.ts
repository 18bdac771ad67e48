// Tokens of Molly's Dedalus dialect (SPEC §1). One linear pass over the text; comments and whitespace
// are dropped here so the parser never sees them.
import type { Span } from './types.js';
import { error, type Diagnostic } from './diagnostics.js';

/**
 * `word`: a run of `[A-Za-z0-9._?]` (relation name, variable, integer, keyword: the parser decides);
 * `string`: a double-quoted string, `text` includes the quotes; `punct`: an operator or delimiter;
 * `invalid`: text the language has no token for (`problem` says why; the parser reports it where it
 * stands, so a stray character costs one error, not two); `eof`: the end of the file (an empty span).
 */
export type TokenKind = 'word' | 'string' | 'punct' | 'invalid' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly span: Span;
  readonly problem?: string;
}

// Sticky patterns, tried at the current offset only.
const SPACE = /\s+/y;
const WORD = /[A-Za-z0-9._?]+/y;
const TWO_CHAR_PUNCTUATION = new Set(['<=', '>=', '==', '!=', ':-']);
const ONE_CHAR_PUNCTUATION = new Set(['(', ')', ',', ';', '@', '<', '>', '+', '-', '*', '/']);

/** Splits `text` into tokens (always ending with one `eof`); only an unclosed comment is reported here. */
export function tokenize(file: string, text: string): { tokens: Token[]; diagnostics: Diagnostic[] } {
  return new Lexer(file, text).run();
}

/** How a token is named in "found …" messages. */
export function describeToken(token: Token): string {
  return token.kind === 'eof' ? 'end of file' : `'${token.text}'`;
}

class Lexer {
  private readonly tokens: Token[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private offset = 0;
  private line = 1;
  /** Offset of the current line's first character (columns are counted from it). */
  private lineStart = 0;

  constructor(
    private readonly file: string,
    private readonly text: string,
  ) {}

  run(): { tokens: Token[]; diagnostics: Diagnostic[] } {
    const text = this.text;
    while (this.offset < text.length) {
      const at = this.offset;
      const c = text[at]!;
      if (matchAt(SPACE, text, at)) this.skip(SPACE.lastIndex);
      else if (c === '/' && text[at + 1] === '/') this.lineComment();
      else if (c === '/' && text[at + 1] === '*') this.blockComment();
      else if (c === '"') this.string();
      else if (matchAt(WORD, text, at)) this.emit('word', WORD.lastIndex);
      else if (TWO_CHAR_PUNCTUATION.has(text.slice(at, at + 2))) this.emit('punct', at + 2);
      else if (ONE_CHAR_PUNCTUATION.has(c)) this.emit('punct', at + 1);
      else this.emit('invalid', at + 1, `unexpected character '${c}'`);
    }
    this.emit('eof', this.offset);
    return { tokens: this.tokens, diagnostics: this.diagnostics };
  }

  // '//' up to the end of the line
  private lineComment(): void {
    const end = this.text.indexOf('\n', this.offset);
    this.skip(end < 0 ? this.text.length : end);
  }

  // '/*' up to the first '*/' (they do not nest)
  private blockComment(): void {
    const [line, col] = [this.line, this.column()];
    const end = this.text.indexOf('*/', this.offset + 2);
    this.skip(end < 0 ? this.text.length : end + 2);
    if (end < 0) {
      const span = this.spanFrom(line, col);
      this.diagnostics.push(error('E001', "unterminated comment: add '*/'", span));
    }
  }

  // '"' anything but '"' and a newline '"'; an unclosed string stops at the line's end so the rest of
  // the file still lexes.
  private string(): void {
    let end = this.offset + 1;
    while (end < this.text.length && this.text[end] !== '"' && this.text[end] !== '\n') end += 1;
    if (this.text[end] === '"') this.emit('string', end + 1);
    else this.emit('invalid', end, "unterminated string: add the closing '\"'");
  }

  /** Adds the token from the current offset to `end` (exclusive), which must not cross a newline. */
  private emit(kind: TokenKind, end: number, problem?: string): void {
    const [line, col] = [this.line, this.column()];
    const text = this.text.slice(this.offset, end);
    this.offset = end;
    const span = this.spanFrom(line, col);
    this.tokens.push(problem === undefined ? { kind, text, span } : { kind, text, span, problem });
  }

  /** Moves to `end`, counting the newlines passed. */
  private skip(end: number): void {
    for (let i = this.offset; i < end; i++) {
      if (this.text.charCodeAt(i) === 10) {
        this.line += 1;
        this.lineStart = i + 1;
      }
    }
    this.offset = end;
  }

  private column(): number {
    return this.offset - this.lineStart + 1;
  }

  private spanFrom(line: number, col: number): Span {
    return { file: this.file, line, col, endLine: this.line, endCol: this.column() };
  }
}

function matchAt(pattern: RegExp, text: string, offset: number): boolean {
  pattern.lastIndex = offset;
  return pattern.test(text);
}
