// @ts-check
// The runs table: filtered (status, node, fault) and sorted in memory, and drawn as a window of rows
// around the scroll position, so ten thousand runs open as fast as ten.
/* global requestAnimationFrame */
import { byId, el } from './dom.js';

/** @typedef {import('../model/types.js').RunRow} RunRow */

const ROW_HEIGHT = 28;
const OVERSCAN = 12;

/** @type {Record<string, (a: RunRow, b: RunRow) => number>} */
const ORDERS = {
  run: (a, b) => a.iteration - b.iteration,
  status: (a, b) => compare(a.status, b.status),
  faults: (a, b) => a.crashes.length + a.omissions.length - (b.crashes.length + b.omissions.length),
  crashes: (a, b) => compare(a.crashes.join(), b.crashes.join()),
  omissions: (a, b) => compare(a.omissions.join(), b.omissions.join()),
  violations: (a, b) => a.violations.length - b.violations.length,
  parent: (a, b) => (a.parent ?? -1) - (b.parent ?? -1),
};

/**
 * @param {string} a
 * @param {string} b
 */
function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * @param {readonly RunRow[]} rows the counterexample first, then by iteration
 * @param {readonly string[]} nodes
 * @param {(iteration: number) => void} select
 * @returns {{ markSelected: (iteration: number) => void }}
 */
export function renderRunsTable(rows, nodes, select) {
  const scroller = byId('runs-scroll');
  const body = /** @type {HTMLElement} */ (byId('runs-table').querySelector('tbody'));
  const status = /** @type {HTMLSelectElement} */ (byId('filter-status'));
  const node = /** @type {HTMLSelectElement} */ (byId('filter-node'));
  const fault = /** @type {HTMLInputElement} */ (byId('filter-fault'));
  const count = byId('runs-count');
  node.append(...nodes.map((n) => el('option', null, n)));
  let order = { key: 'default', descending: false };
  let shown = [...rows];
  let selected = -1;

  const refilter = () => {
    const text = fault.value.trim().toLowerCase();
    const who = node.value;
    shown = rows.filter((row) => {
      if (status.value && row.status !== status.value) return false;
      const faults = [...row.crashes, ...row.omissions];
      if (
        who &&
        !faults.some((f) => f.startsWith(`${who} `) || f.startsWith(`${who}→`) || f.includes(`→${who}@`))
      )
        return false;
      return !text || [...faults, ...row.violations].some((f) => f.toLowerCase().includes(text));
    });
    const sort = ORDERS[order.key];
    if (sort) {
      shown.sort((a, b) => sort(a, b) || a.iteration - b.iteration);
      if (order.descending) shown.reverse();
    }
    count.textContent =
      shown.length === rows.length
        ? `${rows.length} ${rows.length === 1 ? 'run' : 'runs'}`
        : `${shown.length} of ${rows.length} runs`;
    body.style.height = `${shown.length * ROW_HEIGHT}px`;
    draw();
  };

  const draw = () => {
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(
      shown.length,
      Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_HEIGHT) + OVERSCAN,
    );
    body.replaceChildren(...shown.slice(first, last).map((row, i) => rowElement(row, first + i)));
  };

  /**
   * @param {RunRow} row
   * @param {number} index
   */
  const rowElement = (row, index) => {
    const tr = el('tr', row.counterexample ? 'counterexample' : null);
    tr.dataset.run = String(row.iteration);
    tr.style.top = `${index * ROW_HEIGHT}px`;
    tr.tabIndex = 0;
    if (row.iteration === selected) tr.classList.add('selected');
    const run = el('td', null, String(row.iteration));
    if (row.counterexample) run.append(el('span', 'badge', 'counterexample'));
    const cells = [row.crashes, row.omissions, row.violations].map((items) => {
      const text = items.join(', ') || '—';
      const td = el('td', null, text);
      td.title = text;
      return td;
    });
    const parent = el('td', null, row.parent === null ? '—' : `run ${row.parent}`);
    const story = el('td', 'story', row.story.join(' '));
    story.title = row.story.join('\n');
    tr.append(run, el('td', `status-${row.status}`, row.status), ...cells, parent, story);
    tr.addEventListener('click', () => select(row.iteration));
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') select(row.iteration);
    });
    return tr;
  };

  scroller.addEventListener('scroll', () => requestAnimationFrame(draw));
  for (const input of [status, node]) input.addEventListener('change', refilter);
  fault.addEventListener('input', refilter);
  byId('runs-table')
    .querySelectorAll('th[data-sort]')
    .forEach((th) => {
      const cell = /** @type {HTMLElement} */ (th);
      const sortButton = el('button', 'sort', cell.textContent ?? '');
      cell.replaceChildren(sortButton);
      sortButton.addEventListener('click', () => {
        const key = cell.dataset.sort ?? 'run';
        order = { key, descending: order.key === key ? !order.descending : false };
        byId('runs-table')
          .querySelectorAll('th[data-sort]')
          .forEach((other) => other.removeAttribute('aria-sort'));
        cell.setAttribute('aria-sort', order.descending ? 'descending' : 'ascending');
        refilter();
      });
    });
  refilter();
  return {
    markSelected(iteration) {
      selected = iteration;
      body
        .querySelectorAll('tr')
        .forEach((tr) => tr.classList.toggle('selected', tr.dataset.run === String(iteration)));
    },
  };
}
