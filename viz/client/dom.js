// @ts-check
// DOM helpers of the report page. Everything the page shows is built here with textContent: no
// program string ever becomes markup.
/* global document */

/** @param {string} id */
export function byId(id) {
  const found = document.getElementById(id);
  if (!found) throw new Error(`report page is missing #${id}`);
  return found;
}

/**
 * @param {string} id
 * @returns {any}
 */
export function readJson(id) {
  return JSON.parse(byId(id).textContent ?? 'null');
}

/**
 * @param {string} tag
 * @param {string | null} [className]
 * @param {string | null} [text]
 */
export function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

/**
 * @param {HTMLElement} parent
 * @param {readonly string[]} items
 */
export function appendList(parent, items) {
  const list = el('ul', 'plain');
  for (const item of items) list.append(el('li', null, item));
  parent.append(list);
}

/**
 * Replaces the details panel's content.
 * @param {string} title
 * @param {readonly (HTMLElement | string)[]} parts
 */
export function showDetails(title, parts) {
  const details = byId('details');
  details.replaceChildren(
    el('h3', null, title),
    ...parts.map((p) => (typeof p === 'string' ? el('p', null, p) : p)),
  );
}
