// From files to a checked program: parse with includes, check, and stop with every error found.
import type { Program } from '../datalog/ast.js';
import { checkProgram } from '../datalog/check.js';
import { DiagnosticError, type Diagnostic } from '../datalog/diagnostics.js';
import { loadProgram, type SourceLoader } from '../datalog/load.js';
import { printRule } from '../datalog/print.js';
import type { ProgramSource } from './types.js';

export interface Loaded {
  readonly program: Program;
  readonly sources: Map<string, string>;
  readonly warnings: readonly Diagnostic[];
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
  const { program, diagnostics, sources } = loadProgram(files, { read });
  const all = diagnostics.some((d) => d.severity === 'error')
    ? diagnostics
    : [...diagnostics, ...checkProgram(program, options)];
  const errors = all.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new DiagnosticError(all, sources);
  return { program, sources, warnings: all.filter((d) => d.severity !== 'error') };
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
