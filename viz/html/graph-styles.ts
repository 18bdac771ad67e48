// Cytoscape stylesheets for the two kinds of graph, embedded in the page as JSON (the client
// script imports nothing, so its styles come in as data).

export interface StyleRule {
  readonly selector: string;
  readonly style: Readonly<Record<string, string | number>>;
}

export interface GraphStyles {
  readonly spacetime: readonly StyleRule[];
  readonly lineage: readonly StyleRule[];
}

const INK = '#1d2433';
const LOST = '#c62828';
const CUT = '#d84315';
const MATTERS = '#f9a825';
const LABEL_BOX = {
  'text-background-color': '#ffffff',
  'text-background-opacity': 0.9,
  'text-background-padding': 2,
};

const SPACETIME: readonly StyleRule[] = [
  { selector: 'node', style: { label: 'data(label)', 'font-size': 12, color: INK } },
  {
    selector: 'node.head',
    style: {
      shape: 'round-rectangle',
      width: 64,
      height: 26,
      'background-color': INK,
      color: '#ffffff',
      'font-weight': 'bold',
      'text-valign': 'center',
      'text-halign': 'center',
    },
  },
  {
    selector: 'node.tick',
    style: {
      width: 1,
      height: 1,
      'background-opacity': 0,
      color: '#5b6577',
      'text-valign': 'center',
      'text-halign': 'center',
    },
  },
  {
    selector: 'node.event',
    style: {
      width: 10,
      height: 10,
      'background-color': '#455a7a',
      'text-valign': 'center',
      'text-halign': 'right',
      'text-margin-x': 8,
    },
  },
  { selector: 'node.event.crashed', style: { 'background-color': '#b0b6c0' } },
  {
    selector: 'node.event.crash-here',
    style: {
      shape: 'star',
      width: 24,
      height: 24,
      'background-color': LOST,
      color: LOST,
      'font-weight': 'bold',
      ...LABEL_BOX,
    },
  },
  { selector: 'edge.lane', style: { width: 3, 'line-color': '#c5ccd8', 'curve-style': 'straight' } },
  { selector: 'edge.lane.crashed', style: { 'line-style': 'dashed', 'line-color': '#e6b3b3' } },
  {
    selector: 'edge.message',
    style: {
      width: 2,
      'curve-style': 'straight',
      'line-color': '#455a7a',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#455a7a',
    },
  },
  // Labels are nodes placed by the view model clear of each other; an arrow without one shows its
  // label while hovered or selected.
  {
    selector: 'node.arrow-label',
    style: {
      width: 1,
      height: 1,
      'background-opacity': 0,
      'font-size': 11,
      color: INK,
      'text-valign': 'center',
      'text-halign': 'center',
      ...LABEL_BOX,
    },
  },
  { selector: 'node.arrow-label.lost', style: { color: LOST } },
  {
    selector: 'edge.message.hover, edge.message:selected',
    style: { label: 'data(label)', 'font-size': 11, color: INK, 'z-index': 10, ...LABEL_BOX },
  },
  {
    selector: 'edge.message.lost',
    style: {
      'line-color': LOST,
      'line-style': 'dashed',
      'target-arrow-shape': 'tee',
      'target-arrow-color': LOST,
      color: LOST,
    },
  },
  // The faults the why-not explanation ends in: thicker, on an amber band, apart from faults that
  // changed nothing the specification checks.
  {
    selector: 'edge.message.matters',
    style: { width: 4, 'underlay-color': MATTERS, 'underlay-opacity': 0.45, 'underlay-padding': 5 },
  },
  {
    selector: 'node.event.matters',
    style: {
      'underlay-color': MATTERS,
      'underlay-opacity': 0.55,
      'underlay-padding': 6,
      'underlay-shape': 'ellipse',
    },
  },
  { selector: 'node.arrow-label.matters', style: { 'font-weight': 'bold' } },
  {
    selector: 'edge:selected',
    style: { width: 4, 'underlay-color': '#2f5fb3', 'underlay-opacity': 0.25, 'underlay-padding': 4 },
  },
];

const LINEAGE: readonly StyleRule[] = [
  {
    selector: 'node',
    style: {
      label: 'data(label)',
      width: 'data(w)',
      height: 24,
      shape: 'round-rectangle',
      'font-size': 12,
      color: INK,
      'text-valign': 'center',
      'text-halign': 'center',
      'text-wrap': 'ellipsis',
      'text-max-width': '250px',
      'border-width': 1,
    },
  },
  { selector: 'node.tuple', style: { 'background-color': '#dbe7fb', 'border-color': '#7d9cd1' } },
  { selector: 'node.goal', style: { 'border-width': 3, 'border-color': INK, 'font-weight': 'bold' } },
  {
    selector: 'node.derivation',
    style: {
      shape: 'ellipse',
      height: 22,
      'font-style': 'italic',
      'background-color': '#eceff3',
      'border-color': '#9aa3b2',
      color: '#3d4657',
    },
  },
  {
    selector: 'node.message',
    style: { shape: 'rectangle', 'background-color': '#ffe7bf', 'border-color': '#b26a00' },
  },
  {
    selector: 'node.no-crash',
    style: { shape: 'cut-rectangle', 'background-color': '#eeeeee', 'border-color': '#777777' },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'curve-style': 'straight',
      'line-color': '#9aa3b2',
      'target-arrow-shape': 'triangle',
      'target-arrow-color': '#9aa3b2',
      'arrow-scale': 0.8,
    },
  },
  // What a notin rests on: not used by the firing, so drawn apart (dashed, purple, labelled).
  {
    selector: 'edge.notin',
    style: {
      'line-style': 'dashed',
      'line-color': '#7b1fa2',
      'target-arrow-color': '#7b1fa2',
      'target-arrow-shape': 'tee',
      label: 'data(label)',
      'font-size': 11,
      color: '#7b1fa2',
      ...LABEL_BOX,
    },
  },
  {
    selector: 'node.chain',
    style: {
      'background-color': '#eef4ff',
      'border-color': '#7d9cd1',
      'border-style': 'double',
      'border-width': 4,
    },
  },
  { selector: 'node.folded', style: { 'border-style': 'double', 'border-width': 3 } },
  {
    selector: 'node.tick',
    style: {
      label: 'data(label)',
      width: 1,
      height: 1,
      'background-opacity': 0,
      'border-width': 0,
      color: '#5b6577',
      'font-size': 12,
    },
  },
  { selector: 'node.relies', style: { 'border-color': '#2f5fb3', 'border-width': 3 } },
  {
    selector: 'node.cut',
    style: { 'background-color': '#ffd2c4', 'border-color': CUT, 'border-width': 2.5, color: '#7a2300' },
  },
  { selector: 'node.goal.cut', style: { 'border-width': 4 } },
  { selector: 'edge.cut', style: { 'line-color': CUT, 'target-arrow-color': CUT, width: 2.5 } },
  {
    selector: 'node:selected',
    style: { 'underlay-color': '#2f5fb3', 'underlay-opacity': 0.25, 'underlay-padding': 6 },
  },
];

export const GRAPH_STYLES: GraphStyles = { spacetime: SPACETIME, lineage: LINEAGE };
