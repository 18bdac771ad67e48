// The course's pages: the index of lessons, and a lesson with its exercise, hints and the command that
// runs the same files from a terminal.
import { byId, el } from '../../viz/client/dom.js';
import { COURSE_INDEX, LESSONS, type Lesson } from './course.js';
import { renderMarkdown } from './markdown.js';

export function showCourseIndex(): void {
  const box = byId('course-index');
  box.replaceChildren(renderMarkdown(COURSE_INDEX));
  const list = el('ol', 'lessons');
  for (const l of LESSONS) {
    const a = el('a', null, l.spec.title) as HTMLAnchorElement;
    a.href = `#lesson=${l.id}`;
    const li = el('li');
    li.append(a);
    list.append(li);
  }
  box.append(list);
}

/** Shows lesson `l` (its entry files are `entries`), or hides the lesson pane for a free program. */
export function showLesson(l: Lesson | null, entries: readonly string[]): void {
  byId('lesson').hidden = l === null;
  if (!l) return;
  byId('lesson-text').replaceChildren(renderMarkdown(l.text));
  byId('exercise-task').textContent = l.spec.exercise.task;
  byId('exercise-faults').hidden = l.spec.exercise.kind !== 'faults';
  byId('exercise-verdict').textContent = '';
  const hints = byId('hints').querySelector('ol')!;
  hints.replaceChildren(...l.spec.hints.map((h) => el('li', null, h)));
  (byId('hints') as HTMLDetailsElement).open = false;
  const s = l.spec;
  byId('cli-command').textContent =
    `npx ldfi check ${entries.join(' ')} -N ${s.nodes.join(',')} -t ${s.eot} -f ${s.eff} -c ${s.crashes}`;
}

export function fillLessonSelect(): void {
  const select = byId('lesson-select') as HTMLSelectElement;
  select.append(new Option('free program', ''));
  for (const l of LESSONS) select.append(new Option(`${l.id.slice(0, 2)}. ${l.spec.title}`, l.id));
  select.addEventListener('change', () => {
    location.hash = select.value === '' ? '' : `#lesson=${select.value}`;
  });
}
