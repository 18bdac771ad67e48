// Loading a program: parse the entry files and, depth-first, every file they include (SPEC §1).
// File access is injected (`SourceLoader`) so the same code runs under Node and in a browser.
import type { Fact, Program, Rule, SourceFile, Span } from './types.js';
import { error, type Diagnostic } from './diagnostics.js';
import { parseSource } from './parse.js';

/**
 * Reads a file's text: null when there is no such file, `{ problem }` when there is one that must not
 * or cannot be read (outside the include root, not a regular file, too large, no permission). A
 * problem names the path and why, never the file's content.
 */
export interface SourceLoader {
  read(path: string): string | null | { readonly problem: string };
}

export interface LoadedProgram {
  readonly program: Program;
  readonly diagnostics: Diagnostic[];
  /** Each loaded path's text, for `formatDiagnostic`. */
  readonly sources: Map<string, string>;
}

/** A file being spliced in: its clauses, and how far they have been taken. */
interface Frame {
  readonly path: string;
  readonly clauses: SourceFile['clauses'];
  next: number;
}

/**
 * Loads `entries` in order. An include resolves against the including file's directory, then
 * against the first entry's directory (Molly resolves every include there, and its examples rely on
 * it). Each file is loaded once, at its first occurrence; its clauses are spliced in where it is
 * included. A missing include is E002, an include cycle E003, an include the loader refuses E004.
 * Includes are followed with an explicit stack, so 10,000 nested files need no call stack.
 */
export function loadProgram(entries: readonly string[], loader: SourceLoader): LoadedProgram {
  const fallbackDir = entries.length > 0 ? dirname(normalize(entries[0]!)) : '.';
  const files: SourceFile[] = [];
  const rules: Rule[] = [];
  const facts: Fact[] = [];
  const diagnostics: Diagnostic[] = [];
  const sources = new Map<string, string>();
  const loaded = new Set<string>();
  // The chain of includes being spliced, as a stack and as a set (a cycle check in O(1)).
  const stack: Frame[] = [];
  const onStack = new Set<string>();

  const open = (path: string, text: string): void => {
    loaded.add(path);
    sources.set(path, text);
    const parsed = parseSource(path, text);
    files.push(parsed.file);
    for (const d of parsed.diagnostics) diagnostics.push(d);
    stack.push({ path, clauses: parsed.file.clauses, next: 0 });
    onStack.add(path);
  };

  const include = (from: string, target: string, span: Span): void => {
    const candidates = unique([join(dirname(from), target), join(fallbackDir, target)]);
    const problems: string[] = [];
    for (const candidate of candidates) {
      if (onStack.has(candidate)) {
        const chain = stack.map((f) => f.path);
        const cycle = [...chain.slice(chain.indexOf(candidate)), candidate].join(' -> ');
        diagnostics.push(error('E003', `include cycle: ${cycle}; remove one of these includes`, span));
        return;
      }
      if (loaded.has(candidate)) return;
      const text = loader.read(candidate);
      if (typeof text === 'string') return open(candidate, text);
      if (text !== null) problems.push(text.problem);
    }
    if (problems.length > 0) {
      diagnostics.push(error('E004', `cannot include '${target}': ${problems.join('; ')}`, span));
      return;
    }
    const tried = candidates.map((c) => `'${c}'`).join(' or ');
    const message = `cannot find included file '${target}' (looked for ${tried}); include paths are relative to the including file or to the first file given`;
    diagnostics.push(error('E002', message, span));
  };

  const splice = (): void => {
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const clause = frame.clauses[frame.next++];
      if (clause === undefined) {
        stack.pop();
        onStack.delete(frame.path);
      } else if (clause.kind === 'rule') rules.push(clause);
      else if (clause.kind === 'fact') facts.push(clause);
      else include(frame.path, clause.path, clause.span);
    }
  };

  for (const entry of entries) {
    const path = normalize(entry);
    if (loaded.has(path)) continue;
    const text = loader.read(path);
    if (typeof text === 'string') {
      open(path, text);
      splice();
    } else if (text === null) diagnostics.push(error('E002', `cannot read file '${entry}'`, null));
    else diagnostics.push(error('E004', `cannot read file '${entry}': ${text.problem}`, null));
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

/** `path` read relative to the folder `dir` (an absolute `path` stands alone), normalized: `join('course/03', '../lib/x.ded')` is `course/lib/x.ded`. */
export function join(dir: string, path: string): string {
  return path.startsWith('/') ? normalize(path) : normalize(`${dir}/${path}`);
}
