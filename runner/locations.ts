// Facts live at their first column. Rules run only at the nodes of the run (Molly's clock covers
// nothing else), so facts placed anywhere else are silently never read: say so before searching.
import type { Program, Value } from '../datalog/ast.js';
import { warning, type Diagnostic } from '../datalog/diagnostics.js';

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
