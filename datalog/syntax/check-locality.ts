// Locality (W001, --strict only): a deductive or persistence rule runs on one node, the first column
// of its first body atom, so every atom it reads and the head it derives should live there too. Molly
// does not enforce this (its specs read other nodes' state), hence a warning behind a flag.
import type { Atom, Rule, Term } from './types.js';
import { warning, type Diagnostic } from './diagnostics.js';

/** The correctness specification observes the whole system at once; it is not run by a node. */
const GLOBAL_RELATIONS: readonly string[] = ['pre', 'post'];

export function checkLocality(rule: Rule): Diagnostic[] {
  if (rule.headTime !== 'now' && rule.headTime !== 'next') return [];
  if (GLOBAL_RELATIONS.includes(rule.head.relation)) return [];
  const atoms = rule.body.flatMap((item) => (item.kind === 'body-atom' ? [item.atom] : []));
  const home = atoms[0]?.args[0];
  if (!home) return [];
  const runsAt = `the rule runs at '${show(home)}' (the first column of its first body atom)`;
  const stray = atoms.slice(1).find((atom) => !sameLocation(atom, home));
  if (stray) {
    const message = `rule for '${rule.head.relation}' is not local: '${stray.relation}' is read at '${show(stray.args[0])}' but ${runsAt}; read only local state, or send it with @async`;
    return [warning('W001', message, stray.span)];
  }
  if (!sameLocation(rule.head, home)) {
    const message = `rule for '${rule.head.relation}' is not local: it derives at '${show(rule.head.args[0])}' but ${runsAt}; use @async to send to another node`;
    return [warning('W001', message, rule.head.span)];
  }
  return [];
}

function sameLocation(atom: Atom, home: Term): boolean {
  const at = atom.args[0];
  if (!at) return true;
  if (at.kind === 'var' && home.kind === 'var') return at.name === home.name;
  if (at.kind === 'const' && home.kind === 'const') return at.value === home.value;
  return false;
}

function show(term: Term | undefined): string {
  if (!term) return '';
  if (term.kind === 'var') return term.name;
  if (term.kind === 'const')
    return typeof term.value === 'string' ? JSON.stringify(term.value) : String(term.value);
  return term.kind === 'wildcard' ? '_' : 'an expression';
}
