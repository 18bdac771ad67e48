// Where each arrow of the spacetime diagram shows its label: on the arrow, clear of every label
// already placed (heads, time ticks, earlier arrows), trying the middle first, then points towards
// either end. An arrow whose every spot collides shows its label on hover instead: at 1× with five
// nodes, overlapping text is worse than none.
import type { Point, SpacetimeArrow, SpacetimeView } from './types.js';

/** Box of a label drawn at 11 px (the page's font) with its background padding, as Chromium renders it. */
export function labelBox(label: string, at: Point): Box {
  const w = label.length * 6.4 + 8;
  const h = 22;
  return { x1: at.x - w / 2, x2: at.x + w / 2, y1: at.y - h / 2, y2: at.y + h / 2 };
}

export interface Box {
  readonly x1: number;
  readonly x2: number;
  readonly y1: number;
  readonly y2: number;
}

const SPOTS = [0.5, 0.38, 0.62, 0.28, 0.72, 0.2, 0.8];
const MARGIN = 2;

const overlap = (a: Box, b: Box): boolean =>
  a.x1 < b.x2 + MARGIN && b.x1 < a.x2 + MARGIN && a.y1 < b.y2 + MARGIN && b.y1 < a.y2 + MARGIN;

export function placeLabels(
  arrows: readonly Omit<SpacetimeArrow, 'labelAt'>[],
  heads: SpacetimeView['heads'],
  ticks: SpacetimeView['ticks'],
  reserved: readonly Box[] = [],
): SpacetimeArrow[] {
  const placed: Box[] = [
    ...reserved,
    ...heads.map((h) => ({
      x1: h.position.x - 34,
      x2: h.position.x + 34,
      y1: h.position.y - 14,
      y2: h.position.y + 14,
    })),
    ...ticks.map((t) => ({
      x1: t.position.x - 30,
      x2: t.position.x + 40,
      y1: t.position.y - 9,
      y2: t.position.y + 9,
    })),
  ];
  return arrows.map((arrow) => {
    const [from, to] = arrow.points;
    for (const f of SPOTS) {
      const at = { x: from.x + (to.x - from.x) * f, y: from.y + (to.y - from.y) * f };
      const box = labelBox(arrow.label, at);
      if (placed.some((p) => overlap(p, box))) continue;
      placed.push(box);
      return { ...arrow, labelAt: at };
    }
    return { ...arrow, labelAt: null };
  });
}
