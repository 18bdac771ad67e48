// Predict, then check: the student picks faults on the failure-free run's spacetime diagram (an arrow
// to lose it, a node's dot to crash it from then on), runs exactly those, and compares with LDFI.
import type { Core } from 'cytoscape';
import { drawSpacetime } from '../../viz/client/spacetime.js';
import { byId } from '../../viz/client/dom.js';
import type { RunView } from '../../viz/model/types.js';
import { describeFaults } from '../../index.js';
import type { FaultSet } from './engine.js';

// Picked faults are drawn as the report draws the faults of a run: a lost message, a crashed node.
const LOST = 'lost omission';
const CRASHED = 'crash-here crashed';

export class Predict {
  private crashes = new Map<string, number>();
  private omissions = new Map<string, { from: string; to: string; time: number }>();
  private eff = 0;
  private cy: Core | null = null;
  private arrowIds = new Map<string, string>();

  constructor(private readonly onChange: (faults: FaultSet) => void) {
    byId('clear-picked').addEventListener('click', () => {
      this.crashes.clear();
      this.omissions.clear();
      this.cy?.elements().removeClass(`${LOST} ${CRASHED}`);
      this.changed();
    });
  }

  /** Draws the failure-free run to pick faults on; keeps picks that still make sense. */
  show(run: RunView, eff: number): void {
    this.eff = eff;
    byId('predict').hidden = false;
    const arrows = run.spacetime.arrows;
    const cy = drawSpacetime(run, byId('predict-spacetime'), (arrow) =>
      this.toggleOmission(arrow.from, arrow.to, arrow.sendTime),
    );
    this.cy = cy;
    for (const [key, o] of this.omissions) {
      const arrow = arrows.find((a) => a.from === o.from && a.to === o.to && a.sendTime === o.time);
      if (arrow) cy.getElementById(arrow.id).addClass(LOST);
      else this.omissions.delete(key);
    }
    this.arrowIds = new Map(arrows.map((a) => [`${a.from}>${a.to}@${a.sendTime}`, a.id]));
    cy.on('tap', 'node.event', (event) => {
      this.toggleCrash(String(event.target.data('node')), Number(event.target.data('time')));
    });
    this.markCrashes();
    this.changed();
  }

  hide(): void {
    byId('predict').hidden = true;
  }

  get faults(): FaultSet {
    return {
      crashes: [...this.crashes].map(([node, time]) => ({ node, time })),
      omissions: [...this.omissions.values()],
    };
  }

  private toggleOmission(from: string, to: string, time: number): void {
    const key = `${from}>${to}@${time}`;
    const edge = this.cy!.getElementById(this.arrowIds.get(key) ?? '');
    if (this.omissions.delete(key)) edge.removeClass(LOST);
    else if (time >= this.eff) {
      byId('predict-result').textContent =
        `Messages sent at or after EFF (${this.eff}) are never lost: ${from}→${to} at ${time} cannot be.`;
      return;
    } else {
      this.omissions.set(key, { from, to, time });
      edge.addClass(LOST);
    }
    this.changed();
  }

  private toggleCrash(node: string, time: number): void {
    if (this.crashes.get(node) === time) this.crashes.delete(node);
    else this.crashes.set(node, time);
    this.markCrashes();
    this.changed();
  }

  /** A crashed node's dots from its crash time on. */
  private markCrashes(): void {
    const cy = this.cy;
    if (!cy) return;
    cy.nodes('.event').forEach((n) => {
      const at = this.crashes.get(String(n.data('node')));
      const time = Number(n.data('time'));
      n.toggleClass('crash-here', at !== undefined && time === at);
      n.toggleClass('crashed', at !== undefined && time >= at);
    });
  }

  private changed(): void {
    byId('picked').textContent = faultWords(this.faults);
    this.onChange(this.faults);
  }
}

/** The faults in the fault model's one notation: `a crashed@2, a→b@1 lost`, or `no faults`. */
export function faultWords(faults: FaultSet): string {
  return describeFaults(faults);
}
