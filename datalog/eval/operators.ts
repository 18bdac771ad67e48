// The operators of rule bodies and heads on constants: comparisons, integer arithmetic, aggregates.
import type { ArithOp, CompareOp, Value } from '../syntax/types.js';

/** A comparison of two constants; ordering between a string and an integer is false. */
export function compare(op: CompareOp, a: Value, b: Value): boolean {
  switch (op) {
    case '==':
      return a === b;
    case '!=':
      return a !== b;
  }
  if (typeof a !== typeof b) return false;
  switch (op) {
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

/** Integer arithmetic; null for division by zero. */
export function arith(op: ArithOp, a: number, b: number): number | null {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      return b === 0 ? null : Math.trunc(a / b);
  }
}

/** An aggregate over the values of its distinct bindings (count, sum, min, max, avg). */
export function aggregate(fn: string, values: readonly Value[]): Value {
  const nums = values.filter((v): v is number => typeof v === 'number');
  switch (fn) {
    case 'count':
      return values.length;
    case 'sum':
      return nums.reduce((s, v) => s + v, 0);
    case 'min':
      return values.reduce((m, v) => (v < m ? v : m));
    case 'max':
      return values.reduce((m, v) => (v > m ? v : m));
    default:
      return nums.length === 0 ? 0 : Math.trunc(nums.reduce((s, v) => s + v, 0) / nums.length);
  }
}
