// Safety (E010): a rule can only be evaluated if every variable it needs has a value from a positive
// body atom. Variables that only appear in a head, a `notin`, a comparison or an expression would have
// to range over every possible value.
import type { Rule, Term } from './ast.js';
import { describeAtom, variablesOf } from './check-walk.js';
import { error, type Diagnostic } from './diagnostics.js';

export function checkSafety(rule: Rule): Diagnostic[] {
  const bound = boundVariables(rule);
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const require = (term: Term, context: string, allowWildcard: boolean): void => {
    for (const v of variablesOf(term)) {
      if (v.kind === 'wildcard') {
        if (!allowWildcard) {
          diagnostics.push(
            error(
              'E010',
              `wildcard '_' ${context} matches nothing; use a variable bound by a positive body atom`,
              v.span,
            ),
          );
        }
      } else if (!bound.has(v.name) && !reported.has(v.name)) {
        reported.add(v.name);
        diagnostics.push(
          error(
            'E010',
            `variable '${v.name}' ${context} is not bound by a positive body atom; add an atom that binds it`,
            v.span,
          ),
        );
      }
    }
  };

  for (const arg of rule.head.args) require(arg, `in the head of '${rule.head.relation}'`, false);
  for (const item of rule.body) {
    if (item.kind === 'compare') {
      require(item.left, 'in a comparison', false);
      require(item.right, 'in a comparison', false);
    } else if (item.negated) {
      for (const arg of item.atom.args) require(arg, `in ${describeAtom(item.atom, 'notin')}`, true);
    } else {
      for (const arg of item.atom.args) {
        if (arg.kind === 'binary') require(arg, `in an expression in '${item.atom.relation}'`, false);
      }
    }
  }
  return diagnostics;
}

/** Variables standing alone as an argument of a positive body atom. */
function boundVariables(rule: Rule): Set<string> {
  const bound = new Set<string>();
  for (const item of rule.body) {
    if (item.kind !== 'body-atom' || item.negated) continue;
    for (const arg of item.atom.args) if (arg.kind === 'var') bound.add(arg.name);
  }
  return bound;
}
