// Report benchmark: the Paxos search at the paper's bounds (712 executions, 500 of them kept in
// full, as the CLI runs it), written to disk and opened from file:// in headless Chromium. Timed: the runs table
// on screen, the first run's graphs drawn, and the table's answers to a filter, a sort and a scroll.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../viz/node/write-report.js';
import { launchChromium } from './chromium.js';
import { exampleReport } from './example-report.js';

const CASE = 'Paxos, paper bounds';
const TARGET_MS = 2000;

/** A markdown table: what was opened, and each timing against its target. */
export async function benchReport(): Promise<string> {
  const searchStart = performance.now();
  const report = exampleReport(CASE);
  const searchMs = performance.now() - searchStart;
  const dir = await mkdtemp(join(tmpdir(), 'ldfi-bench-report-'));
  const browser = await launchChromium();
  try {
    const writeStart = performance.now();
    const { indexPath } = await writeReport(dir, report);
    const writeMs = performance.now() - writeStart;
    const sizeMb = (await stat(indexPath)).size / 2 ** 20;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(indexPath).href, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.querySelector('#lineage[data-nodes]') !== null, undefined, {
      polling: 100,
      timeout: 120_000,
    });
    // Marks from navigation start, so neither Playwright's round trips nor its polling count.
    const marks = await page.evaluate(() => ({
      table: performance.getEntriesByName('ldfi:table-drawn')[0]?.startTime ?? NaN,
      run: performance.getEntriesByName('ldfi:run-drawn')[0]?.startTime ?? NaN,
      rows: document.getElementById('runs-count')?.textContent ?? '',
    }));
    const interaction = await page.evaluate(() => {
      const time = (act: () => void): number => {
        const start = performance.now();
        act();
        return performance.now() - start;
      };
      const fault = document.getElementById('filter-fault') as HTMLInputElement;
      const scroller = document.getElementById('runs-scroll')!;
      return {
        filter: time(() => {
          fault.value = 'crashed';
          fault.dispatchEvent(new Event('input'));
        }),
        unfilter: time(() => {
          fault.value = '';
          fault.dispatchEvent(new Event('input'));
        }),
        sort: time(() => (document.querySelector('th[data-sort="omissions"] button') as HTMLElement).click()),
        scroll: time(() => {
          scroller.scrollTop = scroller.scrollHeight / 2;
          scroller.dispatchEvent(new Event('scroll'));
        }),
        drawn: document.querySelectorAll('#runs-table tbody tr').length,
      };
    });
    if (errors.length > 0) throw new Error(`report page errors: ${errors.join('; ')}`);
    const within = (ms: number, target: number) =>
      `${ms.toFixed(0)} ms (${ms < target ? 'within' : 'over'} ${target} ms)`;
    return [
      '| figure | value |',
      '| --- | --- |',
      `| report of | ${CASE}: ${report.executions} executions (search ${(searchMs / 1000).toFixed(1)} s), ${report.runs.length} kept in full; table: ${marks.rows} |`,
      `| write | ${writeMs.toFixed(0)} ms, index.html ${sizeMb.toFixed(1)} MB |`,
      `| runs table on screen | ${within(marks.table, TARGET_MS)} after navigation |`,
      `| first run's graphs drawn | ${within(marks.run, TARGET_MS)} after navigation |`,
      `| filter / clear / sort / scroll the table | ${interaction.filter.toFixed(0)} / ${interaction.unfilter.toFixed(0)} / ${interaction.sort.toFixed(0)} / ${interaction.scroll.toFixed(0)} ms (${interaction.drawn} rows in the DOM) |`,
    ].join('\n');
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
