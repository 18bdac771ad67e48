// User errors are data: a code, a message and a span. One table holds every message's code.
import type { Span } from './ast.js';

/** An error stops the program from running; a warning is printed and the run goes on. */
export type Severity = 'error' | 'warning';

/** A problem with the user's program: printed by `formatDiagnostic` as `file:line:col: error[CODE]: message`. */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span | null;
  /** Further places the message refers to ("first defined here"). */
  readonly related: readonly { readonly message: string; readonly span: Span }[];
}

/** Every diagnostic the front end can produce, with a one-line description. */
export const DIAGNOSTIC_CODES = {
  E001: 'syntax error',
  E002: 'include not found',
  E003: 'include cycle',
  E010: 'unsafe variable',
  E011: 'arity mismatch',
  E012: 'column type conflict',
  E013: 'negation cannot be stratified',
  E014: 'reserved relation defined',
  E015: 'fact without a time',
  E016: 'rule head with an absolute time',
  E017: 'missing pre or post',
  E018: 'pre and post differ in arity',
  E019: 'aggregate misuse',
  E020: 'fact is not ground',
  W001: 'rule is not local',
  W002: 'facts at a location that is not a node',
  W003: 'rule that can never fire dropped from a negation cycle',
} as const;

/** `E…` errors and `W…` warnings; `DIAGNOSTIC_CODES` says what each means. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export function error(
  code: DiagnosticCode,
  message: string,
  span: Span | null,
  related: Diagnostic['related'] = [],
): Diagnostic {
  return { code, severity: 'error', message, span, related };
}

export function warning(
  code: DiagnosticCode,
  message: string,
  span: Span | null,
  related: Diagnostic['related'] = [],
): Diagnostic {
  return { code, severity: 'warning', message, span, related };
}

/** Thrown by a stage that cannot go on; carries every diagnostic found so far. */
export class DiagnosticError extends Error {
  constructor(
    readonly diagnostics: readonly Diagnostic[],
    /** The source texts, for formatting with excerpts. */
    readonly sources: ReadonlyMap<string, string> = new Map(),
  ) {
    super(diagnostics.map((d) => d.message).join('\n'));
    this.name = 'DiagnosticError';
  }
}

/**
 * Render as `file:line:col: error[CODE]: message`, then the source line and a caret under the column.
 * `sources` maps a file path to its text (missing files render without the excerpt).
 */
export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
  lines.push(`${where}${d.severity}[${d.code}]: ${d.message}`);
  if (d.span) lines.push(...excerpt(d.span, sources));
  for (const r of d.related) {
    lines.push(`${r.span.file}:${r.span.line}:${r.span.col}: note: ${r.message}`);
    lines.push(...excerpt(r.span, sources));
  }
  return lines.join('\n');
}

function excerpt(span: Span, sources: ReadonlyMap<string, string>): string[] {
  const text = sources.get(span.file);
  if (text === undefined) return [];
  const line = text.split(/\r?\n/)[span.line - 1];
  if (line === undefined) return [];
  const gutter = String(span.line);
  const width = span.endLine === span.line ? Math.max(1, span.endCol - span.col) : 1;
  // Keep the line's tabs under the caret so it lines up however wide the terminal draws a tab.
  const indent = line
    .slice(0, span.col - 1)
    .replace(/[^\t]/g, ' ')
    .padEnd(span.col - 1);
  return [`${gutter} | ${line}`, `${' '.repeat(gutter.length)} | ${indent}${'^'.repeat(width)}`];
}
