// Report benchmark: a synthetic search of 200 runs of a 5-node protocol, written to disk and opened
// from file:// in headless Chromium; timed until the runs table and the first run's graphs are drawn.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeReport } from '../viz/node/write-report.js';
import { launchChromium } from './chromium.js';
import { syntheticReport } from './synthetic.js';

const RUNS = 200;
const NODES = 5;
const TARGET_MS = 2000;

/** One markdown line: write time, page size, time to a usable page (target < 2 s). */
export async function benchReport(): Promise<string> {
  const report = syntheticReport({ runs: RUNS, nodes: NODES, eot: 5 });
  const dir = await mkdtemp(join(tmpdir(), 'ldfi-bench-report-'));
  const browser = await launchChromium();
  try {
    const writeStart = performance.now();
    const { indexPath } = await writeReport(dir, report);
    const writeMs = performance.now() - writeStart;
    const sizeKb = (await stat(indexPath)).size / 1024;
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const openStart = performance.now();
    await page.goto(pathToFileURL(indexPath).href, { waitUntil: 'commit' });
    await page.waitForFunction(
      (runs) =>
        document.querySelectorAll('#runs-table tbody tr').length === runs &&
        document.querySelector('#spacetime[data-nodes]') !== null &&
        document.querySelector('#lineage[data-nodes]') !== null,
      RUNS,
      { polling: 100, timeout: 60_000 },
    );
    const seenMs = performance.now() - openStart;
    // The client marks when the selected run's graphs are laid out; from navigation start, so neither
    // Playwright's round trips nor its polling count.
    const drawnMs = await page.evaluate(
      () => performance.getEntriesByName('ldfi:run-drawn')[0]?.startTime ?? NaN,
    );
    const lineageNodes = await page.getAttribute('#lineage', 'data-nodes');
    if (errors.length > 0) throw new Error(`report page errors: ${errors.join('; ')}`);
    const verdict = drawnMs < TARGET_MS ? 'within' : 'over';
    return (
      `| report | ${RUNS} runs × ${NODES} nodes, first lineage ${lineageNodes} nodes | write ${writeMs.toFixed(0)} ms, ` +
      `index.html ${sizeKb.toFixed(0)} KB | table + first run's graphs drawn ${drawnMs.toFixed(0)} ms after navigation ` +
      `(${verdict} the ${TARGET_MS / 1000} s target; ${seenMs.toFixed(0)} ms as seen by Playwright) |`
    );
  } finally {
    await browser.close();
    await rm(dir, { recursive: true, force: true });
  }
}
