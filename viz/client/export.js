// @ts-check
// Exports of a diagram as drawn: PNG through cytoscape's own exporter, SVG written here from the
// elements' positions and computed styles (cytoscape has no SVG exporter, and the extensions that
// add one are unmaintained), so a slide gets vector text and lines with no Graphviz.
/* global document, URL, Blob */

/** @typedef {import('cytoscape').Core} Core */

/**
 * @param {Blob} blob
 * @param {string} name
 */
function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * @param {Core} cy
 * @param {string} name
 */
export function downloadPng(cy, name) {
  const blob = /** @type {Blob} */ (
    /** @type {unknown} */ (cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }))
  );
  download(blob, `${name}.png`);
}

/**
 * @param {Core} cy
 * @param {string} name
 */
export function downloadSvg(cy, name) {
  download(new Blob([graphSvg(cy)], { type: 'image/svg+xml' }), `${name}.svg`);
}

/** @param {string} text */
const xml = (text) =>
  text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
/** @param {number} n */
const num = (n) => String(Math.round(n * 10) / 10);

/**
 * The visible elements as one SVG document, in model coordinates.
 * @param {Core} cy
 */
export function graphSvg(cy) {
  const box = cy.elements(':visible').boundingBox({});
  const pad = 16;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${num(box.x1 - pad)} ${num(box.y1 - pad)} ${num(box.w + 2 * pad)} ${num(box.h + 2 * pad)}" width="${num(box.w + 2 * pad)}" height="${num(box.h + 2 * pad)}" font-family="system-ui, sans-serif">`,
    `<rect x="${num(box.x1 - pad)}" y="${num(box.y1 - pad)}" width="${num(box.w + 2 * pad)}" height="${num(box.h + 2 * pad)}" fill="#ffffff"/>`,
  ];
  cy.edges(':visible').forEach((edge) => {
    parts.push(edgeSvg(edge));
  });
  cy.nodes(':visible').forEach((node) => {
    parts.push(nodeSvg(node));
  });
  parts.push('</svg>', '');
  return parts.join('\n');
}

/** @param {import('cytoscape').EdgeSingular} edge */
function edgeSvg(edge) {
  const s = edge.sourceEndpoint();
  const t = edge.targetEndpoint();
  const color = edge.style('line-color');
  const width = parseFloat(edge.style('width')) || 1;
  const opacity = edge.style('line-opacity');
  const dash = edge.style('line-style') === 'dashed' ? ' stroke-dasharray="6 4"' : '';
  const out = [
    `<line x1="${num(s.x)}" y1="${num(s.y)}" x2="${num(t.x)}" y2="${num(t.y)}" stroke="${color}" stroke-width="${num(width)}" stroke-opacity="${opacity}"${dash}/>`,
  ];
  const length = Math.hypot(t.x - s.x, t.y - s.y) || 1;
  const [ux, uy] = [(t.x - s.x) / length, (t.y - s.y) / length];
  const size = 4 + width * 2;
  if (edge.style('target-arrow-shape') !== 'none') {
    const [bx, by] = [t.x - ux * size, t.y - uy * size];
    out.push(
      `<polygon points="${num(t.x)},${num(t.y)} ${num(bx - uy * size * 0.6)},${num(by + ux * size * 0.6)} ${num(bx + uy * size * 0.6)},${num(by - ux * size * 0.6)}" fill="${edge.style('target-arrow-color')}"/>`,
    );
  }
  const label = String(edge.style('label') ?? '');
  if (label) {
    const mid = edge.midpoint();
    out.push(text(label, mid.x, mid.y, 'middle', edge.style('font-size'), edge.style('color'), ''));
  }
  return out.join('');
}

/** @param {import('cytoscape').NodeSingular} node */
function nodeSvg(node) {
  const p = node.position();
  const w = node.width();
  const h = node.height();
  const out = [];
  const fillOpacity = Number(node.style('background-opacity'));
  const border = parseFloat(node.style('border-width')) || 0;
  if (w > 2 && h > 2 && (fillOpacity > 0 || border > 0)) {
    const shape = String(node.style('shape'));
    const paint = `fill="${node.style('background-color')}" fill-opacity="${fillOpacity}" stroke="${node.style('border-color')}" stroke-width="${num(border)}"`;
    out.push(
      shape === 'ellipse'
        ? `<ellipse cx="${num(p.x)}" cy="${num(p.y)}" rx="${num(w / 2)}" ry="${num(h / 2)}" ${paint}/>`
        : `<rect x="${num(p.x - w / 2)}" y="${num(p.y - h / 2)}" width="${num(w)}" height="${num(h)}" rx="${shape.includes('round') ? 5 : 0}" ${paint}/>`,
    );
  }
  const label = String(node.style('label') ?? '');
  if (label) {
    const right = node.style('text-halign') === 'right';
    const x = right ? p.x + w / 2 + (parseFloat(node.style('text-margin-x')) || 0) : p.x;
    const weight = node.style('font-weight') === 'bold' ? ' font-weight="bold"' : '';
    out.push(
      text(label, x, p.y, right ? 'start' : 'middle', node.style('font-size'), node.style('color'), weight),
    );
  }
  return out.join('');
}

/**
 * @param {string} label
 * @param {number} x
 * @param {number} y
 * @param {string} anchor
 * @param {string} size
 * @param {string} color
 * @param {string} extra
 */
function text(label, x, y, anchor, size, color, extra) {
  return `<text x="${num(x)}" y="${num(y)}" text-anchor="${anchor}" dominant-baseline="central" font-size="${parseFloat(size) || 12}" fill="${color}"${extra}>${xml(label)}</text>`;
}
