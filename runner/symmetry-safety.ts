// When symmetry reduction is provably safe, so the search can use it by default (SPEC §5.4).
//
// Swapping two nodes that no rule names and whose facts map onto themselves (runner/symmetry.ts)
// maps every run onto a run, as long as nothing in the program tells node names apart except by
// equality: `==`/`!=`, joins, `notin` and `count` are blind to which name is which, but an order
// comparison (`<`, `>`, `<=`, `>=`) or a `min`/`max` over node names is not ("the smallest node
// leads"). So symmetry is safe unless such an ordering may read a node name. Which columns may hold
// a node name is found by flowing names from where they enter (facts' strings, `clock` and `crash`)
// through rule variables to heads, to a fixpoint.
import type { Program, Rule, Term } from '../datalog/ast.js';

/** Does some order comparison or min/max aggregate possibly read a node name? */
export function ordersNodeNames(program: Program, nodes: readonly string[]): boolean {
  const names = new Set(nodes);
  const holds = nodeColumns(program, names);
  return program.rules.some((r) => {
    const vars = nodeVariables(r, holds);
    const mayBeName = (t: Term): boolean =>
      (t.kind === 'var' && vars.has(t.name)) || (t.kind === 'const' && names.has(String(t.value)));
    const ordered = r.body.some(
      (b) =>
        b.kind === 'compare' &&
        ['<', '>', '<=', '>='].includes(b.op) &&
        (mayBeName(b.left) || mayBeName(b.right)),
    );
    const extreme = r.head.args.some(
      (a) => a.kind === 'aggregate' && (a.fn === 'min' || a.fn === 'max') && vars.has(a.arg.name),
    );
    return ordered || extreme;
  });
}

/** `relation/column` of every column that may hold a node name. */
function nodeColumns(program: Program, names: ReadonlySet<string>): Set<string> {
  const holds = new Set(['clock/0', 'clock/1', 'crash/0', 'crash/1']);
  // The first column of every relation is the node its tuple lives on (SPEC §1).
  for (const r of program.rules)
    for (const atom of [r.head, ...r.body.flatMap((b) => (b.kind === 'body-atom' ? [b.atom] : []))])
      holds.add(`${atom.relation}/0`);
  for (const f of program.facts) holds.add(`${f.atom.relation}/0`);
  for (const f of program.facts)
    f.atom.args.forEach((a, i) => {
      if (a.kind === 'const' && names.has(String(a.value))) holds.add(`${f.atom.relation}/${i}`);
    });
  for (let changed = true; changed;) {
    changed = false;
    for (const r of program.rules) {
      const vars = nodeVariables(r, holds);
      r.head.args.forEach((a, i) => {
        const key = `${r.head.relation}/${i}`;
        const carries =
          (a.kind === 'var' && vars.has(a.name)) ||
          (a.kind === 'const' && names.has(String(a.value))) ||
          (a.kind === 'aggregate' && (a.fn === 'min' || a.fn === 'max') && vars.has(a.arg.name));
        if (carries && !holds.has(key)) {
          holds.add(key);
          changed = true;
        }
      });
    }
  }
  return holds;
}

/** Variables of a rule bound from (or compared equal to) a column that may hold a node name. */
function nodeVariables(r: Rule, holds: ReadonlySet<string>): Set<string> {
  const vars = new Set<string>();
  for (const b of r.body)
    if (b.kind === 'body-atom')
      b.atom.args.forEach((a, i) => {
        if (a.kind === 'var' && holds.has(`${b.atom.relation}/${i}`)) vars.add(a.name);
      });
  // The first column of an @async head names a node even when nothing else binds it (SPEC §1).
  const first = r.head.args[0];
  if (r.headTime === 'async' && first?.kind === 'var') vars.add(first.name);
  for (let changed = true; changed;) {
    changed = false;
    for (const b of r.body) {
      if (b.kind !== 'compare' || b.op !== '==' || b.left.kind !== 'var' || b.right.kind !== 'var') continue;
      const [l, rt] = [b.left.name, b.right.name];
      if (vars.has(l) !== vars.has(rt)) {
        vars.add(l).add(rt);
        changed = true;
      }
    }
  }
  return vars;
}
