// A rule firing's variable bindings, recovered from the rule and the tuples the firing joined: the
// head against its tuple, each positive body atom against a child tuple of its relation. Records keep
// values but no bindings, and reading them back here keeps every run record lean.
import type { Atom, Rule } from '../../datalog/syntax/types.js';
import { parseSource } from '../../datalog/syntax/parse.js';
import type { ProgramSource } from '../../runner/types.js';

export interface GroundTuple {
  readonly relation: string;
  readonly values: readonly string[];
}

type Env = Map<string, string>;

/** The rules of `program` as syntax trees (null where one does not parse back), once per program. */
const parsedRules = new WeakMap<ProgramSource, readonly (Rule | null)[]>();

export function programRules(program: ProgramSource): readonly (Rule | null)[] {
  let rules = parsedRules.get(program);
  if (!rules) {
    rules = program.rules.map((r) => {
      const clause = parseSource(r.file, r.text).file.clauses[0];
      return clause?.kind === 'rule' ? clause : null;
    });
    parsedRules.set(program, rules);
  }
  return rules;
}

// Enough for any real firing; an aggregate over many tuples gives up rather than search them all.
const SEARCH_BUDGET = 400;

/** `A = "a", B = "b", P = "hi"` in the order the variables first occur in the rule; '' if unknown. */
export function firingBindings(rule: Rule, head: GroundTuple | null, used: readonly GroundTuple[]): string {
  const env: Env = new Map();
  if (head && !unify(rule.head, head.values, env, true)) env.clear();
  const atoms = rule.body.flatMap((b) => (b.kind === 'body-atom' && !b.negated ? [b.atom] : []));
  let budget = SEARCH_BUDGET;
  const search = (i: number): boolean => {
    if (i === atoms.length) return true;
    const atom = atoms[i]!;
    for (const t of used) {
      if (t.relation !== atom.relation || --budget < 0) continue;
      const tried = new Map(env);
      if (unify(atom, t.values, env, false) && search(i + 1)) return true;
      env.clear();
      for (const [k, v] of tried) env.set(k, v);
    }
    // An atom no child matches (a clock the lineage drew as a message): bind the rest anyway.
    return budget >= 0 && i + 1 <= atoms.length && search(i + 1);
  };
  search(0);
  return variableOrder(rule)
    .filter((name) => env.has(name))
    .map((name) => `${name} = ${shown(env.get(name)!)}`)
    .join(', ');
}

function unify(atom: Atom, values: readonly string[], env: Env, lenient: boolean): boolean {
  if (atom.args.length !== values.length) return false;
  for (let i = 0; i < values.length; i++) {
    const term = atom.args[i]!;
    const value = values[i]!;
    if (term.kind === 'var') {
      const bound = env.get(term.name);
      if (bound === undefined) env.set(term.name, value);
      else if (bound !== value) return false;
    } else if (term.kind === 'const' && String(term.value) !== value && !lenient) return false;
  }
  return true;
}

function variableOrder(rule: Rule): string[] {
  const names: string[] = [];
  const visit = (atom: Atom): void => {
    for (const term of atom.args)
      if (term.kind === 'var' && !names.includes(term.name)) names.push(term.name);
  };
  visit(rule.head);
  for (const item of rule.body) if (item.kind === 'body-atom') visit(item.atom);
  return names;
}

/** As formatTuple shows values: digits as integers, anything else quoted. */
function shown(value: string): string {
  return /^[0-9]+$/.test(value) ? value : `"${value}"`;
}

/** Columns of `relation` that some positive body atom of `rule` reads as `_`. */
export function wildcardColumns(rule: Rule, relation: string): Set<number> {
  const columns = new Set<number>();
  for (const item of rule.body) {
    if (item.kind !== 'body-atom' || item.negated || item.atom.relation !== relation) continue;
    item.atom.args.forEach((term, i) => {
      if (term.kind === 'wildcard') columns.add(i);
    });
  }
  return columns;
}
