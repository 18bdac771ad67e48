// Evaluation results of small programs as golden files: every relation at every time step, as
// `ldfi eval` prints it. UPDATE_GOLDEN=1 rewrites them; review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { FailureSpec } from '../datalog/eval/types.js';
import { printEvaluation } from '../runner/eval-output.js';
import { programOf } from './support/program.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures', 'eval');
const none = { crashes: [], omissions: [] };

const CASES: [golden: string, program: string, spec: FailureSpec][] = [
  ['delivery', 'delivery.ded', { nodes: ['a', 'b', 'c'], eot: 3, eff: 2, maxCrashes: 0, ...none }],
  [
    'delivery-omission',
    'delivery.ded',
    {
      nodes: ['a', 'b', 'c'],
      eot: 3,
      eff: 2,
      maxCrashes: 0,
      crashes: [],
      omissions: [{ from: 'a', to: 'c', time: 1 }],
    },
  ],
  [
    'crash',
    'crash.ded',
    { nodes: ['a', 'b'], eot: 4, eff: 0, maxCrashes: 1, crashes: [{ node: 'a', time: 2 }], omissions: [] },
  ],
  ['aggregates', 'aggregates.ded', { nodes: ['c'], eot: 1, eff: 0, maxCrashes: 0, ...none }],
];

describe('evaluation goldens', () => {
  it.each(CASES)('%s', (golden, file, spec) => {
    const actual = printEvaluation(programOf(readFileSync(join(dir, file), 'utf8'), file), spec).text;
    const path = join(dir, `${golden}.out`);
    if (process.env['UPDATE_GOLDEN']) writeFileSync(path, actual);
    expect(actual).toBe(readFileSync(path, 'utf8'));
  });
});
