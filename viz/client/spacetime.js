// @ts-check
// The spacetime diagram: a lane per node, time downwards, drawn at the view model's positions with
// labels where the model placed them clear of each other (the others show on hover).
import { el, showDetails } from './dom.js';
import { READABLE_ZOOM, STYLES, graphFrame } from './graph-frame.js';

/** @typedef {import('../model/types.js').RunView} RunView */
/** @typedef {import('../model/types.js').SpacetimeView} SpacetimeView */
/** @typedef {import('../model/types.js').SpacetimeArrow} SpacetimeArrow */
/** @typedef {import('cytoscape').ElementDefinition} ElementDefinition */

/** @param {SpacetimeView} view */
function spacetimeElements(view) {
  /** @type {ElementDefinition[]} */
  const elements = [];
  for (const head of view.heads)
    elements.push({
      data: { id: head.id, label: head.node },
      position: { ...head.position },
      classes: 'head',
    });
  for (const tick of view.ticks)
    elements.push({
      data: { id: tick.id, label: tick.label },
      position: { ...tick.position },
      classes: 'tick',
    });
  for (const e of view.events) {
    const classes = [
      'event',
      e.crashed ? 'crashed' : '',
      e.crashesHere ? 'crash-here' : '',
      e.crashMatters ? 'matters' : '',
    ].join(' ');
    elements.push({
      data: {
        id: e.id,
        label: e.crashesHere ? `${e.node} crashed@${e.time}` : '',
        node: e.node,
        time: e.time,
      },
      position: { ...e.position },
      classes,
    });
  }
  for (const l of view.lanes)
    elements.push({
      data: { id: l.id, source: l.source, target: l.target },
      classes: l.crashed ? 'lane crashed' : 'lane',
    });
  for (const a of view.arrows) {
    const label = a.lostBy === 'omission' ? `${a.label} ✗` : a.label;
    elements.push({
      data: { id: a.id, source: a.source, target: a.target, label },
      classes: ['message', a.lostBy === null ? '' : 'lost', a.matters ? 'matters' : ''].join(' ').trim(),
    });
    if (a.labelAt)
      elements.push({
        data: { id: `label:${a.id}`, label, arrow: a.id },
        position: { ...a.labelAt },
        classes: ['arrow-label', a.lostBy === null ? '' : 'lost', a.matters ? 'matters' : '']
          .join(' ')
          .trim(),
      });
  }
  return elements;
}

/**
 * @param {RunView} run
 * @param {HTMLElement} container
 * @param {(arrow: SpacetimeArrow) => void} onArrow what the page does when the reader picks an arrow
 * @returns {import('cytoscape').Core} for a page that adds its own taps (the playground crashes nodes)
 */
export function drawSpacetime(run, container, onArrow) {
  const view = run.spacetime;
  const reset = () => {
    cy.fit(undefined, 16);
    const zoom = Math.min(1, Math.max(READABLE_ZOOM, cy.zoom()));
    if (zoom !== cy.zoom()) {
      // Top left at the drawing's corner, labels included (a `t=7 EOT` label reaches left of x = 0).
      const box = cy.elements().boundingBox();
      cy.zoom(zoom);
      cy.pan({ x: 8 - box.x1 * zoom, y: 8 - box.y1 * zoom });
    }
  };
  const unsent = view.unsent > 0 ? ` A crashed node's ${view.unsent} unsent messages are not drawn.` : '';
  const { cy } = graphFrame(container, {
    style: STYLES.spacetime,
    name: `run-${run.iteration}-spacetime`,
    hint: `Wheel to zoom, drag to pan; click an arrow for what it carried. Keys: + − f 0, arrows.${unsent}`,
    reset: () => reset(),
  });
  cy.add(spacetimeElements(view));
  cy.autoungrabify(true);
  reset();
  container.dataset.nodes = String(cy.nodes().length);
  /** @param {string} id */
  const pick = (id) => {
    const arrow = view.arrows.find((a) => a.id === id);
    if (!arrow) return;
    cy.elements().unselect();
    cy.getElementById(arrow.id).select();
    showArrow(arrow);
    onArrow(arrow);
  };
  cy.on('tap', 'edge.message', (event) => pick(event.target.id()));
  cy.on('tap', 'node.arrow-label', (event) => pick(String(event.target.data('arrow'))));
  cy.on('mouseover', 'edge.message', (event) => event.target.addClass('hover'));
  cy.on('mouseout', 'edge.message', (event) => event.target.removeClass('hover'));
  cy.on('tap', 'node.event', (event) => {
    const node = String(event.target.data('node'));
    const time = Number(event.target.data('time'));
    showDetails(`${node} @${time}`, [
      `What ${node} holds at time ${time} (tuples whose first column is ${node}):`,
      stateOf(run, node, time),
    ]);
  });
  return cy;
}

/** @param {SpacetimeArrow} arrow */
function showArrow(arrow) {
  const fate =
    arrow.lostBy !== 'omission'
      ? `delivered @${arrow.sendTime + 1}`
      : arrow.matters
        ? 'lost: an omission was injected on this channel at this time; the why-not explanation names it among the faults that matter'
        : 'lost: an omission was injected on this channel at this time';
  const tuples = el('ul', 'plain mono');
  for (const t of arrow.tuples) tuples.append(el('li', null, t));
  showDetails(`${arrow.from}→${arrow.to} sent @${arrow.sendTime}`, [fate, 'It carried:', tuples]);
}

/**
 * @param {RunView} run
 * @param {string} node
 * @param {number} time
 */
function stateOf(run, node, time) {
  const list = el('ul', 'plain mono');
  for (const relation of run.relations)
    for (const row of relation.rows)
      if (row.time === time && row.values[0] === node)
        list.append(el('li', null, `${relation.relation}(${row.values.join(', ')})`));
  if (list.childElementCount === 0) list.append(el('li', null, 'nothing'));
  return list;
}
