// Tokens of Molly's Dedalus dialect (SPEC §1). One linear pass over the text; comments and whitespace
// are dropped here so the parser never sees them.
import type { Span } from './ast.js';
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

// Longest first, so that `<=` wins over `<` and `:-` is one token.
const PUNCTUATION = ['<=', '>=', '==', '!=', ':-', '(', ')', ',', ';', '@', '<', '>', '+', '-', '*', '/'];

const isWordChar = (c: string): boolean => /[A-Za-z0-9._?]/.test(c);

/** Splits `text` into tokens (always ending with one `eof`); only an unclosed comment is reported here. */
export function tokenize(file: string, text: string): { tokens: Token[]; diagnostics: Diagnostic[] } {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let offset = 0;
  let line = 1;
  let col = 1;

  const spanFrom = (startLine: number, startCol: number): Span => ({
    file,
    line: startLine,
    col: startCol,
    endLine: line,
    endCol: col,
  });
  const advance = (count: number): void => {
    for (let i = 0; i < count && offset < text.length; i++) {
      if (text[offset] === '\n') {
        line += 1;
        col = 1;
      } else {
        col += 1;
      }
      offset += 1;
    }
  };

  while (offset < text.length) {
    const c = text[offset]!;
    const startLine = line;
    const startCol = col;
    if (/\s/.test(c)) {
      advance(1);
    } else if (text.startsWith('//', offset)) {
      const end = text.indexOf('\n', offset);
      advance((end < 0 ? text.length : end) - offset);
    } else if (text.startsWith('/*', offset)) {
      const end = text.indexOf('*/', offset + 2);
      advance((end < 0 ? text.length : end + 2) - offset);
      if (end < 0) {
        diagnostics.push(error('E001', "unterminated comment: add '*/'", spanFrom(startLine, startCol)));
      }
    } else if (c === '"') {
      const end = text.indexOf('"', offset + 1);
      const newline = text.indexOf('\n', offset + 1);
      if (end < 0 || (newline >= 0 && newline < end)) {
        // Strings never span lines; stop at the line's end so the rest of the file still lexes.
        const raw = text.slice(offset, newline < 0 ? text.length : newline);
        advance(raw.length);
        const problem = "unterminated string: add the closing '\"'";
        tokens.push({ kind: 'invalid', text: raw, span: spanFrom(startLine, startCol), problem });
      } else {
        const raw = text.slice(offset, end + 1);
        advance(raw.length);
        tokens.push({ kind: 'string', text: raw, span: spanFrom(startLine, startCol) });
      }
    } else if (isWordChar(c)) {
      let end = offset + 1;
      while (end < text.length && isWordChar(text[end]!)) end += 1;
      const raw = text.slice(offset, end);
      advance(raw.length);
      tokens.push({ kind: 'word', text: raw, span: spanFrom(startLine, startCol) });
    } else {
      const punct = PUNCTUATION.find((p) => text.startsWith(p, offset));
      advance(punct ? punct.length : 1);
      const span = spanFrom(startLine, startCol);
      if (punct) tokens.push({ kind: 'punct', text: punct, span });
      else tokens.push({ kind: 'invalid', text: c, span, problem: `unexpected character '${c}'` });
    }
  }
  tokens.push({ kind: 'eof', text: '', span: spanFrom(line, col) });
  return { tokens, diagnostics };
}

/** How a token is named in "found …" messages. */
export function describeToken(token: Token): string {
  return token.kind === 'eof' ? 'end of file' : `'${token.text}'`;
}
