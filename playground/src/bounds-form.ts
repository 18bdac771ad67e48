// The bounds and budget fields: read as the engine wants them, filled from a lesson or a link.
import { byId } from '../../viz/client/dom.js';
import type { Lesson } from './course.js';
import type { Bounds } from './url.js';

const SCRATCH_BOUNDS: Bounds = { nodes: 'a,b,c', eot: 4, eff: 2, crashes: 0, maxRuns: null, timeout: null };

const form = (): HTMLFormElement => byId('bounds') as HTMLFormElement;
const field = (name: string): HTMLInputElement => form().elements.namedItem(name) as HTMLInputElement;

export function readBounds(): Bounds {
  const num = (name: string): number | null => (field(name).value === '' ? null : Number(field(name).value));
  return {
    nodes: field('nodes').value,
    eot: num('eot') ?? 0,
    eff: num('eff') ?? 0,
    crashes: num('crashes') ?? 0,
    maxRuns: num('maxRuns'),
    timeout: num('timeout'),
  };
}

export function setBounds(b: Partial<Bounds>): void {
  for (const [key, value] of Object.entries(b)) field(key).value = value === null ? '' : String(value);
}

export function onBoundsInput(listener: () => void): void {
  form().addEventListener('input', listener);
}

/** `a, b ,c` → `['a', 'b', 'c']` */
export function nodeList(b: Bounds): string[] {
  return b.nodes
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
}

/** A lesson's bounds, or the free program's. */
export function lessonBounds(l: Lesson | null): Bounds {
  if (!l) return SCRATCH_BOUNDS;
  const s = l.spec;
  return {
    nodes: s.nodes.join(','),
    eot: s.eot,
    eff: s.eff,
    crashes: s.crashes,
    maxRuns: null,
    timeout: null,
  };
}

/** The fields that differ from `defaults`: what a link needs to carry. */
export function changedBounds(b: Bounds, defaults: Bounds): Partial<Bounds> {
  return Object.fromEntries(
    Object.entries(b).filter(([k, v]) => v !== defaults[k as keyof Bounds]),
  ) as Partial<Bounds>;
}
