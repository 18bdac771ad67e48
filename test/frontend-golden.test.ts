// Golden diagnostics: each test/fixtures/frontend/errors/*.ded is loaded and checked (as the CLI does:
// checks only run once every file parses), and the formatted diagnostics must equal the .stderr file
// beside it. UPDATE_GOLDEN=1 rewrites the goldens; review them in the diff.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { checkProgram, formatDiagnostics } from '../datalog/syntax/check.js';
import { DIAGNOSTIC_CODES } from '../datalog/syntax/diagnostics.js';
import { loadProgram } from '../datalog/syntax/load.js';

const root = fileURLToPath(new URL('./fixtures/frontend/', import.meta.url));
const cases = readdirSync(`${root}errors`)
  .filter((f) => f.endsWith('.ded'))
  .sort();
const update = process.env.UPDATE_GOLDEN === '1';

function read(path: string): string | null {
  try {
    return readFileSync(root + path, 'utf8');
  } catch {
    return null;
  }
}

/** The formatted diagnostics of one fixture; `// options: strict lint` on its first line turns those on. */
function diagnose(entry: string): string {
  const strict = /^\/\/ options:.*\bstrict\b/.test(read(entry) ?? '');
  const lint = /^\/\/ options:.*\blint\b/.test(read(entry) ?? '');
  const { program, diagnostics, sources } = loadProgram([entry], { read });
  const all = diagnostics.some((d) => d.severity === 'error')
    ? diagnostics
    : [...diagnostics, ...checkProgram(program, { strict, lint })];
  return formatDiagnostics(all, sources);
}

describe('golden diagnostics', () => {
  test.each(cases)('%s', (name) => {
    const actual = diagnose(`errors/${name}`);
    const golden = `${root}errors/${name.replace(/\.ded$/, '.stderr')}`;
    if (update) writeFileSync(golden, actual);
    expect(actual).not.toBe('');
    expect(actual).toBe(readFileSync(golden, 'utf8'));
  });

  test('every front-end code has a golden', () => {
    const seen = new Set(
      cases.flatMap((name) => [...diagnose(`errors/${name}`).matchAll(/\[([EW]\d{3})\]/g)].map((m) => m[1])),
    );
    // W002 and W004 depend on the run's nodes and EOT, E004 on the file system, E021 arises during a
    // run, W012-W014 on the bounds and the failure-free run: test/cli.test.ts, test/hostile and
    // test/vacuity.test.ts pin them.
    const runParameters = ['W002', 'W004', 'E004', 'E021', 'W012', 'W013', 'W014'];
    const frontEnd = Object.keys(DIAGNOSTIC_CODES).filter((code) => !runParameters.includes(code));
    expect(frontEnd.filter((code) => !seen.has(code))).toEqual([]);
  });
});
