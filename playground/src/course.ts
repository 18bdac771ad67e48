// The course and the example protocols, bundled at build time (no fetch at run time). Solutions are
// not bundled: they are for teachers, in course/solutions/.
import type { LessonSpec } from './lesson.js';

export interface Lesson {
  /** `03-retry` */
  readonly id: string;
  /** `course/03-retry` */
  readonly dir: string;
  readonly spec: LessonSpec;
  /** The lesson's page, Markdown. */
  readonly text: string;
}

const specs = import.meta.glob<LessonSpec>('../../course/[0-9]*/lesson.json', {
  eager: true,
  import: 'default',
});
const pages = import.meta.glob<string>('../../course/[0-9]*/README.md', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const sources = import.meta.glob<string>(['../../examples/**/*.ded', '../../course/[0-9]*/*.ded'], {
  eager: true,
  query: '?raw',
  import: 'default',
});
const index = import.meta.glob<string>('../../course/README.md', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const repoPath = (key: string): string => key.replace(/^(\.\.\/)+/, '');

/** Every bundled program file, by repository path (`examples/delivery/group.ded`). */
export const FILES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(sources).map(([key, text]) => [repoPath(key), text]),
);

export const LESSONS: readonly Lesson[] = Object.entries(specs)
  .map(([key, spec]) => {
    const dir = repoPath(key).replace(/\/lesson\.json$/, '');
    return {
      id: dir.slice('course/'.length),
      dir,
      spec,
      text: pages[key.replace(/lesson\.json$/, 'README.md')] ?? '',
    };
  })
  .sort((a, b) => a.id.localeCompare(b.id));

export const COURSE_INDEX: string = Object.values(index)[0] ?? '';
