// Messages between the page and the engine's Web Worker. Plain, structured-clonable data only.
import type { ReportView } from '../../viz/model/report.js';
import type { FaultSet, Job, Marker, Progress, WhyNotText } from './engine.js';
import type { Verdict } from './exercise.js';
import type { Exercise } from './lesson.js';

export type Request =
  /** Stop request `id` (a search or an exercise check) within about one execution. */
  | { readonly kind: 'abort'; readonly id: number }
  | { readonly kind: 'diagnose'; readonly id: number; readonly job: Job }
  | {
      readonly kind: 'search';
      readonly id: number;
      readonly job: Job;
      readonly maxRuns?: number;
      readonly timeoutMs?: number;
    }
  | { readonly kind: 'faults'; readonly id: number; readonly job: Job; readonly faults: FaultSet }
  | {
      readonly kind: 'exercise';
      readonly id: number;
      readonly job: Job;
      readonly exercise: Exercise;
      readonly faults: FaultSet;
    };

/** A finished search or run: the report's own view models, plus what the summary line needs. */
export interface Outcome {
  readonly view: ReportView;
  readonly vacuous: boolean;
  /** Warnings the CLI would print (errors stop before this). */
  readonly warnings: readonly Marker[];
  /** For each failing run kept, by iteration: why each violated `post` is missing, as `ldfi check --explain` prints it. */
  readonly whyNot: Readonly<Record<number, readonly WhyNotText[]>>;
}

export type Response =
  | { readonly kind: 'markers'; readonly id: number; readonly markers: readonly Marker[] }
  | { readonly kind: 'progress'; readonly id: number; readonly progress: Progress }
  | { readonly kind: 'outcome'; readonly id: number; readonly outcome: Outcome }
  | { readonly kind: 'verdict'; readonly id: number; readonly verdict: Verdict }
  | { readonly kind: 'failed'; readonly id: number; readonly markers: readonly Marker[] }
  | { readonly kind: 'stopped'; readonly id: number };
