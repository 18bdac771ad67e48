// Facts live at their first column. Rules run only at the nodes of the run (Molly's clock covers
// nothing else), so facts placed anywhere else are silently never read: say so before searching.
import type { Program, Value } from '../datalog/ast.js';
import { warning, type Diagnostic } from '../datalog/diagnostics.js';

/**
 * Facts at a time the run never reaches (time steps are 1 … EOT) are never used either: one warning
 * per such time, at its first fact, with how many facts it concerns.
 */
export function timeWarnings(program: Program, eot: number): Diagnostic[] {
  const byTime = new Map<number, { first: Program['facts'][number]; count: number }>();
  for (const fact of program.facts) {
    if (fact.time === null || (fact.time >= 1 && fact.time <= eot)) continue;
    const seen = byTime.get(fact.time);
    if (seen) seen.count++;
    else byTime.set(fact.time, { first: fact, count: 1 });
  }
  return [...byTime].map(([time, { first, count }]) => {
    const facts = count === 1 ? 'this fact' : `this fact and ${count - 1} more`;
    const hold = count === 1 ? 'holds' : 'hold';
    const why =
      time < 1
        ? `time steps start at 1, so ${facts} at @${time} never ${hold}`
        : `the run ends at EOT ${eot}, so ${facts} at @${time} never ${hold}; raise --eot or move ${count === 1 ? 'it' : 'them'}`;
    return warning('W004', why, first.span);
  });
}

/**
 * W002 for every fact placed at a location that is not one of `nodes` (the run never reads it), once
 * per location: what `ldfi check` prints before searching.
 */
export function locationWarnings(program: Program, nodes: readonly string[]): Diagnostic[] {
  const known = new Set<Value>(nodes);
  const reported = new Set<Value>();
  const out: Diagnostic[] = [];
  for (const fact of program.facts) {
    const first = fact.atom.args[0];
    if (!first || first.kind !== 'const' || known.has(first.value) || reported.has(first.value)) continue;
    reported.add(first.value);
    const shown = typeof first.value === 'string' ? `"${first.value}"` : String(first.value);
    out.push(
      warning(
        'W002',
        `${shown} is not one of the nodes (${nodes.join(',')}): rules run only at nodes, so facts located at ${shown} are never used; add it to --nodes or move the facts`,
        first.span,
      ),
    );
  }
  return out;
}
