// From files to a checked program: parse with includes, check, and stop with every error found.
import type { Program } from '../datalog/syntax/types.js';
import { checkProgram } from '../datalog/syntax/check.js';
import { DiagnosticError, type Diagnostic } from '../datalog/syntax/diagnostics.js';
import { loadProgram, normalize, type SourceLoader } from '../datalog/syntax/load.js';
import { printRule } from '../datalog/syntax/print.js';
import type { ProgramSource } from './types.js';

/** A program read and checked: what `check` and `runOnce` take. */
export interface LoadResult {
  /** The program as parsed; run it only when `ok`. */
  readonly program: Program;
  /** Each file read (the entries and their includes) by path, for `formatDiagnostic` and the report. */
  readonly sources: Map<string, string>;
  /** Every error and warning, in the order found: parse and include errors, then the checks. */
  readonly diagnostics: readonly Diagnostic[];
  /** No diagnostic is an error. */
  readonly ok: boolean;
}

/** A checked program with its warnings (what `loadChecked` returns). */
export interface Loaded {
  readonly program: Program;
  readonly sources: Map<string, string>;
  readonly warnings: readonly Diagnostic[];
}

/**
 * Read `entries` and every file they include through `loader`, parse and check them. Bad input is
 * never thrown: it comes back as diagnostics (`ok` false). `strict` adds the non-local rule warnings.
 *
 * @example
 *   const loaded = load(['proto.ded'], memoryLoader({ 'proto.ded': text }));
 *   if (!loaded.ok) console.error(loaded.diagnostics.map((d) => formatDiagnostic(d, loaded.sources)));
 */
export function load(
  entries: readonly string[],
  loader: SourceLoader,
  options: { readonly strict?: boolean } = {},
): LoadResult {
  const { program, diagnostics, sources } = loadProgram(entries, loader);
  // A program that did not parse is not checked: its errors would only repeat the parse errors.
  const all = diagnostics.some((d) => d.severity === 'error')
    ? diagnostics
    : [...diagnostics, ...checkProgram(program, { ...options, lint: true })];
  return { program, sources, diagnostics: all, ok: !all.some((d) => d.severity === 'error') };
}

/**
 * A loader over files held in memory (a browser, a test, a server): paths as `load` asks for them,
 * normalised (`./a.ded` and `a.ded` are one file; includes resolve against the including file).
 */
export function memoryLoader(
  files: Readonly<Record<string, string>> | ReadonlyMap<string, string>,
): SourceLoader {
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  const byPath = new Map(entries.map(([path, text]) => [normalize(path), text]));
  return { read: (path) => byPath.get(normalize(path)) ?? null };
}

/**
 * Load and check `files` through `read` (injected: the file system in the CLI, a map in a browser).
 * Throws DiagnosticError with every error, its `sources` attached for formatting.
 */
export function loadChecked(
  files: readonly string[],
  read: SourceLoader['read'],
  options: { strict?: boolean } = {},
): Loaded {
  const { program, sources, diagnostics, ok } = load(files, { read }, options);
  if (!ok) throw new DiagnosticError(diagnostics, sources);
  return { program, sources, warnings: diagnostics.filter((d) => d.severity !== 'error') };
}

/** The program as the report shows it: files and each rule printed with its position. */
export function programSource(program: Program, sources: ReadonlyMap<string, string>): ProgramSource {
  return {
    files: program.files.map((f) => ({ path: f.path, text: sources.get(f.path) ?? f.text })),
    rules: program.rules.map((r) => ({
      text: printRule(r),
      file: r.span.file,
      line: r.span.line,
      col: r.span.col,
    })),
  };
}
