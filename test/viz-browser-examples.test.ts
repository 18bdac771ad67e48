// The report of real example protocols at their bounds in examples/cases.json, in Chromium at
// 1280×800: the lineage opens readable (few nodes, labels ≥ 10 px, nothing outside the pane), focus
// shows one goal's lineage alone, and the spacetime diagram's labels never overlap.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { LineageView } from '../viz/model/types.js';
import { writeReport } from '../viz/node/write-report.js';
import { launchChromium } from '../bench/chromium.js';
import { exampleReport } from '../bench/example-report.js';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'ldfi-viz-examples-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

type Cy = import('cytoscape').Core;

async function openRun(
  name: string,
  run: number,
  maxRuns: number,
): Promise<{ page: Page; problems: string[] }> {
  const { indexPath } = await writeReport(join(dir, name.replace(/\W+/g, '-')), exampleReport(name, maxRuns));
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await page.goto(`${pathToFileURL(indexPath).href}#run-${run}`);
  await page.waitForSelector('#lineage[data-nodes]');
  await page.locator('#lineage').scrollIntoViewIfNeeded();
  await page.waitForTimeout(150);
  return { page, problems };
}

/** What a reader sees of the lineage pane right now. */
function lineageOnScreen(page: Page) {
  return page.evaluate(() => {
    const cy = (document.querySelector('#lineage .graph-canvas') as unknown as { _cyreg: { cy: Cy } })._cyreg
      .cy;
    const [w, h] = [cy.width(), cy.height()];
    const outside = (b: { x1: number; x2: number; y1: number; y2: number }) =>
      b.x1 < -1 || b.y1 < -1 || b.x2 > w + 1 || b.y2 > h + 1;
    const labelled = cy.nodes().filter((n) => String(n.data('label') ?? '') !== '');
    return {
      nodes: cy.nodes('.lineage').map((n) => Number(n.id().slice(1))),
      smallestLabelPx: Math.min(...labelled.map((n) => parseFloat(n.style('font-size')) * cy.zoom())),
      edgesOutside: cy.edges().filter((e) => outside(e.renderedBoundingBox({ includeLabels: false }))).length,
      nodesOutside: cy.nodes().filter((n) => outside(n.renderedBoundingBox({}))).length,
    };
  });
}

const CASES = [
  { name: 'Paxos, paper bounds', maxRuns: 1 },
  { name: '3PC, omissions', maxRuns: 2 },
  { name: 'Kafka ISR, paper bounds', maxRuns: 2 },
];

describe.each(CASES)('$name, run 0', ({ name, maxRuns }) => {
  let page: Page;
  let problems: string[];
  beforeAll(async () => ({ page, problems } = await openRun(name, 0, maxRuns)), 120_000);
  afterAll(() => page?.close());

  test('opens readable: at most 60 nodes, labels ≥ 10 px at 1×, nothing outside the pane', async () => {
    const seen = await lineageOnScreen(page);
    expect(seen.nodes.length).toBeGreaterThan(0);
    expect(seen.nodes.length).toBeLessThanOrEqual(60);
    expect(seen.smallestLabelPx).toBeGreaterThanOrEqual(10);
    expect(seen.edgesOutside).toBe(0);
    expect(seen.nodesOutside).toBe(0);
  });

  test("focus on one goal shows that goal's lineage alone", async () => {
    const view = JSON.parse((await page.textContent('#ldfi-run-0'))!).lineage as LineageView;
    const goal = view.goals[view.goals.length - 1]!;
    const point = await page.evaluate((id) => {
      const canvas = document.querySelector('#lineage .graph-canvas')!;
      const cy = (canvas as unknown as { _cyreg: { cy: Cy } })._cyreg.cy;
      const node = cy.getElementById(`n${id}`) as import('cytoscape').NodeSingular;
      const p = node.renderedPosition();
      const box = canvas.getBoundingClientRect();
      return { x: box.left + p.x - node.renderedWidth() / 2 + 6, y: box.top + p.y };
    }, goal);
    await page.mouse.dblclick(point.x, point.y);
    await page.waitForSelector('#lineage[data-mode="detail"]');
    const below = new Set([goal]);
    for (let grew = true; grew;) {
      grew = false;
      for (const e of view.edges)
        if (below.has(e.source) && !below.has(e.target)) grew = Boolean(below.add(e.target));
    }
    const shown = (await lineageOnScreen(page)).nodes.map((id) => view.nodes[id]!);
    const inLineage = (n: (typeof shown)[number]) =>
      n.kind === 'chain' ? n.members.some((m) => below.has(m)) : below.has(n.id);
    expect(shown.filter((n) => !inLineage(n)).map((n) => n.label)).toEqual([]);
    expect(shown.filter((n) => n.kind === 'tuple' && n.goal).map((n) => n.id)).toEqual([goal]);
    expect(await page.textContent('#lineage .focus-note')).toContain(view.nodes[goal]!.label);
    await page.keyboard.press('Escape');
  });

  test('nothing went wrong', () => expect(problems).toEqual([]));
});

/** Rendered boxes of every label of the spacetime diagram, at zoom 1. */
function spacetimeLabels(page: Page) {
  return page.evaluate(() => {
    const cy = (document.querySelector('#spacetime .graph-canvas') as unknown as { _cyreg: { cy: Cy } })
      ._cyreg.cy;
    cy.zoom(1);
    return cy
      .nodes()
      .filter((n) => String(n.data('label') ?? '') !== '')
      .map((n) => ({ label: String(n.data('label')), ...n.renderedBoundingBox({ includeLabels: true }) }));
  });
}

test('the Kafka spacetime diagrams at 1× have no overlapping labels', async () => {
  for (const run of [0, 1]) {
    const { page, problems } = await openRun('Kafka ISR, paper bounds', run, 2);
    const boxes = await spacetimeLabels(page);
    expect(boxes.filter((b) => !['a', 'b', 'c', 'C', 'Z'].includes(b.label)).length).toBeGreaterThan(8);
    const overlaps: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2)
          overlaps.push(`${a.label} / ${b.label}`);
      }),
    );
    expect(overlaps).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  }
}, 120_000);
