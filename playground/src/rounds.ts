// Step through a search: run 0, its spacetime diagram and lineage, the fault sets it proposed and what
// each cuts; then the next run, and so on to the counterexample or to "tolerant". Drawn with the
// report's own view models and drawing code.
import type { ReportView } from '../../viz/model/report.js';
import type { LineageView, RunView } from '../../viz/model/types.js';
import { drawLineage, drawSpacetime, markCut } from '../../viz/client/graphs.js';
import { byId, el } from '../../viz/client/dom.js';

export class Rounds {
  private view: ReportView | null = null;
  private index = 0;

  constructor() {
    byId('prev').addEventListener('click', () => this.go(this.index - 1));
    byId('next').addEventListener('click', () => this.go(this.index + 1));
  }

  /** Shows a finished search from its first run. */
  show(view: ReportView): void {
    this.view = view;
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
    drawSpacetime(run, byId('spacetime'));
    const cy = drawLineage(run.lineage, byId('lineage'), view.summary.program.rules);
    this.proposals(run.lineage, cy);
  }

  private proposals(lineage: LineageView, cy: ReturnType<typeof drawLineage>): void {
    const box = byId('proposals');
    box.replaceChildren();
    byId('proposals-hint').textContent =
      lineage.proposals.length > 0
        ? 'The fault sets this lineage proposes for the next runs (select one to see what it cuts):'
        : 'This run proposes no further fault sets.';
    const buttons: HTMLButtonElement[] = [];
    for (const proposal of lineage.proposals) {
      const target = proposal.run === null ? 'not run' : `run ${proposal.run}`;
      const button = el(
        'button',
        null,
        `${proposal.faults.join(', ') || 'no faults'} → ${target}`,
      ) as HTMLButtonElement;
      button.type = 'button';
      button.setAttribute('aria-pressed', 'false');
      button.addEventListener('click', () => {
        const pressed = button.getAttribute('aria-pressed') !== 'true';
        for (const other of buttons) other.setAttribute('aria-pressed', 'false');
        button.setAttribute('aria-pressed', String(pressed));
        markCut(cy, pressed ? proposal.cut : []);
        const cut = new Set(proposal.cut);
        const goals = lineage.goals
          .filter((g) => cut.has(g))
          .map((g) => lineage.nodes[g]?.label ?? String(g));
        const details = byId('details');
        details.replaceChildren(
          el('h3', null, `proposed: ${proposal.faults.join(', ') || 'no faults'}`),
          el(
            'p',
            null,
            `It cuts ${proposal.cut.length} of the ${lineage.nodes.length} lineage nodes (in red). ` +
              (goals.length > 0
                ? `Goals left without support: ${goals.join(', ')}.`
                : 'No goal loses all its support.'),
          ),
          el('p', null, proposal.run === null ? 'Not executed.' : `Executed as run ${proposal.run}.`),
        );
        if (proposal.run !== null) {
          const open = el('button', null, `Go to run ${proposal.run}`) as HTMLButtonElement;
          open.type = 'button';
          open.addEventListener('click', () => this.goToIteration(proposal.run!));
          details.append(open);
        }
      });
      buttons.push(button);
      box.append(button);
    }
  }

  private goToIteration(iteration: number): void {
    const index = this.view?.runs.findIndex((r) => r.iteration === iteration) ?? -1;
    if (index >= 0) this.go(index);
  }
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
