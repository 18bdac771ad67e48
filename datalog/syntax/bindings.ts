// Where a rule's variables get their values (SPEC §1, safety). Shared by the safety check, which
// rejects what nothing binds, and by compilation, which turns each kind into a way of matching.
//
// Molly's rewrite adds a `clock(Loc, To, T, _)` atom to every rule, so two variables are bound even
// when no atom of the program mentions them: the rule's location (first column of its first body
// atom, even a negated one) and the destination of an `@async` head. Both range over the nodes of
// the run. A variable written only inside one `notin` atom is existential, like `_`.
import type { BodyAtom, Rule, Term } from './types.js';
import { variablesOf } from './check-walk.js';

export interface RuleBindings {
  /** Variables standing alone as an argument of a positive body atom. */
  readonly positive: ReadonlySet<string>;
  /**
   * Variables nothing else binds that range over the run's nodes, in binding order: the location
   * variable first, then a broadcast head's destination.
   */
  readonly nodes: readonly string[];
  /** Variables whose every occurrence stands alone inside one and the same `notin` atom. */
  readonly existential: ReadonlySet<string>;
}

export function ruleBindings(rule: Rule): RuleBindings {
  const positive = new Set<string>();
  for (const item of rule.body) {
    if (item.kind !== 'body-atom' || item.negated) continue;
    for (const arg of item.atom.args) if (arg.kind === 'var') positive.add(arg.name);
  }
  const nodes: string[] = [];
  const byClock = (term: Term | undefined): void => {
    if (term?.kind === 'var' && !positive.has(term.name) && !nodes.includes(term.name)) nodes.push(term.name);
  };
  const first = rule.body.find((b): b is BodyAtom => b.kind === 'body-atom');
  byClock(first?.atom.args[0]);
  if (rule.headTime === 'async') byClock(rule.head.args[0]);
  return { positive, nodes, existential: existentials(rule, positive, nodes) };
}

/** Every variable is bound in one of the three ways. */
export function isBound(bindings: RuleBindings, name: string): boolean {
  return bindings.positive.has(name) || bindings.nodes.includes(name) || bindings.existential.has(name);
}

function existentials(rule: Rule, positive: ReadonlySet<string>, nodes: readonly string[]): Set<string> {
  // The one `notin` atom each variable stands alone in, or null once it occurs anywhere else.
  const home = new Map<string, BodyAtom | null>();
  const elsewhere = (term: Term): void => {
    for (const v of variablesOf(term)) if (v.kind === 'var') home.set(v.name, null);
  };
  for (const term of rule.head.args) elsewhere(term);
  for (const item of rule.body) {
    if (item.kind === 'compare') {
      elsewhere(item.left);
      elsewhere(item.right);
    } else if (!item.negated) {
      item.atom.args.forEach(elsewhere);
    } else {
      for (const term of item.atom.args) {
        if (term.kind !== 'var') elsewhere(term);
        else if (!home.has(term.name)) home.set(term.name, item);
        else if (home.get(term.name) !== item) home.set(term.name, null);
      }
    }
  }
  const out = new Set<string>();
  for (const [name, atom] of home)
    if (atom !== null && !positive.has(name) && !nodes.includes(name)) out.add(name);
  return out;
}
