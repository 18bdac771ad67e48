// The engine's thread: every search and run happens here, so the page never freezes. A search stops
// on an `abort` request (the API's AbortSignal, seen within about one execution); the page terminates
// the worker if that takes too long.
import { reportView } from '../../viz/model/report.js';
import {
  diagnose,
  isVacuous,
  JobError,
  runWithFaults,
  search,
  type Job,
  type SearchReport,
  whyNotTexts,
} from './engine.js';
import { checkFaultExercise, checkProgramExercise } from './exercise.js';
import type { Outcome, Request, Response } from './protocol.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Response): void;
}
const scope = self as unknown as WorkerScope;

/** Progress at most this often: a fast search runs thousands of executions a second. */
const PROGRESS_EVERY_MS = 100;

/** The searches under way, by request id. */
const running = new Map<number, AbortController>();

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'abort') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  handle(request, controller.signal)
    .then(
      (response) => scope.postMessage(response),
      (e: unknown) => {
        if (e instanceof JobError) scope.postMessage({ kind: 'failed', id: request.id, markers: e.markers });
        else if (controller.signal.aborted) scope.postMessage({ kind: 'stopped', id: request.id });
        else throw e;
      },
    )
    .finally(() => running.delete(request.id));
};

async function handle(request: Exclude<Request, { kind: 'abort' }>, signal: AbortSignal): Promise<Response> {
  const { id, job } = request;
  const now = (): number => performance.now();
  switch (request.kind) {
    case 'diagnose':
      return { kind: 'markers', id, markers: diagnose(job) };
    case 'search': {
      let last = -Infinity;
      const report = await search(job, {
        ...(request.maxRuns !== undefined ? { maxRuns: request.maxRuns } : {}),
        ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
        now,
        signal,
        onProgress: (progress) => {
          const t = now();
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
          ? await checkProgramExercise(request.exercise, job, { now, signal })
          : checkFaultExercise(request.exercise, job, request.faults);
      return { kind: 'verdict', id, verdict };
    }
  }
}

function outcome(job: Job, report: SearchReport): Outcome {
  return {
    view: reportView(report),
    vacuous: isVacuous(report),
    warnings: diagnose(job).filter((m) => m.severity === 'warning'),
    whyNot: whyNotTexts(report),
  };
}
