// The engine's thread: every search and run happens here, so the page never freezes. The page stops a
// search by terminating this worker (the only stop that interrupts a run mid-evaluation).
import { reportView } from '../../viz/model/report.js';
import {
  diagnose,
  isVacuous,
  JobError,
  runWithFaults,
  search,
  type Job,
  type SearchReport,
} from './engine.js';
import { checkFaultExercise, checkProgramExercise } from './exercise.js';
import type { Request, Response } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}
const scope = self as unknown as WorkerScope;

/** Progress at most this often: a fast search runs thousands of executions a second. */
const PROGRESS_EVERY_MS = 100;

scope.onmessage = (event) => {
  const request = event.data;
  try {
    scope.postMessage(handle(request));
  } catch (e) {
    if (!(e instanceof JobError)) throw e;
    scope.postMessage({ kind: 'failed', id: request.id, markers: e.markers });
  }
};

function handle(request: Request): Response {
  const { id, job } = request;
  switch (request.kind) {
    case 'diagnose':
      return { kind: 'markers', id, markers: diagnose(job) };
    case 'search': {
      let last = -Infinity;
      const report = search(job, {
        ...(request.maxRuns !== undefined ? { maxRuns: request.maxRuns } : {}),
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        now: () => performance.now(),
        onProgress: (progress) => {
          const t = performance.now();
          if (t - last < PROGRESS_EVERY_MS) return;
          last = t;
          scope.postMessage({ kind: 'progress', id, progress });
        },
      });
      return { kind: 'outcome', id, outcome: outcome(job, report) };
    }
    case 'faults':
      return { kind: 'outcome', id, outcome: outcome(job, runWithFaults(job, request.faults)) };
    case 'exercise': {
      const verdict =
        request.exercise.kind === 'tolerant'
          ? checkProgramExercise(request.exercise, job, { now: () => performance.now() })
          : checkFaultExercise(request.exercise, job, request.faults);
      return { kind: 'verdict', id, verdict };
    }
  }
}

function outcome(job: Job, report: SearchReport) {
  return {
    view: reportView(report),
    vacuous: isVacuous(report),
    warnings: diagnose(job).filter((m) => m.severity === 'warning'),
  };
}
