// A run's relations per time step, from Molly's `model.tables` shape (values as strings, time last).
import type { RunRecord } from '../../runner/types.js';
import type { RelationTable } from './types.js';

/** Relations by name; rows by time, then values. */
export function relationTables(run: RunRecord): RelationTable[] {
  return Object.keys(run.model.tables)
    .sort(compareText)
    .map((relation) => ({
      relation,
      rows: (run.model.tables[relation] ?? [])
        .map((row) => ({ values: row.slice(0, -1), time: Number(row[row.length - 1]) }))
        .sort((a, b) => a.time - b.time || compareText(a.values.join('\u0000'), b.values.join('\u0000'))),
    }));
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
