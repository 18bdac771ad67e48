// The public entry point (index.ts) as a library user sees it: load from strings, diagnostics as data,
// one run, the async search with progress and abort, and the report.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  check,
  DiagnosticError,
  formatDiagnostic,
  jsonSummary,
  load,
  memoryLoader,
  renderReportHtml,
  runOnce,
  runSearch,
  type Progress,
} from '../index.js';
import { fileLoader } from '../node.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const examples = (path: string): string => join(root, 'examples', path);
const bounds = { nodes: ['a', 'b', 'c'], eot: 4, eff: 2, maxCrashes: 0 };

const GROUP = `peer("a", "b")@1; peer("a", "c")@1; peer("b", "a")@1; peer("b", "c")@1; peer("c", "a")@1; peer("c", "b")@1;
peer(N, P)@next :- peer(N, P);
broadcast("a", "hello")@1;`;
const SIMPLE = `include "lib/group.ded";
delivered(N, M) :- broadcast(N, M);
delivered(P, M)@async :- broadcast(N, M), peer(N, P);
delivered(N, M)@next :- delivered(N, M);`;
const SPEC = readFileSync(examples('delivery/spec.ded'), 'utf8');
const files = memoryLoader({ './lib/group.ded': GROUP, 'simple.ded': SIMPLE, 'spec.ded': SPEC });

describe('load', () => {
  it('reads files and their includes from memory', () => {
    const loaded = load(['simple.ded', 'spec.ded'], files);
    expect(loaded.ok).toBe(true);
    expect(loaded.diagnostics).toEqual([]);
    expect([...loaded.sources.keys()]).toEqual(['simple.ded', 'lib/group.ded', 'spec.ded']);
  });

  it('returns bad input as diagnostics, never throws', () => {
    const loaded = load(['bad.ded'], memoryLoader({ 'bad.ded': 'log(N, P)@next :- node(N, _);\n' }));
    expect(loaded.ok).toBe(false);
    expect(loaded.diagnostics.map((d) => d.code)).toContain('E010');
    const e010 = loaded.diagnostics.find((d) => d.code === 'E010')!;
    expect(formatDiagnostic(e010, loaded.sources)).toMatch(/^bad\.ded:1:8: error\[E010\]/);
    expect(load(['missing.ded'], files).diagnostics.map((d) => d.code)).toEqual(['E002']);
  });

  it('loads from disk through ldfi/node the same as from memory', () => {
    const disk = load([examples('delivery/simple.ded'), examples('delivery/spec.ded')], fileLoader);
    expect(disk.ok).toBe(true);
    expect(disk.program.rules.length).toBe(load(['simple.ded', 'spec.ded'], files).program.rules.length);
  });
});

describe('runOnce', () => {
  it('runs under the given faults and reports the violated pre tuples', () => {
    const loaded = load(['simple.ded', 'spec.ded'], files);
    const lost = runOnce(loaded, { ...bounds, crashes: [], omissions: [{ from: 'a', to: 'b', time: 1 }] });
    expect(lost.status).toBe('failure');
    expect(lost.violations).toEqual([['c', 'hello']]);
    expect(lost.messages.filter((m) => m.lostBy === 'omission')).toHaveLength(1);
    const fine = runOnce(loaded, { ...bounds, crashes: [], omissions: [] });
    expect(fine.status).toBe('success');
    expect(fine.lineage.goals.length).toBe(3);
  });

  it('refuses a program with errors', () => {
    const bad = load(['bad.ded'], memoryLoader({ 'bad.ded': 'p(X) :- q(Y);' }));
    expect(() => runOnce(bad, { ...bounds, crashes: [], omissions: [] })).toThrow(DiagnosticError);
  });
});

describe('check', () => {
  it('gives the report runSearch gives, with progress after every execution', async () => {
    const loaded = load(['simple.ded', 'spec.ded'], files);
    const seen: Progress[] = [];
    const report = await check(loaded, { ...bounds, onProgress: (p) => seen.push(p) });
    const sync = runSearch(loaded.program, bounds);
    expect(report.verdict).toBe('counterexample');
    expect(report.executions).toBe(sync.executions);
    expect(jsonSummary(report).counterexample).toEqual(jsonSummary(sync).counterexample);
    expect(seen.map((p) => p.executions)).toEqual([1, 2]);
    expect(report.program.files.map((f) => f.path)).toEqual(['simple.ded', 'lib/group.ded', 'spec.ded']);
    const html = renderReportHtml(report, { cytoscape: '', client: '' });
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('stops a running search within a second of an abort', async () => {
    const loaded = load([examples('delivery/retry.ded'), examples('delivery/spec.ded')], fileLoader);
    const controller = new AbortController();
    let executions = 0;
    const running = check(loaded, {
      ...bounds,
      eot: 6,
      eff: 4,
      maxCrashes: 1,
      strategy: 'exhaustive',
      maxRuns: 1_000_000,
      signal: controller.signal,
      onProgress: (p) => (executions = p.executions),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = performance.now();
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(1000);
    expect(executions).toBeGreaterThan(0);
    expect(executions).toBeLessThan(1_000_000);
  });

  it('stops within a second of an abort while it skips hypotheses it knows', async () => {
    // Every message but the broadcast's own is never sent: nearly every fault set of the exhaustive
    // search repeats a run already made, and is skipped without running (runner/known.ts).
    const text = [
      'delivered(Node, Msg) :- broadcast(Node, Msg);',
      'delivered(Peer, Msg)@async :- broadcast(Node, Msg), peer(Node, Peer);',
      'peer("a", "b")@1;',
      'peer("a", "c")@1;',
      'broadcast("a", "hello")@1;',
      'pre(Node, Msg) :- broadcast(Node, Msg);',
      'post(Node, Msg) :- broadcast(Node, Msg);',
    ].join('\n');
    const loaded = load(['p.ded'], memoryLoader({ 'p.ded': text }));
    const controller = new AbortController();
    const running = check(loaded, {
      nodes: ['a', 'b', 'c'],
      eot: 6,
      eff: 5,
      maxCrashes: 0,
      strategy: 'exhaustive',
      maxRuns: 1_000_000,
      signal: controller.signal,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const abortedAt = performance.now();
    controller.abort();
    await expect(running).rejects.toMatchObject({ name: 'AbortError' });
    expect(performance.now() - abortedAt).toBeLessThan(1000);
  });

  it('rejects at once when the signal is already aborted, and on a program with errors', async () => {
    const loaded = load(['simple.ded', 'spec.ded'], files);
    await expect(check(loaded, { ...bounds, signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const bad = load(['bad.ded'], memoryLoader({ 'bad.ded': 'p(X) :- q(Y);' }));
    await expect(check(bad, bounds)).rejects.toBeInstanceOf(DiagnosticError);
  });
});

describe('the entry point', () => {
  // The playground imports index.ts in a Web Worker: nothing it reaches may import Node.
  it('reaches no Node API and none of the Node shells', () => {
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        expect(spec, `${relative(root, file)} imports ${spec}`).not.toMatch(/^node:|^(fs|path|os|url)$/);
        if (spec!.startsWith('.')) visit(join(dirname(file), spec!.replace(/\.js$/, '.ts')));
      }
    };
    visit(join(root, 'index.ts'));
    const reached = [...seen].map((f) => relative(root, f));
    expect(reached.filter((f) => f.startsWith('runner/cli/') || f.startsWith('viz/node/'))).toEqual([]);
    expect(reached.length).toBeGreaterThan(20);
  });
});

describe('TSDoc', () => {
  // Every name a user imports explains itself in their editor.
  it('documents every export of index.ts and node.ts', async () => {
    const ts = (await import('typescript')).default;
    const entries = ['index.ts', 'node.ts'].map((f) => join(root, f));
    const program = ts.createProgram(entries, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      // Only the project's own declarations matter here: skipping lib and @types keeps it fast.
      noLib: true,
      types: [],
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const undocumented = entries.flatMap((entry) => {
      const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
      return checker.getExportsOfModule(module).flatMap((exported) => {
        const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const doc = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
        return doc.length > 0 ? [] : [`${relative(root, entry)}: ${exported.name}`];
      });
    });
    expect(undocumented).toEqual([]);
  });
});
