// User errors are data: a code, a message and a span. One table holds every message's code.
import type { Span } from './types.js';

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
  E004: 'file cannot be read',
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
  E021: 'integer overflow during a run',
  W001: 'rule is not local',
  W002: 'facts at a location that is not a node',
  W003: 'rule that can never fire dropped from a negation cycle',
  W004: 'facts at a time the run never reaches',
  W010: 'relation defined nowhere',
  W011: 'derived relation nothing reads',
  W012: 'EFF beyond EOT',
  W013: 'nothing was tested (vacuous)',
  W014: 'the bounds allow no fault',
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
 * `sources` maps a file path to its text (missing files render without the excerpt). Control
 * characters are shown escaped, and a long line only around the caret: what a program holds never
 * reaches the terminal as anything but visible text.
 */
export function formatDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  const where = d.span ? `${d.span.file}:${d.span.line}:${d.span.col}: ` : '';
  lines.push(escapeControl(`${where}${d.severity}[${d.code}]: ${d.message}`));
  if (d.span) lines.push(...excerpt(d.span, sources));
  for (const r of d.related) {
    lines.push(escapeControl(`${r.span.file}:${r.span.line}:${r.span.col}: note: ${r.message}`));
    lines.push(...excerpt(r.span, sources));
  }
  return lines.join('\n');
}

/** How many diagnostics a report shows before it only counts the rest. */
export const SHOWN_DIAGNOSTICS = 100;

/**
 * Every diagnostic of a failed load, errors first-come: the first SHOWN_DIAGNOSTICS in full, then a
 * count of the rest, then the total. Linear in the number of diagnostics and the size of the sources.
 */
export function formatDiagnosticReport(
  ds: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): string {
  const errors = ds.filter((d) => d.severity === 'error').length;
  const shown = ds.slice(0, SHOWN_DIAGNOSTICS);
  const body = shown.map((d) => formatDiagnostic(d, sources)).join('\n\n');
  const rest = ds.length - shown.length;
  const more = rest > 0 ? `\n\n... and ${rest} more (only the first ${SHOWN_DIAGNOSTICS} are shown)` : '';
  return `${body}${more}\n\nldfi: ${errors} error${errors === 1 ? '' : 's'}; nothing was run.\n`;
}

/** Warnings before a run: the first SHOWN_DIAGNOSTICS, then a count of the rest. */
export function formatWarnings(ds: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  const shown = ds.slice(0, SHOWN_DIAGNOSTICS).map((d) => `${formatDiagnostic(d, sources)}\n`);
  const rest = ds.length - SHOWN_DIAGNOSTICS;
  return shown.join('') + (rest > 0 ? `... and ${rest} more warnings\n` : '');
}

/** Characters a terminal would act on (C0 but tab, DEL, C1) or that reorder or break lines: escaped. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `\x1b` for ESC, `\u2028` for a line separator: text safe to print (callers add their own newlines). */
export function escapeControl(s: string): string {
  return s.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Characters of a long line shown around the caret. */
const EXCERPT_WIDTH = 120;

/** Line start offsets per source text, computed once per sources map (so N diagnostics stay O(N)). */
const lineIndex = new WeakMap<ReadonlyMap<string, string>, Map<string, number[]>>();

function sourceLine(sources: ReadonlyMap<string, string>, file: string, line: number): string | undefined {
  const text = sources.get(file);
  if (text === undefined) return undefined;
  let byFile = lineIndex.get(sources);
  if (!byFile) lineIndex.set(sources, (byFile = new Map()));
  let starts = byFile.get(file);
  if (!starts) {
    starts = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    byFile.set(file, starts);
  }
  const start = starts[line - 1];
  if (start === undefined) return undefined;
  const end = line < starts.length ? starts[line]! - 1 : text.length;
  return text.slice(start, text[end - 1] === '\r' ? end - 1 : end);
}

function excerpt(span: Span, sources: ReadonlyMap<string, string>): string[] {
  const full = sourceLine(sources, span.file, span.line);
  if (full === undefined) return [];
  const gutter = String(span.line);
  // Only a window of a long line: from a little before the caret to EXCERPT_WIDTH characters on.
  const from =
    full.length <= EXCERPT_WIDTH ? 0 : Math.max(0, Math.min(span.col - 1 - 20, full.length - EXCERPT_WIDTH));
  const to = Math.min(full.length, from + EXCERPT_WIDTH);
  const head = from > 0 ? '...' : '';
  const line = head + full.slice(from, to) + (to < full.length ? '...' : '');
  const col = span.col - from + head.length;
  const width =
    span.endLine === span.line ? Math.max(1, Math.min(span.endCol - span.col, to - span.col + 1)) : 1;
  // Keep the line's tabs under the caret so it lines up however wide the terminal draws a tab; an
  // escaped control character is wider than one column, so the caret moves with it.
  const before = line.slice(0, col - 1);
  const indent = escapeControl(before)
    .replace(/[^\t]/g, ' ')
    .padEnd(col - 1);
  return [
    `${gutter} | ${escapeControl(line)}`,
    `${' '.repeat(gutter.length)} | ${indent}${'^'.repeat(width)}`,
  ];
}
