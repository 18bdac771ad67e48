// Test helpers: a program from source text, and a failure spec with defaults.
import type { Fact, Program, Rule } from '../../datalog/syntax/types.js';
import { parseSource } from '../../datalog/syntax/parse.js';
import type { FailureSpec } from '../../datalog/eval/types.js';

/** Parse one in-memory file (no includes); fails the test on any syntax error. */
export function programOf(text: string, path = 'test.ded'): Program {
  const { file, diagnostics } = parseSource(path, text);
  if (diagnostics.length > 0) throw new Error(diagnostics.map((d) => d.message).join('\n'));
  return {
    files: [file],
    rules: file.clauses.filter((c): c is Rule => c.kind === 'rule'),
    facts: file.clauses.filter((c): c is Fact => c.kind === 'fact'),
  };
}

export function specOf(partial: Partial<FailureSpec> & { nodes: readonly string[] }): FailureSpec {
  return { eot: 4, eff: 2, maxCrashes: 0, crashes: [], omissions: [], ...partial };
}
