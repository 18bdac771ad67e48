// Step through a search: run 0, its spacetime diagram and lineage, the fault sets it proposed and what
// each cuts; then the next run, and so on to the counterexample or to "tolerant". Drawn with the
// report's own view models and drawing code.
import type { ReportView } from '../../viz/model/report.js';
import type { WhyNotText } from './engine.js';
import type { RunView } from '../../viz/model/types.js';
import { byId, el } from '../../viz/client/dom.js';
import { drawLineage } from '../../viz/client/lineage.js';
import { renderProposals, showRelying } from '../../viz/client/run-pane.js';
import { drawSpacetime } from '../../viz/client/spacetime.js';

export class Rounds {
  private view: ReportView | null = null;
  private whyNot: Readonly<Record<number, readonly WhyNotText[]>> = {};
  private index = 0;

  constructor() {
    byId('prev').addEventListener('click', () => this.go(this.index - 1));
    byId('next').addEventListener('click', () => this.go(this.index + 1));
  }

  /** Shows a finished search from its first run. */
  show(view: ReportView, whyNot: Readonly<Record<number, readonly WhyNotText[]>> = {}): void {
    this.view = view;
    this.whyNot = whyNot;
    byId('rounds').hidden = view.runs.length === 0;
    this.go(0);
  }

  clear(): void {
    this.view = null;
    byId('rounds').hidden = true;
  }

  /** The run LDFI ended on: its counterexample, else the last run. */
  last(): void {
    if (!this.view) return;
    const target = this.view.runs.findIndex((r) => r.iteration === this.view!.summary.counterexample);
    this.go(target >= 0 ? target : this.view.runs.length - 1);
  }

  private go(index: number): void {
    const view = this.view;
    if (!view || index < 0 || index >= view.runs.length) return;
    this.index = index;
    const run = view.runs[index]!;
    const total = view.summary.executions;
    byId('round-title').textContent =
      `${run.title} (run ${index + 1} of ${view.runs.length}${view.runs.length < total ? ` kept of ${total}` : ''})`;
    (byId('prev') as HTMLButtonElement).disabled = index === 0;
    (byId('next') as HTMLButtonElement).disabled = index === view.runs.length - 1;
    byId('round-story').textContent = story(view, run, index);
    showWhyNot(this.whyNot[run.iteration] ?? []);
    const drawing = drawLineage(run.lineage, byId('lineage'), {
      rules: view.summary.program.rules,
      name: `run-${run.iteration}-lineage`,
    });
    drawSpacetime(run, byId('spacetime'), (arrow) => showRelying(run.lineage, arrow, drawing));
    renderProposals(run.lineage, drawing, view.summary.rows, (iteration) => this.goToIteration(iteration));
  }

  private goToIteration(iteration: number): void {
    const index = this.view?.runs.findIndex((r) => r.iteration === iteration) ?? -1;
    if (index >= 0) this.go(index);
  }
}

/** A failing run's why-not explanation, in the words of `ldfi check --explain`. */
function showWhyNot(texts: readonly WhyNotText[]): void {
  byId('why-not').hidden = texts.length === 0;
  byId('why-not-body').replaceChildren(
    ...texts.flatMap((t) => [el('h4', 'mono', t.violation), el('pre', 'why', t.lines.join('\n'))]),
  );
}

/** One sentence on where this run stands in the search. */
function story(view: ReportView, run: RunView, index: number): string {
  const row = view.summary.rows.find((r) => r.iteration === run.iteration);
  const from =
    row?.parent === null || row?.parent === undefined
      ? ''
      : ` It tries a fault set run ${row.parent}'s lineage proposed.`;
  const start =
    index === 0 && run.iteration === 0 ? 'The failure-free run: no faults.' : `Run ${run.iteration}.${from}`;
  if (row?.status === 'failure')
    return `${start} The spec is violated: ${row.violations.join('; ')}. This is the counterexample.`;
  const isLast = index === view.runs.length - 1;
  const end =
    isLast && view.summary.verdict === 'tolerant'
      ? ' No fault set is left to try: tolerant within the bounds.'
      : isLast && view.summary.verdict === 'inconclusive'
        ? ' The budget ran out here.'
        : ' The spec holds; its lineage says which faults to try next.';
  return start + end;
}
