// The report in a real browser: Debian's Chromium, headless, the page opened from file://.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SearchReport } from '../runner/types.js';
import { writeReport } from '../viz/node/write-report.js';
import { launchChromium } from '../bench/chromium.js';
import { deliveryReport } from './fixtures/viz/delivery.js';
import { syntheticReport } from '../bench/synthetic.js';

const HOSTILE = '</script><img src=x onerror=alert(1)>';

let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launchChromium();
  dir = await mkdtemp(join(tmpdir(), 'ldfi-viz-browser-'));
});
afterAll(async () => {
  await browser?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Writes `report`, opens it, and collects everything that went wrong on the way. */
async function open(name: string, report: SearchReport): Promise<{ page: Page; problems: string[] }> {
  const { indexPath } = await writeReport(join(dir, name), report);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => problems.push(`dialog: ${d.message()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(pathToFileURL(indexPath).href);
  return { page, problems };
}

/** Clicks lineage node `id` where cytoscape drew it. */
async function clickLineageNode(page: Page, id: number): Promise<void> {
  const point = await page.evaluate((nodeId) => {
    const container = document.getElementById('lineage') as HTMLElement & {
      _cyreg: { cy: import('cytoscape').Core };
    };
    const p = container._cyreg.cy.getElementById(`n${nodeId}`).renderedPosition();
    const box = container.getBoundingClientRect();
    return { x: box.left + p.x, y: box.top + p.y };
  }, id);
  await page.mouse.click(point.x, point.y);
}

describe('the delivery report', () => {
  let page: Page;
  let problems: string[];
  beforeAll(async () => ({ page, problems } = await open('delivery', deliveryReport())));

  test('one row per run, the counterexample first and marked, selected on load', async () => {
    const rows = page.locator('#runs-table tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run))).toEqual([
      '2',
      '0',
      '1',
    ]);
    expect(await rows.first().getAttribute('class')).toContain('counterexample');
    expect(await rows.first().textContent()).toContain('a→b @1 lost');
    expect(await page.textContent('#run-title')).toBe('Run 2 · failure · a crashed @2, a→b @1 lost');
    await page.waitForSelector('#diff[data-nodes="36"]');
  });

  test('clicking a run draws its spacetime diagram and lineage graph', async () => {
    await page.click('tr[data-run="0"]');
    await page.waitForSelector('#spacetime[data-nodes="19"]');
    await page.waitForSelector('#lineage[data-nodes="36"]');
    expect(await page.locator('#spacetime canvas').count()).toBeGreaterThan(0);
    expect(await page.isHidden('#diff-section')).toBe(true);
    expect(page.url()).toMatch(/#run-0$/);
  });

  test('selecting a proposal highlights what it cuts', async () => {
    await page.click('#proposals button:nth-child(2)');
    await page.waitForSelector('#lineage[data-cut="14"]');
    expect(await page.getAttribute('#proposals button:nth-child(2)', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#details')).toContain(
      'Goals left without any support: post("a", "hi")@3, post("b", "hi")@3.',
    );
    await page.click('#proposals button:nth-child(2)');
    await page.waitForSelector('#lineage[data-cut="0"]');
  });

  test('a proposal leads to the run that executed it', async () => {
    await page.click('#proposals button:nth-child(1)');
    await page.click('#details button:text("Open run 1 (success)")');
    await expect.poll(() => page.textContent('#run-title')).toBe('Run 1 · success · b crashed @1');
    await page.click('tr[data-run="0"]');
    await page.waitForSelector('#lineage[data-nodes="36"]');
  });

  test("clicking a rule firing shows the rule's source", async () => {
    await clickLineageNode(page, 12);
    await expect
      .poll(() => page.textContent('#details'))
      .toContain('log(B, P)@async :- bcast(A, P), node(A, B);');
    expect(await page.textContent('#details')).toContain('retry.ded:8');
  });

  test('relations filter by name and time', async () => {
    await page.fill('#relation-filter', 'post');
    expect(await page.locator('#relations h4').allTextContents()).toEqual(['post (3)']);
    await page.fill('#relation-filter', '');
    await page.selectOption('#time-filter', '1');
    expect(await page.locator('#relations td.time').allTextContents()).toEqual(
      expect.arrayContaining(['@1']),
    );
    expect(new Set(await page.locator('#relations td.time').allTextContents())).toEqual(new Set(['@1']));
  });

  test('nothing went wrong', () => {
    expect(problems).toEqual([]);
  });
});

test('a hostile value is shown as text and never runs', async () => {
  const { page, problems } = await open('hostile', deliveryReport(HOSTILE));
  await page.waitForSelector('#lineage[data-nodes]');
  expect(await page.textContent('#runs-table tbody tr:first-child')).toContain(
    `post("b", "${HOSTILE}") missing`,
  );
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.textContent('#program-files')).toContain(HOSTILE);
  expect(problems).toEqual([]);
});

test('a lineage too large for dagre is drawn at preset positions', async () => {
  const report = syntheticReport({ runs: 1, nodes: 6, eot: 7 });
  const { page, problems } = await open('large', report);
  const size = report.runs[0]!.lineage.nodes.length;
  expect(size).toBeGreaterThan(300);
  await page.waitForSelector(`#lineage[data-nodes="${size}"]`, { timeout: 10_000 });
  expect(JSON.parse((await page.textContent('#ldfi-run-0'))!).lineage.layout).toBe('preset');
  expect(problems).toEqual([]);
});
