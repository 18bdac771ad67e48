// Safety (E010): a rule can only be evaluated if every variable it needs has a value: from a positive
// body atom, from Molly's implicit clock atom (the rule's location and a broadcast's destination range
// over the nodes), or by being existential (it stands alone inside a single `notin`). Anything else
// would have to range over every possible value.
import type { Rule, Term } from './types.js';
import { isBound, ruleBindings } from './bindings.js';
import { describeAtom, variablesOf } from './check-walk.js';
import { error, type Diagnostic } from './diagnostics.js';

export function checkSafety(rule: Rule): Diagnostic[] {
  const bindings = ruleBindings(rule);
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const require = (term: Term, context: string, allowWildcard: boolean, insideNotin = false): void => {
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
      } else if (!isBound(bindings, v.name) && !reported.has(v.name)) {
        reported.add(v.name);
        const base = `variable '${v.name}' ${context} is not bound by a positive body atom`;
        const why = insideNotin ? notExistential(rule, v.name) : '';
        diagnostics.push(error('E010', `${base}${why}; add an atom that binds it`, v.span));
      }
    }
  };

  for (const arg of rule.head.args) require(arg, `in the head of '${rule.head.relation}'`, false);
  for (const item of rule.body) {
    if (item.kind === 'compare') {
      require(item.left, 'in a comparison', false);
      require(item.right, 'in a comparison', false);
    } else if (item.negated) {
      for (const arg of item.atom.args) require(arg, `in ${describeAtom(item.atom, 'notin')}`, true, true);
    } else {
      for (const arg of item.atom.args) {
        if (arg.kind === 'binary') require(arg, `in an expression in '${item.atom.relation}'`, false);
      }
    }
  }
  return diagnostics;
}

/** Why a variable inside `notin` is not "any value" (as `_` would be) there. */
function notExistential(rule: Rule, name: string): string {
  const negatedIn = rule.body.filter(
    (b) => b.kind === 'body-atom' && b.negated && b.atom.args.some((t) => mentions(t, name)),
  ).length;
  const where =
    negatedIn > 1 ? 'it occurs in more than one notin' : 'it also occurs in a comparison or an expression';
  return ` (a variable written only inside one notin means "any value", but ${where})`;
}

function mentions(term: Term, name: string): boolean {
  for (const v of variablesOf(term)) if (v.kind === 'var' && v.name === name) return true;
  return false;
}
