// Faults, messages and tuples in the words the report uses everywhere (table, panels, .dot files).
import type { Crash, FaultSet, Omission } from '../../datalog/types.js';

/** `b crashed @2` */
export function describeCrash(crash: Crash): string {
  return `${crash.node} crashed @${crash.time}`;
}

/** `a→b @1 lost` */
export function describeOmission(omission: Omission): string {
  return `${omission.from}→${omission.to} @${omission.time} lost`;
}

/** Crashes first, then omissions, each in the order given. */
export function describeFaults(faults: FaultSet): string[] {
  return [...faults.crashes.map(describeCrash), ...faults.omissions.map(describeOmission)];
}

/**
 * `log("b", "hi")`, as the program and the CLI write tuples. Run records keep values as strings, so
 * one of digits only is shown as the integer it almost always was.
 */
export function formatTuple(relation: string, values: readonly string[]): string {
  return `${relation}(${values.map((v) => (/^[0-9]+$/.test(v) ? v : `"${v}"`)).join(', ')})`;
}

/** A violation is a `pre` tuple at EOT whose `post` is missing (SPEC §4). */
export function describeViolation(values: readonly string[]): string {
  return `${formatTuple('post', values)} missing`;
}
