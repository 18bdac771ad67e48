// The report in a real browser: Debian's Chromium, headless, the page opened from file://.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
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
import { fileLoader } from '../runner/cli/files.js';
import { loadChecked, programSource } from '../runner/load.js';
import { runSearch } from '../runner/search.js';

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
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
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

/** Clicks the lineage node labelled `label` where cytoscape drew it. */
async function clickLineageNode(page: Page, label: string): Promise<void> {
  // Cytoscape notices a scroll of the page on a timer: let it, as a reader's pause would.
  await page.locator('#lineage .graph-canvas').scrollIntoViewIfNeeded();
  await page.waitForTimeout(150);
  const point = await page.evaluate((text) => {
    const canvas = document.querySelector('#lineage .graph-canvas') as HTMLElement & {
      _cyreg: { cy: import('cytoscape').Core };
    };
    const node = canvas._cyreg.cy
      .nodes()
      .filter((n) => n.data('label') === text)
      .first() as import('cytoscape').NodeSingular;
    canvas._cyreg.cy.center(node);
    const p = node.renderedPosition();
    const box = canvas.getBoundingClientRect();
    // Near the box's left end: an edge may cross its centre, and a click there picks the edge.
    return { x: box.left + p.x - node.renderedWidth() / 2 + 6, y: box.top + p.y };
  }, label);
  await page.mouse.click(point.x, point.y);
}

describe('the retry counterexample report', () => {
  const files = ['examples/delivery/retry.ded', 'examples/delivery/spec.ded'];
  let page: Page;
  let problems: string[];
  beforeAll(async () => {
    const { program, sources } = loadChecked(files, fileLoader.read);
    const report = runSearch(program, {
      nodes: ['a', 'b', 'c'],
      eot: 6,
      eff: 3,
      maxCrashes: 1,
      source: programSource(program, sources),
      files,
      // Past the counterexample: more kept runs to compare it with in good vs bad.
      all: true,
    });
    ({ page, problems } = await open('retry', report));
  });

  test("the failing run's lineage pane is the why-not graph, the lost message a marked leaf", async () => {
    await expect.poll(() => page.textContent('#lineage-title')).toBe('Why not: post("c", "hello")@6 missing');
    await page.waitForSelector('#lineage .graph-canvas');
    const leaves = await page.evaluate(() => {
      const canvas = document.querySelector('#lineage .graph-canvas') as HTMLElement & {
        _cyreg: { cy: import('cytoscape').Core };
      };
      return canvas._cyreg.cy
        .nodes()
        .filter((n) => n.outgoers('node').length === 0)
        .map((n) => ({ label: String(n.data('label')), cut: n.hasClass('cut') }));
    });
    expect(leaves).toContainEqual({ label: 'a→b@1 lost', cut: true });
    expect(leaves.filter((l) => /lost$|crashed@\d+$/.test(l.label)).every((l) => l.cut)).toBe(true);
  });

  test('shows the replay command with a copy button', async () => {
    expect(await page.textContent('#replay code')).toBe(
      'ldfi eval examples/delivery/retry.ded examples/delivery/spec.ded -N a,b,c -t 6 --crash a,2 --omit a,b,1',
    );
    expect(await page.locator('#replay button').textContent()).toBe('copy');
  });

  test('good vs bad compares with the proposing run, or any kept run picked (by keyboard too)', async () => {
    const select = page.locator('#diff-with');
    await page.waitForSelector('#diff[data-cut]');
    expect(await select.locator('option').allTextContents()).toEqual([
      'run 0 (failure-free)',
      'run 2 (failure)',
      'run 3 (success)',
    ]);
    expect(await select.inputValue()).toBe('0');
    const summary = () => page.textContent('#diff-summary');
    expect(await summary()).toContain('The lineage of the failure-free run');
    expect(await summary()).toContain('post("b", "hello")@6');
    const cutBy0 = await page.getAttribute('#diff', 'data-cut');
    await select.selectOption('3');
    await expect.poll(summary).toContain('The lineage of run 3, with what run 1');
    expect(await page.getAttribute('#diff', 'data-cut')).not.toBe(cutBy0);
    await select.focus();
    await page.keyboard.press('ArrowUp');
    await expect.poll(summary).toContain('The lineage of run 2, with what run 1');
    expect(await summary()).toContain('It has no post tuple to take away.');
    await select.selectOption('0');
    await expect.poll(() => page.getAttribute('#diff', 'data-cut')).toBe(cutBy0);
  });

  test('the spacetime diagram marks the faults that matter, with a legend entry', async () => {
    const marked = await page.evaluate(() => {
      const canvas = document.querySelector('#spacetime .graph-canvas') as HTMLElement & {
        _cyreg: { cy: import('cytoscape').Core };
      };
      const cy = canvas._cyreg.cy;
      return {
        arrows: cy.edges('.matters').map((e) => [e.id(), e.hasClass('lost')]),
        crashes: cy.nodes('.event.matters').map((n) => n.id()),
        style: cy.$id('m:a->b@1').style('underlay-opacity'),
      };
    });
    expect(marked.arrows).toEqual([['m:a->b@1', true]]);
    expect(marked.crashes).toEqual(['e:a@2']);
    expect(Number(marked.style)).toBeGreaterThan(0);
    expect(await page.isVisible('#legend-matters')).toBe(true);
    await page.click('tr[data-run="0"]');
    await expect.poll(() => page.isHidden('#legend-matters')).toBe(true);
    await page.click('tr[data-run="1"]');
    await expect.poll(() => page.isVisible('#legend-matters')).toBe(true);
  });

  test("the runs table tells each run's story", async () => {
    const stories = await page.locator('#runs-table tbody td.story').allTextContents();
    expect(stories.join('\n')).toContain('Run 0 runs without faults.');
    expect(stories.join('\n')).toContain('The spec is violated: pre("c", "hello")@6 holds');
  });

  test('nothing went wrong', () => {
    expect(problems).toEqual([]);
  });
});

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
    expect(await rows.first().textContent()).toContain('a→b@1 lost');
    expect(await page.textContent('#run-title')).toBe('Run 2 · failure · a crashed@2, a→b@1 lost');
    // The failure-free run's overview: its three goals, the four messages they rest on, and the
    // three crashes that would cut them.
    await page.waitForSelector('#diff[data-nodes="10"]');
  });

  test('clicking a run draws its spacetime diagram and lineage graph', async () => {
    await page.click('tr[data-run="0"]');
    await page.waitForSelector('#spacetime[data-nodes]');
    await page.waitForSelector('#lineage[data-nodes="10"][data-mode="overview"]');
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
    await expect.poll(() => page.textContent('#run-title')).toBe('Run 1 · success · b crashed@1');
    await page.click('tr[data-run="0"]');
    await page.waitForSelector('#lineage[data-nodes="10"]');
  });

  test("clicking a rule firing shows the rule's source and this firing's bindings", async () => {
    await page.click('#lineage button:text("Every step")');
    await page.waitForSelector('#lineage[data-mode="detail"]');
    await clickLineageNode(page, 'log@async');
    await expect
      .poll(() => page.textContent('#details'))
      .toContain('log(B, P)@async :- bcast(A, P), node(A, B);');
    expect(await page.textContent('#details')).toContain('retry.ded:8');
    expect(await page.textContent('#details')).toMatch(/with B = "[bc]", P = "hi", A = "a"/);
  });

  test('a folded persistence chain unfolds on click', async () => {
    await page.check('#lineage input[type="checkbox"]');
    const before = Number(await page.getAttribute('#lineage', 'data-nodes'));
    await clickLineageNode(page, 'bcast("a", "hi") held since @1');
    await expect
      .poll(async () => Number(await page.getAttribute('#lineage', 'data-nodes')))
      .toBeGreaterThan(before);
    expect(await page.textContent('#details')).toContain('held by persistence');
  });

  test('the runs table filters and sorts', async () => {
    await page.selectOption('#filter-status', 'success');
    expect(await page.locator('#runs-table tbody tr').count()).toBe(2);
    expect(await page.textContent('#runs-count')).toBe('2 of 3 runs');
    await page.selectOption('#filter-status', '');
    await page.fill('#filter-fault', 'crashed');
    expect(
      await page
        .locator('#runs-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run)),
    ).toEqual(['2', '1']);
    await page.fill('#filter-fault', '');
    await page.selectOption('#filter-node', 'b');
    expect(
      await page
        .locator('#runs-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run)),
    ).toEqual(['2', '1']);
    await page.selectOption('#filter-node', '');
    await page.click('#runs-table th[data-sort="run"] button');
    expect(
      await page
        .locator('#runs-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.run)),
    ).toEqual(['0', '1', '2']);
    await page.click('#runs-table th[data-sort="run"] button');
    expect(await page.getAttribute('#runs-table th[data-sort="run"]', 'aria-sort')).toBe('descending');
  });

  test('both diagrams export as SVG and PNG', async () => {
    for (const [pane, kind] of [
      ['#lineage', 'SVG'],
      ['#spacetime', 'PNG'],
      ['#spacetime', 'SVG'],
    ] as const) {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click(`${pane} button:text-is("${kind}")`),
      ]);
      const path = await download.path();
      const bytes = await readFile(path);
      if (kind === 'SVG') expect(bytes.toString('utf8')).toMatch(/^<svg [^]*<text [^]*<\/svg>/);
      else expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  test('the split between the diagrams is remembered', async () => {
    await page.focus('#split');
    await page.keyboard.press('ArrowRight');
    const share = await page.evaluate(() => localStorage.getItem('ldfi.split'));
    expect(Number(share)).toBeCloseTo(0.5, 5);
    await page.reload();
    await page.waitForSelector('#lineage[data-nodes]');
    expect(await page.getAttribute('#split', 'aria-valuenow')).toBe('50');
  });

  test('an arrow of the spacetime diagram shows what it carried and what relies on it', async () => {
    await page.click('tr[data-run="0"]');
    await page.waitForSelector('#lineage[data-nodes="10"]');
    await page.locator('#spacetime .graph-canvas').scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
    const point = await page.evaluate(() => {
      const canvas = document.querySelector('#spacetime .graph-canvas') as HTMLElement & {
        _cyreg: { cy: import('cytoscape').Core };
      };
      const label = canvas._cyreg.cy.nodes('.arrow-label').filter((n) => n.data('arrow') === 'm:a->b@1');
      const p = label.renderedPosition();
      const box = canvas.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    await expect.poll(() => page.textContent('#details')).toContain('a→b sent @1');
    const details = await page.textContent('#details');
    expect(details).toContain('log("b", "hi")');
    expect(details).toMatch(/\d+ tuples rely on it/);
    expect(details).toContain('post("b", "hi")@3');
    const marked = await page.evaluate(() => {
      const canvas = document.querySelector('#lineage .graph-canvas') as HTMLElement & {
        _cyreg: { cy: import('cytoscape').Core };
      };
      return canvas._cyreg.cy.nodes('.relies').map((n) => String(n.data('label')));
    });
    expect(marked).toContain('post("b", "hi")@3');
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

test('a lineage of hundreds of nodes opens on its overview', async () => {
  const report = syntheticReport({ runs: 1, nodes: 6, eot: 7 });
  const { page, problems } = await open('large', report);
  expect(report.runs[0]!.lineage.nodes.length).toBeGreaterThan(300);
  await page.waitForSelector('#lineage[data-nodes][data-mode="overview"]', { timeout: 10_000 });
  await page.click('#lineage button:text("Every step")');
  await page.waitForSelector('#lineage[data-mode="detail"]', { timeout: 10_000 });
  expect(problems).toEqual([]);
});
