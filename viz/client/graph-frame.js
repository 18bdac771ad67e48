// @ts-check
// What both diagrams share: a toolbar (zoom, fit, reset, export) and a visible hint above a cytoscape
// canvas, keyboard access to the canvas, and a registry so a redraw destroys the graph it replaces.
/* global ResizeObserver */
import { el, readJson } from './dom.js';
import { downloadPng, downloadSvg } from './export.js';

/** @typedef {import('cytoscape').Core} Core */
/** @typedef {import('../html/graph-styles.js').GraphStyles} GraphStyles */

export const cytoscape = /** @type {typeof import('cytoscape')} */ (
  /** @type {any} */ (globalThis).cytoscape
);

/** @type {GraphStyles} */
export const STYLES = readJson('ldfi-graph-styles');

// Labels are drawn at 12 px: below this zoom they would be smaller than 10 px on screen.
export const READABLE_ZOOM = 10 / 12;

/**
 * @typedef {object} Frame
 * @property {HTMLElement} tools buttons of this diagram, before the shared ones
 * @property {HTMLElement} canvas cytoscape's container
 * @property {Core} cy
 */

/** @type {WeakMap<HTMLElement, Core>} */
const graphs = new WeakMap();

/** @param {HTMLElement} container */
export function clearGraph(container) {
  graphs.get(container)?.destroy();
  graphs.delete(container);
  container.replaceChildren();
  delete container.dataset.nodes;
  delete container.dataset.cut;
}

/**
 * @param {HTMLElement} container
 * @param {string} message
 */
export function drawNothing(container, message) {
  clearGraph(container);
  container.append(el('p', 'empty', message));
  container.dataset.nodes = '0';
}

/**
 * A toolbar, a hint and an empty cytoscape graph in `container`, replacing what was there.
 * @param {HTMLElement} container
 * @param {{ style: readonly any[], name: string, hint: string, reset: () => void, refit?: () => void }} options
 * @returns {Frame}
 */
export function graphFrame(container, options) {
  clearGraph(container);
  const bar = el('div', 'graph-bar');
  const tools = el('span', 'graph-tools');
  const shared = el('span', 'graph-tools');
  const canvas = el('div', 'graph-canvas');
  canvas.tabIndex = 0;
  canvas.setAttribute('role', 'application');
  canvas.setAttribute('aria-label', `${options.name} diagram: ${options.hint}`);
  bar.append(tools, shared);
  container.append(bar, el('p', 'graph-hint', options.hint), canvas);
  const cy = cytoscape({ container: canvas, style: [...options.style], minZoom: 0.05, maxZoom: 4 });
  graphs.set(container, cy);
  /** @param {number} factor */
  const zoomBy = (factor) =>
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  shared.append(
    button('−', 'Zoom out (key −)', () => zoomBy(1 / 1.25)),
    button('+', 'Zoom in (key +)', () => zoomBy(1.25)),
    button('Fit', 'Fit the whole diagram (key f)', () => cy.fit(undefined, 24)),
    button('Reset', 'Back to how it opened (key 0)', options.reset),
    button('SVG', 'Download this diagram as SVG', () => downloadSvg(cy, options.name)),
    button('PNG', 'Download this diagram as PNG', () => downloadPng(cy, options.name)),
  );
  // Until the reader moves the view, a change of the pane's size (the split, a scroll bar appearing)
  // redoes the opening view rather than leaving it cut off.
  let moved = false;
  for (const kind of ['wheel', 'pointerdown', 'keydown']) canvas.addEventListener(kind, () => (moved = true));
  const observer = new ResizeObserver(() => {
    cy.resize();
    if (!moved && cy.elements().nonempty()) (options.refit ?? options.reset)();
  });
  observer.observe(canvas);
  cy.one('destroy', () => observer.disconnect());
  canvas.addEventListener('keydown', (event) => {
    const keys = /** @type {Record<string, () => void>} */ ({
      '+': () => zoomBy(1.25),
      '=': () => zoomBy(1.25),
      '-': () => zoomBy(1 / 1.25),
      f: () => cy.fit(undefined, 24),
      0: options.reset,
      ArrowLeft: () => cy.panBy({ x: 60, y: 0 }),
      ArrowRight: () => cy.panBy({ x: -60, y: 0 }),
      ArrowUp: () => cy.panBy({ x: 0, y: 60 }),
      ArrowDown: () => cy.panBy({ x: 0, y: -60 }),
    });
    const act = event.ctrlKey || event.metaKey || event.altKey ? undefined : keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  });
  return { tools, canvas, cy };
}

/**
 * @param {string} text
 * @param {string} title
 * @param {() => void} onClick
 */
export function button(text, title, onClick) {
  const b = /** @type {HTMLButtonElement} */ (el('button', null, text));
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}

/**
 * Shows the whole graph if its labels stay readable; else the part around `start` at a readable
 * zoom, to be panned (the rest is one Fit away).
 * @param {Core} cy
 * @param {import('cytoscape').NodeCollection} start
 */
export function fitReadable(cy, start) {
  cy.fit(undefined, 24);
  // A small graph is not blown up; a fitted one reads from the top, centred across.
  if (cy.zoom() > 1.25) cy.zoom(1.25);
  if (cy.zoom() >= READABLE_ZOOM || start.empty()) {
    const box = cy.elements().renderedBoundingBox({});
    cy.panBy({ x: cy.width() / 2 - (box.x1 + box.x2) / 2, y: 24 - box.y1 });
    return;
  }
  cy.zoom(READABLE_ZOOM);
  const box = start.renderedBoundingBox({});
  // Centred if it fits across, else from its left end: the middle of far-apart goals is empty.
  const x = box.w <= cy.width() - 48 ? cy.width() / 2 - (box.x1 + box.x2) / 2 : 24 - box.x1;
  cy.panBy({ x, y: 24 - box.y1 });
}
