// The playground in a real browser: built with Vite here (so a clean clone's `npm test` tests what
// `npm run build:playground` makes), served by `ldfi playground`'s server, driven in Debian's Chromium.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { main, type Io } from '../runner/cli/main.js';
import { playgroundDist, serveStatic, type Served } from '../runner/cli/playground.js';
import { launchChromium } from '../bench/chromium.js';

const ROOT = join(import.meta.dirname, '..');

let browser: Browser;
let served: Served;
let problems: string[] = [];

beforeAll(async () => {
  await build({ configFile: join(ROOT, 'playground', 'vite.config.ts'), logLevel: 'error' });
  served = await serveStatic(playgroundDist());
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await served?.close();
});

async function open(hash: string, height = 800): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height } });
  problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(served.url)) problems.push(`request elsewhere: ${r.url()}`);
  });
  await page.goto(`${served.url}${hash}`);
  await page.waitForSelector('.cm-content');
  return page;
}

/** Replaces the editor's program as if typed. */
async function setProgram(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(text);
}

/** The URL form of a program (url.ts): base64url of its UTF-8. */
function encodeProgram(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The counterexample's explanation as `ldfi check --explain` prints it, from `violated:` on, unindented. */
async function explainedByCli(args: readonly string[]): Promise<string[]> {
  let out = '';
  const io: Io = { isTTY: false, columns: 100, stdout: (s) => void (out += s), stderr: () => {} };
  const dir = mkdtempSync(join(tmpdir(), 'ldfi-playground-why-'));
  expect(await main(['check', ...args, '--explain', '-o', dir], io)).toBe(1);
  const lines = out.slice(out.indexOf('COUNTEREXAMPLE')).split('\n');
  const from = lines.findIndex((l) => l.startsWith('  violated: '));
  const to = lines.findIndex((l) => l.startsWith('  replay: '));
  return lines.slice(from, to).map((l, i) => (i === 0 ? l.replace(/^ {2}/, '') : l.replace(/^ {12}/, '')));
}

async function verdict(page: Page): Promise<string> {
  await page.waitForSelector('#verdict[data-ms]', { timeout: 60_000 });
  return (await page.textContent('#verdict')) ?? '';
}

describe('the playground', () => {
  test('loads a lesson, marks a syntax error while typing, runs it and shows the verdict', async () => {
    const page = await open('#lesson=03-retry');
    expect(await page.textContent('#lesson-text h2')).toContain('Lesson 3: retry');
    expect(await page.textContent('#cli-command')).toBe(
      'npx ldfi check course/03-retry/program.ded examples/delivery/spec.ded -N a,b,c -t 6 -f 3 -c 0',
    );
    const program = await page.textContent('.cm-content');
    expect(program).toContain('delivered(Peer, Msg)@async');

    await page.click('.cm-content');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\noops(');
    await page.waitForSelector('.cm-lintRange-error');
    expect(await page.textContent('#markers')).toMatch(
      /course\/03-retry\/program\.ded:\d+:\d+: error\[E001\]/,
    );
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.waitForSelector('.cm-lintRange-error', { state: 'detached' });

    await page.click('#check');
    expect(await verdict(page)).toContain(
      'Counterexample: run 1 violates the specification under a→b@1 lost',
    );
    expect(await page.getAttribute('#verdict', 'class')).toBe('counterexample');
    expect(problems).toEqual([]);
    await page.close();
  });

  test('steps through every round of retry delivery to the counterexample', async () => {
    const page = await open('#lesson=04-redundancy');
    await page.click('#check');
    const text = await verdict(page);
    const executions = Number(/\((\d+) executions\)/.exec(text)?.[1]);
    expect(executions).toBeGreaterThan(1);
    const titles: string[] = [];
    for (let i = 0; i < executions; i++) {
      await page.waitForSelector('#spacetime[data-nodes]');
      titles.push((await page.textContent('#round-title')) ?? '');
      if (i === 0) {
        expect(await page.textContent('#round-story')).toContain('The failure-free run');
        const proposals = page.locator('#proposals button');
        expect(await proposals.count()).toBeGreaterThan(0);
        await proposals.first().click();
        await page.waitForSelector('#lineage[data-cut]');
        expect(await page.textContent('#details')).toMatch(/It cuts \d+ of the \d+ /);
      }
      if (i < executions - 1) await page.click('#next');
    }
    expect(titles[0]).toMatch(/^Run 0 · success · no faults/);
    expect(titles[executions - 1]).toMatch(/· failure · a crashed@2/);
    expect(await page.isDisabled('#next')).toBe(true);
    expect(await page.textContent('#round-story')).toContain('This is the counterexample');
    // Under the counterexample, why it failed: the very lines `ldfi check --explain` prints.
    expect(await page.isVisible('#why-not')).toBe(true);
    const shown = [
      (await page.textContent('#why-not h4')) ?? '',
      ...((await page.textContent('#why-not pre')) ?? '').split('\n'),
    ];
    const printed = await explainedByCli([
      'course/04-redundancy/program.ded',
      'examples/delivery/spec.ded',
      ...['--nodes', 'a,b,c', '--eot', '6', '--eff', '3', '--crashes', '1'],
    ]);
    expect(shown).toEqual(printed);
    expect(shown[1]).toBe('faults that matter: a crashed@2, a→b@1 lost');
    expect(shown.map((l) => l.trim())).toContain('← a→b@1 lost');
    // The failure-free run has nothing to explain.
    await page.click('#prev');
    expect(await page.isVisible('#why-not')).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('stops a long Paxos search within a second', async () => {
    const page = await open('');
    await setProgram(page, 'include "examples/paxos/synod.ded";\ninclude "examples/paxos/spec.ded";\n');
    await page.fill('input[name=nodes]', 'a,b,c');
    await page.fill('input[name=eot]', '7');
    await page.fill('input[name=eff]', '6');
    await page.fill('input[name=crashes]', '1');
    await page.click('#check');
    await page.waitForFunction(
      () => /\d+ executions, \d+ queued/.test(document.getElementById('progress')!.textContent ?? ''),
      null,
      {
        timeout: 30_000,
      },
    );
    const stoppedIn = await page.evaluate(async () => {
      const started = performance.now();
      document.getElementById('stop')!.click();
      while (!/^Stopped after \d+ executions/.test(document.getElementById('progress')!.textContent ?? ''))
        await new Promise((r) => setTimeout(r, 10));
      return performance.now() - started;
    });
    expect(stoppedIn).toBeLessThan(1000);
    expect(await page.textContent('#verdict')).toBe('Stopped: no verdict.');
    const after = await page.textContent('#progress');
    await page.waitForTimeout(500);
    expect(await page.textContent('#progress')).toBe(after);
    expect(await page.isEnabled('#check')).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a run budget ends the search without a verdict', async () => {
    const page = await open(
      '#lesson=10-paxos&program=' +
        encodeProgram('include "../../examples/paxos/synod.ded";\n') +
        '&eot=7&eff=6&crashes=1&maxRuns=3',
    );
    expect(await page.inputValue('input[name=maxRuns]')).toBe('3');
    await page.click('#check');
    expect(await verdict(page)).toBe(
      'Inconclusive: the run budget ran out after 3 executions without a verdict',
    );
    expect(await page.getAttribute('#verdict', 'class')).toBe('inconclusive');
    await page.close();
  });

  test('passes an exercise with its solution, and not with the starting program', async () => {
    const page = await open('#lesson=03-retry');
    await page.click('#exercise-check');
    await page.waitForFunction(() =>
      /^Not passed/.test(document.getElementById('exercise-verdict')!.textContent ?? ''),
    );
    await setProgram(page, readFileSync(join(ROOT, 'course', 'solutions', '03-retry.ded'), 'utf8'));
    await page.click('#exercise-check');
    await page.waitForFunction(() =>
      /^Passed/.test(document.getElementById('exercise-verdict')!.textContent ?? ''),
    );
    expect(await page.textContent('#exercise-verdict')).toContain(
      'Tolerant within the bounds and not vacuous',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  test('predict, then check: lose the arrow LDFI will lose, pass the exercise, compare', async () => {
    // Tall enough that nothing scrolls: cytoscape learns of a scroll only after a throttled handler.
    const page = await open('#lesson=02-simple-delivery', 2400);
    await page.waitForSelector('#predict-spacetime[data-nodes]');
    // Click the arrow a→b sent at 1 where cytoscape drew it.
    const point = await page.evaluate(() => {
      const box = document.querySelector('#predict-spacetime .graph-canvas') as HTMLElement & {
        _cyreg: { cy: import('cytoscape').Core };
      };
      const edge = box._cyreg.cy
        .edges('.message')
        .filter((e) => e.source().data('node') === 'a' && e.target().data('node') === 'b')[0]!;
      const p = edge.renderedMidpoint();
      const rect = box.getBoundingClientRect();
      return { x: rect.left + p.x, y: rect.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    expect(await page.textContent('#picked')).toBe('a→b@1 lost');
    await page.click('#exercise-check');
    await page.waitForFunction(() =>
      /^Passed/.test(document.getElementById('exercise-verdict')!.textContent ?? ''),
    );

    await page.click('#check');
    await verdict(page);
    await page.click('#run-picked');
    await page.waitForFunction(() => (document.getElementById('predict-result')!.textContent ?? '') !== '');
    expect(await page.textContent('#predict-result')).toBe(
      'Your faults (a→b@1 lost) break it: post("c", "hello") missing. LDFI chose a→b@1 lost (run 1, after 2 executions).',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  test('a link carries the program and the bounds', async () => {
    const page = await open('#lesson=03-retry');
    await page.fill('input[name=crashes]', '1');
    await setProgram(
      page,
      '// shared\n' + readFileSync(join(ROOT, 'course', 'solutions', '03-retry.ded'), 'utf8'),
    );
    await page.waitForFunction(() => location.hash.includes('program='));
    const url = page.url();
    const copy = await open(url.slice(served.url.length));
    expect(await copy.inputValue('input[name=crashes]')).toBe('1');
    expect(await copy.textContent('.cm-content')).toContain('// shared');
    await page.close();
    await copy.close();
  });
});
