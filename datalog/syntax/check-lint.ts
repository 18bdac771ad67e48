// Warnings about programs that load but probably do not say what their author meant: a body
// relation nothing defines (it never holds: a typo?), and a derived relation nothing reads.
import { RESERVED_RELATIONS, type Rule } from './types.js';
import { warning, type Diagnostic } from './diagnostics.js';
import type { Occurrence } from './check-walk.js';

/** The spec's relations: read by the judge, not by rules. */
const JUDGED = ['pre', 'post'];

export function lintProgram(atoms: readonly Occurrence[]): Diagnostic[] {
  const defined = new Set(
    atoms.filter((o) => o.place === 'head' || o.place === 'fact').map((o) => o.atom.relation),
  );
  const out: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const o of atoms) {
    const { relation } = o.atom;
    if ((o.place !== 'body' && o.place !== 'notin') || defined.has(relation) || reported.has(relation))
      continue;
    if ((RESERVED_RELATIONS as readonly string[]).includes(relation)) continue;
    reported.add(relation);
    const near = nearest(relation, [...defined, ...RESERVED_RELATIONS]);
    const hint = near ? `did you mean '${near}'?` : `define it with a fact or a rule, or remove the atom`;
    const effect = o.place === 'notin' ? `'notin ${relation}' always holds` : `the rule never fires`;
    out.push(warning('W010', `no fact or rule defines '${relation}', so ${effect}; ${hint}`, o.atom.span));
  }
  // Read by a rule for another relation (a relation persisting itself is not read by that).
  const read = new Set(
    atoms.flatMap((o) =>
      (o.place === 'body' || o.place === 'notin') &&
      o.clause.kind === 'rule' &&
      o.clause.head.relation !== o.atom.relation
        ? [o.atom.relation]
        : [],
    ),
  );
  // What a protocol computes for others to see: relations it only sends (`@async`), or a setting
  // of facts it only carries forward. Nobody reading them is by design, not a slip (a misspelt
  // reader would meet W010 anyway).
  const computed = new Set(
    atoms.flatMap((o) =>
      o.place === 'head' && o.clause.kind === 'rule' && !persists(o.clause) && o.clause.headTime !== 'async'
        ? [o.atom.relation]
        : [],
    ),
  );
  const unread = new Set<string>();
  for (const o of atoms) {
    const { relation } = o.atom;
    if (o.place !== 'head' || read.has(relation) || JUDGED.includes(relation) || unread.has(relation))
      continue;
    if (!computed.has(relation)) continue;
    unread.add(relation);
    out.push(
      warning(
        'W011',
        `'${relation}' is derived but no rule reads it, and only 'pre' and 'post' are judged; is a reader misspelt, or is it left over?`,
        o.atom.span,
      ),
    );
  }
  return out;
}

/** `r(…)@next :- r(…);`: a relation carried to the next step, nothing more. */
function persists(rule: Rule): boolean {
  return (
    rule.headTime === 'next' &&
    rule.body.length === 1 &&
    rule.body[0]!.kind === 'body-atom' &&
    !rule.body[0]!.negated &&
    rule.body[0]!.atom.relation === rule.head.relation
  );
}

/** The closest name within a small edit distance (ties: the first in order), or null. */
function nearest(name: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
