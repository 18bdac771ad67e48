// @ts-check
// A run's pane beside its diagrams, shared by the report page and the playground: the fault sets its
// lineage proposed (select one to see what it cuts), and what relies on a message picked in the
// spacetime diagram. Writes into #proposals, #proposals-hint and #details.
import { byId, el, showDetails } from './dom.js';

/** @typedef {import('../model/types.js').RunRow} RunRow */
/** @typedef {import('../model/types.js').LineageView} LineageView */
/** @typedef {import('../model/types.js').SpacetimeArrow} SpacetimeArrow */

/**
 * @param {LineageView} view
 * @param {import('./lineage.js').LineageDrawing | null} drawing
 * @param {readonly RunRow[]} rows
 * @param {(iteration: number) => void} select
 */
export function renderProposals(view, drawing, rows, select) {
  const box = byId('proposals');
  box.replaceChildren();
  byId('proposals-hint').textContent =
    view.proposals.length > 0
      ? 'Fault sets this lineage proposed for the next runs: select one to see the supports it cuts.'
      : 'This run proposed no further fault sets.';
  /** @type {HTMLButtonElement[]} */
  const buttons = [];
  for (const proposal of view.proposals) {
    const target = proposal.run === null ? 'not run' : `run ${proposal.run}`;
    const button = /** @type {HTMLButtonElement} */ (
      el('button', null, `${proposal.faults.join(', ') || 'no faults'} → ${target}`)
    );
    button.type = 'button';
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      const pressed = button.getAttribute('aria-pressed') !== 'true';
      for (const other of buttons) other.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', String(pressed));
      drawing?.markCut(pressed ? proposal.cut : []);
      if (pressed) explainProposal(view, proposal, rows, select);
    });
    buttons.push(button);
    box.append(button);
  }
}

/**
 * Why this fault set: which goals it leaves without support, and what running it gave.
 * @param {LineageView} view
 * @param {LineageView['proposals'][number]} proposal
 * @param {readonly RunRow[]} rows
 * @param {(iteration: number) => void} select
 */
export function explainProposal(view, proposal, rows, select) {
  const cut = new Set(proposal.cut);
  const goals = view.goals.filter((g) => cut.has(g)).map((g) => view.nodes[g]?.label ?? String(g));
  /** @type {(string | HTMLElement)[]} */
  const parts = [
    `It cuts ${proposal.cut.length} of the ${view.nodes.length} nodes (in red). ` +
      (goals.length > 0
        ? `Goals left without any support: ${goals.join(', ')}.`
        : 'No goal loses all its support.'),
  ];
  const executed = proposal.run === null ? undefined : rows.find((r) => r.iteration === proposal.run);
  if (executed) {
    const open = /** @type {HTMLButtonElement} */ (
      el('button', null, `Open run ${executed.iteration} (${executed.status})`)
    );
    open.type = 'button';
    open.addEventListener('click', () => select(executed.iteration));
    parts.push(open);
  } else {
    parts.push('Not executed: the search stopped first, or an equivalent fault set was already run.');
  }
  showDetails(`proposed: ${proposal.faults.join(', ') || 'no faults'}`, parts);
}

/**
 * After an arrow of the spacetime diagram is picked: the lineage nodes that rely on the message it
 * carried (every node above it), marked in the graph and named in the details.
 * @param {LineageView} view
 * @param {import('../model/types.js').SpacetimeArrow} arrow
 * @param {import('./lineage.js').LineageDrawing | null} drawing
 */
export function showRelying(view, arrow, drawing) {
  const message = view.nodes.find(
    (n) => n.kind === 'message' && n.from === arrow.from && n.to === arrow.to && n.time === arrow.sendTime,
  );
  /** @type {number[]} */
  const relying = [];
  if (message) {
    /** @type {Map<number, number[]>} */
    const up = new Map();
    for (const e of view.edges) up.set(e.target, [...(up.get(e.target) ?? []), e.source]);
    const seen = new Set([message.id]);
    const stack = [message.id];
    while (stack.length > 0)
      for (const p of up.get(/** @type {number} */ (stack.pop())) ?? [])
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
    relying.push(...seen);
  }
  drawing?.markRelying(relying);
  const tuples = relying.flatMap((id) => {
    const node = view.nodes[id];
    return node?.kind === 'tuple' ? [node.label] : [];
  });
  const details = byId('details');
  details.append(
    el(
      'p',
      null,
      message
        ? `In the lineage (outlined in blue), ${tuples.length} tuples rely on it:`
        : 'No post tuple relies on it.',
    ),
  );
  const list = el('ul', 'plain mono');
  for (const t of tuples.slice(0, 30)) list.append(el('li', null, t));
  if (tuples.length > 30) list.append(el('li', null, `… and ${tuples.length - 30} more`));
  details.append(list);
}
