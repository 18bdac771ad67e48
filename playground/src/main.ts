// The playground page: a lesson (or a free program), the editor, the bounds, Check/Stop with a
// progress line, the verdict, the rounds of the search, predict-then-check, and the exercise's check.
import './viz-globals.js';
import './styles.css';
import { forceLinting } from '@codemirror/lint';
import { joinPath } from '../../index.js';
import { byId, el } from '../../viz/client/dom.js';
import { Engine, Failed, Stopped } from './client.js';
import { FILES, LESSONS, type Lesson } from './course.js';
import {
  changedBounds,
  lessonBounds,
  nodeList,
  onBoundsInput,
  readBounds,
  setBounds,
} from './bounds-form.js';
import { ProgramEditor } from './editor.js';
import type { Job, Marker } from './engine.js';
import { lessonJob } from './lesson.js';
import { fillLessonSelect, showCourseIndex, showLesson } from './lesson-page.js';
import type { Outcome } from './protocol.js';
import { faultWords, Predict } from './predict.js';
import { Rounds } from './rounds.js';
import { readHash, writeHash, type Bounds } from './url.js';

const SCRATCH = 'scratch.ded';
const SCRATCH_PROGRAM = `// A free program. Include any example protocol or spec by its path, e.g.
include "examples/delivery/simple.ded";
include "examples/delivery/spec.ded";
`;

/** Lints while typing; never blocked by a long search. */
const lintEngine = new Engine();
/** Searches and runs: stopped by terminating it. */
const runEngine = new Engine();

let lesson: Lesson | null = null;
let entries: string[] = [SCRATCH];
let shown = SCRATCH;
let lastOutcome: Outcome | null = null;
let busy = false;

const editor = new ProgramEditor({
  parent: byId('editor'),
  path: () => entries[0]!,
  onChange: (text) => {
    files[entries[0]!] = text;
    saveHash();
  },
  diagnose: async (text) => {
    const markers = await lintEngine.diagnose({ job: job({ [entries[0]!]: text }) });
    showMarkers(markers);
    return markers;
  },
});
let files: Record<string, string> = { ...FILES };
const rounds = new Rounds();
const predict = new Predict((faults) => {
  byId('exercise-picked').textContent = faultWords(faults);
});

function job(overrides: Record<string, string> = {}): Job {
  const b = readBounds();
  return {
    files: { ...files, ...overrides },
    entries,
    nodes: nodeList(b),
    eot: b.eot,
    eff: b.eff,
    crashes: b.crashes,
  };
}

// ---- bounds form and URL --------------------------------------------------------------------

function saveHash(): void {
  const original = lesson ? FILES[entries[0]!] : SCRATCH_PROGRAM;
  const hash = writeHash({
    lesson: lesson?.id ?? null,
    program: editor.text === original ? null : editor.text,
    bounds: changedBounds(readBounds(), lessonBounds(lesson)),
  });
  history.replaceState(null, '', hash === '#' ? location.pathname : hash);
}

onBoundsInput(() => {
  saveHash();
  forceLinting(editor.view); // node names and EOT change the location and time warnings
});

// ---- lessons ---------------------------------------------------------------------------------

function route(): void {
  const shared = readHash(location.hash);
  const courseView = location.hash === '#course';
  byId('course-index').hidden = !courseView;
  byId('workbench').hidden = courseView;
  if (courseView) {
    byId('lesson').hidden = true;
    byId('rounds').hidden = true;
    byId('predict').hidden = true;
    return showCourseIndex();
  }
  const next = LESSONS.find((l) => l.id === shared.lesson) ?? null;
  open(next, shared.program, shared.bounds);
}

function open(next: Lesson | null, program: string | null, b: Partial<Bounds>): void {
  runEngine.stop();
  lesson = next;
  files = { ...FILES };
  entries = next ? next.spec.files.map((f) => joinPath(next.dir, f)) : [SCRATCH];
  if (!next) files[SCRATCH] = SCRATCH_PROGRAM;
  if (program !== null) files[entries[0]!] = program;
  (byId('lesson-select') as HTMLSelectElement).value = next?.id ?? '';
  setBounds({ ...lessonBounds(next), ...b });
  showLesson(next, entries);
  showFile(entries[0]!);
  lastOutcome = null;
  rounds.clear();
  predict.hide();
  showVerdict('', '');
  byId('progress').textContent = '';
  if (next?.spec.exercise.kind === 'faults') void prepareFaultPicking();
}

function showFile(path: string): void {
  shown = path;
  const tabs = byId('files');
  tabs.replaceChildren(
    ...entries.map((p, i) => {
      const tab = el('button', null, i === 0 ? p : `${p} (read only)`) as HTMLButtonElement;
      tab.type = 'button';
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(p === shown));
      tab.addEventListener('click', () => showFile(p));
      return tab;
    }),
  );
  editor.show(files[path] ?? '', path !== entries[0]);
}

// ---- check, stop, verdict --------------------------------------------------------------------

function showMarkers(markers: readonly Marker[]): void {
  byId('markers').replaceChildren(
    ...markers.map((m) => {
      const li = el('li', m.severity);
      li.append(el('pre', null, m.text));
      return li;
    }),
  );
}

function setBusy(on: boolean): void {
  busy = on;
  (byId('check') as HTMLButtonElement).disabled = on;
  (byId('stop') as HTMLButtonElement).disabled = !on;
  (byId('run-picked') as HTMLButtonElement).disabled = on;
  (byId('exercise-check') as HTMLButtonElement).disabled = on;
}

async function check(): Promise<void> {
  if (busy) return;
  if (shown !== entries[0]) showFile(entries[0]!);
  const b = readBounds();
  const started = performance.now();
  showVerdict('', '');
  byId('progress').textContent = 'Checking…';
  setBusy(true);
  let executions = 0;
  try {
    const outcome = await runEngine.search(
      {
        job: job(),
        ...(b.maxRuns !== null ? { maxRuns: b.maxRuns } : {}),
        ...(b.timeout !== null ? { timeoutMs: b.timeout * 1000 } : {}),
      },
      (p) => {
        executions = p.executions;
        byId('progress').textContent =
          `${p.executions} executions, ${p.pending === Infinity ? '…' : p.pending} queued, ${(p.elapsedMs / 1000).toFixed(1)} s`;
      },
    );
    showOutcome(outcome, performance.now() - started, b.eff);
  } catch (e) {
    if (e instanceof Stopped) {
      byId('progress').textContent = `Stopped after ${executions} executions.`;
      showVerdict('Stopped: no verdict.', 'inconclusive');
    } else if (e instanceof Failed) {
      byId('progress').textContent = '';
      showMarkers(e.markers);
      const errors = e.markers.filter((m) => m.severity === 'error').length;
      showVerdict(`${errors} error${errors === 1 ? '' : 's'}; nothing was run.`, 'counterexample');
    } else throw e;
  } finally {
    setBusy(false);
  }
}

function showVerdict(text: string, className: string): void {
  const verdict = byId('verdict');
  verdict.textContent = text;
  verdict.className = className;
  delete verdict.dataset.ms;
}

/** A finished search: the verdict in the report's words, its rounds, and the run to predict on. */
function showOutcome(outcome: Outcome, ms: number, eff: number): void {
  lastOutcome = outcome;
  const s = outcome.view.summary;
  const vacuous = outcome.vacuous
    ? '. Vacuous: no pre tuple holds at the end of time in the failure-free run, so nothing was tested.'
    : '';
  showVerdict(s.headline + vacuous, outcome.vacuous ? 'vacuous' : s.verdict);
  const verdict = byId('verdict');
  // Tests and the figures in the report read the time from Check to verdict here.
  verdict.dataset.ms = String(Math.round(ms));
  verdict.scrollIntoView({ block: 'nearest' });
  byId('progress').textContent =
    `${s.executions} execution${s.executions === 1 ? '' : 's'} in ${(ms / 1000).toFixed(2)} s`;
  showMarkers(outcome.warnings);
  rounds.show(outcome.view, outcome.whyNot);
  const run0 = outcome.view.runs.find((r) => r.iteration === 0);
  if (run0) predict.show(run0, eff);
}

/** The failure-free run of a fault exercise's program, to pick faults on before any Check. */
async function prepareFaultPicking(): Promise<void> {
  try {
    const outcome = await runEngine.runFaults({ job: job(), faults: { crashes: [], omissions: [] } });
    const run0 = outcome.view.runs[0];
    if (run0) predict.show(run0, readBounds().eff);
  } catch (e) {
    if (!(e instanceof Stopped) && !(e instanceof Failed)) throw e;
  }
}

async function runPicked(): Promise<void> {
  if (busy) return;
  const result = byId('predict-result');
  const faults = predict.faults;
  setBusy(true);
  try {
    const outcome = await runEngine.runFaults({ job: job(), faults });
    const run = outcome.view.runs[0]!;
    const row = outcome.view.summary.rows[0]!;
    const yours =
      row.status === 'failure'
        ? `Your faults (${faultWords(faults)}) break it: ${row.violations.join('; ')}.`
        : `The protocol survives your faults (${faultWords(faults)}).`;
    result.textContent = `${yours} ${ldfiChoice()}`;
    result.className = row.status === 'failure' ? 'counterexample' : 'tolerant';
    rounds.show(
      {
        summary: outcome.view.summary,
        runs: [{ ...run, title: `Your run · ${row.status} · ${faultWords(faults)}` }],
      },
      outcome.whyNot,
    );
  } catch (e) {
    if (e instanceof Failed) result.textContent = e.message;
    else if (!(e instanceof Stopped)) throw e;
  } finally {
    setBusy(false);
  }
}

/** What LDFI chose, for comparison with the student's prediction. */
function ldfiChoice(): string {
  if (!lastOutcome) return 'Press Check to see what LDFI chooses.';
  const s = lastOutcome.view.summary;
  const ce = s.rows.find((r) => r.iteration === s.counterexample);
  if (!ce) return `LDFI found no counterexample within the bounds (${s.executions} executions).`;
  const faults = [...ce.crashes, ...ce.omissions];
  return `LDFI chose ${faults.length > 0 ? faults.join(', ') : 'no faults'} (run ${ce.iteration}, after ${s.executions} executions).`;
}

async function checkExercise(): Promise<void> {
  if (!lesson || busy) return;
  const out = byId('exercise-verdict');
  out.textContent = 'Checking…';
  out.className = '';
  setBusy(true);
  try {
    const exercise = lesson.spec.exercise;
    // A fault exercise is judged on the lesson's own program, whatever is in the editor.
    const j = exercise.kind === 'faults' ? lessonJob(lesson.dir, lesson.spec, FILES) : job();
    const verdict = await runEngine.exercise({ job: j, exercise, faults: predict.faults });
    out.textContent = `${verdict.passed ? 'Passed.' : 'Not passed.'} ${verdict.because}`;
    out.className = verdict.passed ? 'tolerant' : 'counterexample';
  } catch (e) {
    if (e instanceof Failed) {
      out.textContent = 'Not passed: the program has errors (see below the editor).';
      out.className = 'counterexample';
      showMarkers(e.markers);
    } else if (e instanceof Stopped) out.textContent = 'Stopped.';
    else throw e;
  } finally {
    setBusy(false);
  }
}

byId('check').addEventListener('click', () => void check());
byId('stop').addEventListener('click', () => runEngine.stop());
byId('run-picked').addEventListener('click', () => void runPicked());
byId('exercise-check').addEventListener('click', () => void checkExercise());
byId('share').addEventListener('click', () => {
  saveHash();
  void navigator.clipboard?.writeText(location.href).then(
    () => (byId('progress').textContent = 'Link copied.'),
    () => (byId('progress').textContent = 'Copy the address bar to share.'),
  );
});
document.addEventListener('keydown', (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') void check();
});
window.addEventListener('hashchange', route);

fillLessonSelect();
route();
