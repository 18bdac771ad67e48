// Loading a program: parse the entry files and, depth-first, every file they include (SPEC §1).
// File access is injected (`SourceLoader`) so the same code runs under Node and in a browser.
import type { Fact, Program, Rule, SourceFile, Span } from './ast.js';
import { error, type Diagnostic } from './diagnostics.js';
import { parseSource } from './parse.js';

/** Reads a file's text, or null when there is no such file. */
export interface SourceLoader {
  read(path: string): string | null;
}

export interface LoadedProgram {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
  /** Each loaded path's text, for `formatDiagnostic`. */
  readonly sources: Map<string, string>;
}

/**
 * Loads `entries` in order. An include resolves against the including file's directory, then
 * against the first entry's directory (Molly resolves every include there, and its examples rely on
 * it). Each file is loaded once, at its first occurrence; its clauses are spliced in where it is
 * included. A missing include is E002, an include cycle E003.
 */
export function loadProgram(entries: readonly string[], loader: SourceLoader): LoadedProgram {
  const fallbackDir = entries.length > 0 ? dirname(normalize(entries[0]!)) : '.';
  const files: SourceFile[] = [];
  const rules: Rule[] = [];
  const facts: Fact[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const loaded = new Set<string>();

  const visit = (path: string, text: string, chain: readonly string[]): void => {
    loaded.add(path);
    sources.set(path, text);
    const parsed = parseSource(path, text);
    files.push(parsed.file);
    diagnostics.push(...parsed.diagnostics);
    for (const clause of parsed.file.clauses) {
      if (clause.kind === 'rule') rules.push(clause);
      else if (clause.kind === 'fact') facts.push(clause);
      else include(path, clause.path, clause.span, [...chain, path]);
    }
  };

  const include = (from: string, target: string, span: Span, chain: readonly string[]): void => {
    const candidates = unique([join(dirname(from), target), join(fallbackDir, target)]);
    for (const candidate of candidates) {
      if (chain.includes(candidate)) {
        const cycle = [...chain.slice(chain.indexOf(candidate)), candidate].join(' -> ');
        diagnostics.push(error('E003', `include cycle: ${cycle}; remove one of these includes`, span));
        return;
      }
      if (loaded.has(candidate)) return;
      const text = loader.read(candidate);
      if (text !== null) return visit(candidate, text, chain);
    }
    const tried = candidates.map((c) => `'${c}'`).join(' or ');
    const message = `cannot find included file '${target}' (looked for ${tried}); include paths are relative to the including file or to the first file given`;
    diagnostics.push(error('E002', message, span));
  };

  for (const entry of entries) {
    const path = normalize(entry);
    if (loaded.has(path)) continue;
    const text = loader.read(path);
    if (text === null) diagnostics.push(error('E002', `cannot read file '${entry}'`, null));
    else visit(path, text, []);
  }
  return { program: { files, rules, facts }, diagnostics, sources };
}

function unique(paths: readonly string[]): string[] {
  return [...new Set(paths)];
}

// Posix-style path arithmetic, kept here so the core needs no `node:path`.

/** Resolves `.` and `..` segments and repeated slashes; keeps leading `..` of relative paths. */
export function normalize(path: string): string {
  const absolute = path.startsWith('/');
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (segment !== '..' || !absolute) out.push(segment);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

export function dirname(path: string): string {
  const slash = path.lastIndexOf('/');
  if (slash < 0) return '.';
  return slash === 0 ? '/' : path.slice(0, slash);
}

export function join(dir: string, path: string): string {
  return path.startsWith('/') ? normalize(path) : normalize(`${dir}/${path}`);
}
