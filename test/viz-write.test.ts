import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import { writeReport } from '../viz/node/write-report.js';
import { deliveryReport } from './fixtures/viz/delivery.js';

let dir = '';
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

test('writes index.html and runs.json into a new folder, keeping what the user had there', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldfi-viz-'));
  const out = join(dir, 'nested', 'report');
  await writeReport(out, deliveryReport());
  await writeFile(join(out, 'notes.txt'), 'mine');
  const report = deliveryReport();
  const { indexPath, files } = await writeReport(out, report);
  expect(indexPath).toBe(join(out, 'index.html'));
  expect(files).toEqual([join(out, 'index.html'), join(out, 'runs.json')]);
  expect((await readdir(out)).sort()).toEqual(['index.html', 'notes.txt', 'runs.json']);
  expect(JSON.parse(await readFile(join(out, 'runs.json'), 'utf8'))).toEqual(report.runs);
  const html = await readFile(indexPath, 'utf8');
  expect(html).toContain('cytoscape');
  expect(html).toContain('"overview":{');
  expect(html).not.toContain('sourceMappingURL');
});

test('runs.json keeps Molly keys on every run', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldfi-viz-'));
  await writeReport(dir, deliveryReport());
  const runs = JSON.parse(await readFile(join(dir, 'runs.json'), 'utf8')) as Record<string, unknown>[];
  for (const run of runs) {
    expect(Object.keys(run)).toEqual(expect.arrayContaining(['iteration', 'status', 'failureSpec', 'model']));
    expect(Object.keys(run.failureSpec as object).sort()).toEqual([
      'crashes',
      'eff',
      'eot',
      'maxCrashes',
      'nodes',
      'omissions',
    ]);
  }
});

test('with dot: the .dot files beside the page', async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldfi-viz-'));
  const { files } = await writeReport(dir, deliveryReport(), { dot: true });
  expect(files.map((f) => f.slice(dir.length + 1))).toEqual([
    'index.html',
    'runs.json',
    'run-0-spacetime.dot',
    'run-0-lineage.dot',
    'run-1-spacetime.dot',
    'run-1-lineage.dot',
    'run-2-spacetime.dot',
    'run-2-lineage.dot',
    'run-2-diff.dot',
  ]);
  expect(await readFile(join(dir, 'run-2-diff.dot'), 'utf8')).toMatch(/^digraph lineage \{/);
});
