// A lesson of course/ as data (its lesson.json) and the job it runs. No engine here: the page imports
// this, the worker and the course test import exercise.ts.
import { joinPath } from '../../index.js';
import type { Job } from './engine.js';

/** course/NN-name/lesson.json */
export interface LessonSpec {
  readonly title: string;
  /** Relative to the lesson's folder; the first is the program the student edits. */
  readonly files: readonly string[];
  readonly nodes: readonly string[];
  readonly eot: number;
  readonly eff: number;
  readonly crashes: number;
  readonly exercise: Exercise;
  readonly hints: readonly string[];
}

export type Exercise =
  | {
      /** The edited program must be tolerant at the lesson's bounds, and not vacuously. */
      readonly kind: 'tolerant';
      readonly task: string;
      /** Also: the failure-free run sends no message at this time step or later. */
      readonly quietFrom?: number;
    }
  | {
      /** A fault set of exactly `size` faults must break the lesson's own (unedited) program. */
      readonly kind: 'faults';
      readonly task: string;
      readonly size: number;
      /** The fault set must crash this node. */
      readonly crash?: string;
    };

/** The job of a lesson, with `program` standing in for its first file. */
export function lessonJob(
  dir: string,
  lesson: LessonSpec,
  files: Readonly<Record<string, string>>,
  program?: string,
): Job {
  const entries = lesson.files.map((f) => joinPath(dir, f));
  const edited = program === undefined ? files : { ...files, [entries[0]!]: program };
  return {
    files: edited,
    entries,
    nodes: lesson.nodes,
    eot: lesson.eot,
    eff: lesson.eff,
    crashes: lesson.crashes,
  };
}
