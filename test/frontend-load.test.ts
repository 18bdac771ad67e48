// Loading: include resolution (Molly's fallback rule), each file once, splicing order, errors.
import { describe, expect, test } from 'vitest';
import type { Fact } from '../datalog/syntax/types.js';
import { dirname, join, loadProgram, normalize, type SourceLoader } from '../datalog/syntax/load.js';

function memory(files: Record<string, string>): SourceLoader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    read(path) {
      reads.push(path);
      return files[path] ?? null;
    },
  };
}

const relations = (facts: readonly Fact[]) => facts.map((f) => f.atom.relation);

describe('paths', () => {
  test.each([
    ['a/./b//c', 'a/b/c'],
    ['./a', 'a'],
    ['a/../../b', '../b'],
    ['../../x', '../../x'],
    ['/a/../../b', '/b'],
    ['.', '.'],
    ['a/..', '.'],
  ])('normalize %s', (path, expected) => expect(normalize(path)).toBe(expected));

  test.each([
    ['a/b.ded', 'a'],
    ['b.ded', '.'],
    ['/b.ded', '/'],
  ])('dirname %s', (path, expected) => expect(dirname(path)).toBe(expected));

  test('join', () => {
    expect(join('a/b', '../c.ded')).toBe('a/c.ded');
    expect(join('.', './c.ded')).toBe('c.ded');
    expect(join('a', '/abs.ded')).toBe('/abs.ded');
  });
});

describe('loadProgram', () => {
  test('includes are spliced depth-first where they appear, each file once', () => {
    const loader = memory({
      'p/main.ded': 'm1(1)@1;\ninclude "lib/a.ded";\nm2(1)@1;\ninclude "lib/b.ded";',
      'p/lib/a.ded': 'a1(1)@1;\ninclude "b.ded";\na2(1)@1;',
      'p/lib/b.ded': 'b1(1)@1;',
    });
    const { program, diagnostics, sources } = loadProgram(['p/main.ded'], loader);
    expect(diagnostics).toEqual([]);
    expect(relations(program.facts)).toEqual(['m1', 'a1', 'b1', 'a2', 'm2']);
    expect(program.files.map((f) => f.path)).toEqual(['p/main.ded', 'p/lib/a.ded', 'p/lib/b.ded']);
    expect([...sources.keys()]).toEqual(['p/main.ded', 'p/lib/a.ded', 'p/lib/b.ded']);
  });

  test("falls back to the first entry's directory (Molly's rule)", () => {
    const loader = memory({
      'p/main.ded': 'include "util/x.ded";',
      'p/util/x.ded': 'include "util/y.ded";',
      'p/util/y.ded': 'y(1)@1;',
    });
    const { program, diagnostics } = loadProgram(['p/main.ded'], loader);
    expect(diagnostics).toEqual([]);
    expect(relations(program.facts)).toEqual(['y']);
    expect(loader.reads).toEqual(['p/main.ded', 'p/util/x.ded', 'p/util/util/y.ded', 'p/util/y.ded']);
  });

  test('several entries load in order, shared files once', () => {
    const loader = memory({
      'a.ded': 'include "c.ded";\na(1)@1;',
      'b.ded': 'include "c.ded";\nb(1)@1;',
      'c.ded': 'c(1)@1;',
    });
    const { program } = loadProgram(['a.ded', './b.ded', 'a.ded'], loader);
    expect(relations(program.facts)).toEqual(['c', 'a', 'b']);
  });

  test('a missing include is E002 at the include', () => {
    const { diagnostics } = loadProgram(['d/m.ded'], memory({ 'd/m.ded': 'x(1)@1;\n  include "nope.ded";' }));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({
      code: 'E002',
      message:
        "cannot find included file 'nope.ded' (looked for 'd/nope.ded'); include paths are relative to the including file or to the first file given",
      span: { file: 'd/m.ded', line: 2, col: 3 },
    });
  });

  test('a missing entry is E002 without a position', () => {
    const { diagnostics } = loadProgram(['none.ded'], memory({}));
    expect(diagnostics).toMatchObject([{ code: 'E002', message: "cannot read file 'none.ded'", span: null }]);
  });

  test('an include cycle is E003 showing the chain', () => {
    const loader = memory({
      'a.ded': 'include "b.ded";',
      'b.ded': 'include "c.ded";',
      'c.ded': 'include "a.ded";',
    });
    const { diagnostics } = loadProgram(['a.ded'], loader);
    expect(diagnostics).toMatchObject([
      {
        code: 'E003',
        message: 'include cycle: a.ded -> b.ded -> c.ded -> a.ded; remove one of these includes',
        span: { file: 'c.ded', line: 1, col: 1 },
      },
    ]);
  });

  test('syntax errors of every file are reported', () => {
    const loader = memory({ 'a.ded': 'include "b.ded";\nx(;', 'b.ded': 'y(;' });
    const { diagnostics } = loadProgram(['a.ded'], loader);
    expect(diagnostics.map((d) => [d.code, d.span?.file])).toEqual([
      ['E001', 'a.ded'],
      ['E001', 'b.ded'],
    ]);
  });
});
