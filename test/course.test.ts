// Every lesson of course/: its exercise passes with the teacher's solution (course/solutions/) and
// fails with the starting program, judged by the same check the playground runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FaultSet } from '../playground/src/engine.js';
import { checkFaultExercise, checkProgramExercise } from '../playground/src/exercise.js';
import { lessonJob, type LessonSpec } from '../playground/src/lesson.js';

const ROOT = join(import.meta.dirname, '..');
const COURSE = join(ROOT, 'course');

/** Every .ded file of course/ and examples/, keyed by its repository-relative path. */
function allFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ded')) files[relative(ROOT, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(join(ROOT, 'examples'));
  walk(COURSE);
  return files;
}

const files = allFiles();
const lessons = readdirSync(COURSE)
  .filter((name) => /^\d\d-/.test(name))
  .sort()
  .map((name) => ({
    name,
    dir: `course/${name}`,
    spec: JSON.parse(readFileSync(join(COURSE, name, 'lesson.json'), 'utf8')) as LessonSpec,
  }));

describe('the course', () => {
  it('has at least ten lessons, each with a page, hints and a solution kept apart', () => {
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    for (const { name, spec } of lessons) {
      expect(existsSync(join(COURSE, name, 'README.md')), name).toBe(true);
      expect(spec.hints.length, name).toBeGreaterThan(0);
      const solution = spec.exercise.kind === 'faults' ? `${name}.json` : `${name}.ded`;
      expect(existsSync(join(COURSE, 'solutions', solution)), solution).toBe(true);
      for (const f of spec.files) expect(files[relPath(name, f)], f).toBeDefined();
    }
  });

  for (const { name, dir, spec } of lessons) {
    const exercise = spec.exercise;
    if (exercise.kind === 'tolerant') {
      it(`${name}: the solution passes, the starting program does not`, async () => {
        const solution = readFileSync(join(COURSE, 'solutions', `${name}.ded`), 'utf8');
        const passed = await checkProgramExercise(exercise, lessonJob(dir, spec, files, solution));
        expect(passed, passed.because).toMatchObject({ passed: true });
        const start = await checkProgramExercise(exercise, lessonJob(dir, spec, files));
        expect(start, start.because).toMatchObject({ passed: false });
      });
    } else {
      it(`${name}: the solution's faults break it, no faults do not`, () => {
        const faults = JSON.parse(
          readFileSync(join(COURSE, 'solutions', `${name}.json`), 'utf8'),
        ) as FaultSet;
        const job = lessonJob(dir, spec, files);
        const passed = checkFaultExercise(exercise, job, faults);
        expect(passed, passed.because).toMatchObject({ passed: true });
        expect(checkFaultExercise(exercise, job, { crashes: [], omissions: [] }).passed).toBe(false);
      });
    }
  }
});

function relPath(lesson: string, file: string): string {
  return relative(ROOT, join(COURSE, lesson, file));
}
