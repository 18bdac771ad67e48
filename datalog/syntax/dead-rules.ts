// Rules that can never fire: some positive body atom reads a relation with no facts and no rule that
// can fire (transitively). Molly's runtime tolerates such rules even where they would close a cycle
// through `notin`; stratification drops them there (SPEC §1) instead of rejecting the program.
import type { BodyAtom, Fact, Rule } from './types.js';
import { RESERVED_RELATIONS } from './types.js';

/** Each rule that can never fire, by index, with its first positive atom that can never hold. */
export function neverFiring(rules: readonly Rule[], facts: readonly Fact[]): Map<number, BodyAtom> {
  const canHold = new Set<string>([...RESERVED_RELATIONS, ...facts.map((f) => f.atom.relation)]);
  const positives = rules.map((rule) =>
    rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated),
  );
  // Least fixpoint: a head can hold once every positive atom of one of its rules can.
  for (let changed = true; changed;) {
    changed = false;
    rules.forEach((rule, i) => {
      if (canHold.has(rule.head.relation)) return;
      if (!positives[i]!.every((b) => canHold.has(b.atom.relation))) return;
      canHold.add(rule.head.relation);
      changed = true;
    });
  }
  const dead = new Map<number, BodyAtom>();
  positives.forEach((atoms, i) => {
    const never = atoms.find((b) => !canHold.has(b.atom.relation));
    if (never) dead.set(i, never);
  });
  return dead;
}
