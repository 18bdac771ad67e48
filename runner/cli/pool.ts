// `--jobs N`: a pool of worker threads that run LDFI's queued hypotheses ahead of the search
// (runner/search.ts RunPool). The search takes outcomes in its own order, so verdicts, execution
// counts and report bytes are those of the sequential search whatever N is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Program } from '../../datalog/syntax/types.js';
import type { FaultSet } from '../../datalog/eval/types.js';
import type { ExecutionSettings, RunOutcome } from '../execute.js';
import { faultKey } from '../../datalog/eval/faults.js';
import type { RunPool } from '../search.js';
import type { Prospect } from '../strategies.js';
import type { Proof } from '../../solver/index.js';

/** An outcome as a worker posts it: proposals scored already. */
export type WireOutcome = Omit<RunOutcome, 'proposals' | 'proof'> & {
  readonly proposals: readonly { faults: FaultSet; prospect: Prospect | null }[] | null;
  readonly proof: Proof | null;
};

type Reply =
  { id: number; outcome: WireOutcome } | { id: number; error: string } | { id: number; local: true };

/** Outcomes kept for hypotheses run ahead but not taken yet; the oldest go first. */
const MAX_DONE = 512;

export interface ThreadPool extends RunPool {
  /** Hypotheses the threads ran, those the search never took (work ahead wasted) included. */
  readonly ran: number;
  close(): Promise<void>;
}

/** A pool of `jobs` threads, started on first use; null when the worker script is not built. */
export function threadPool(program: Program, settings: ExecutionSettings, jobs: number): ThreadPool | null {
  const script = new URL('./worker.js', import.meta.url);
  if (jobs < 2 || !existsSync(fileURLToPath(script))) return null;
  const workers: { worker: Worker; busy: string | null; told: number }[] = [];
  /** Every key the search reported seen, in order; each thread is sent what it was not told yet. */
  const seenLog: string[] = [];
  let pending: { key: string; faults: FaultSet; wantRecord: boolean }[] = [];
  const started = new Set<string>();
  /** Outcomes by fault key; null: the search must run it itself (over its budget in a thread). */
  const done = new Map<string, RunOutcome | null>();
  let failure: Error | null = null;
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const ids = new Map<number, string>();
  let nextId = 0;
  let ran = 0;

  const wake = (): void => {
    const ws = waiters;
    waiters = [];
    for (const w of ws) {
      if (failure) w.reject(failure);
      else w.resolve();
    }
  };
  const dispatch = (): void => {
    if (workers.length === 0)
      for (let i = 0; i < jobs; i++) {
        const slot = {
          worker: new Worker(script, { workerData: { program, settings } }),
          busy: null as string | null,
          told: 0,
        };
        slot.worker.on('message', (r: Reply) => receive(slot, r));
        slot.worker.on('error', (e) => {
          failure = e;
          wake();
        });
        workers.push(slot);
      }
    for (const slot of workers) {
      if (slot.busy !== null) continue;
      const job = pending.shift();
      if (!job) return;
      const id = nextId++;
      ran++;
      ids.set(id, job.key);
      slot.busy = job.key;
      const seen = seenLog.slice(slot.told);
      slot.told = seenLog.length;
      slot.worker.postMessage({ id, faults: job.faults, wantRecord: job.wantRecord, seen });
    }
  };
  const receive = (slot: (typeof workers)[number], r: Reply): void => {
    slot.busy = null;
    const key = ids.get(r.id)!;
    ids.delete(r.id);
    if ('error' in r) failure = new Error(`a search worker failed: ${r.error}`);
    else {
      done.set(key, 'local' in r ? null : fromWire(r.outcome));
      if (done.size > MAX_DONE) {
        const oldest = done.keys().next().value!;
        done.delete(oldest);
        started.delete(oldest);
      }
    }
    dispatch();
    wake();
  };

  return {
    size: jobs,
    get ran() {
      return ran;
    },
    prefetch(hypotheses, wantRecord) {
      // Earlier requests not started yet are replaced by these.
      for (const p of pending) started.delete(p.key);
      pending = [];
      for (const faults of hypotheses) {
        const key = faultKey(faults);
        if (started.has(key)) continue;
        started.add(key);
        pending.push({ key, faults, wantRecord });
      }
      dispatch();
    },
    seen(keys) {
      seenLog.push(...keys);
    },
    take(faults) {
      const key = faultKey(faults);
      const outcome = done.get(key);
      if (outcome !== undefined) {
        done.delete(key);
        started.delete(key);
      }
      return outcome;
    },
    arrival() {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

function fromWire(w: WireOutcome): RunOutcome {
  const { proposals, proof } = w;
  return {
    ...w,
    proof: proof ? () => proof : null,
    proposals: proposals
      ? () => proposals.map((p) => ({ faults: p.faults, prospect: () => p.prospect ?? unscored() }))
      : null,
  };
}

/** A thread leaves unscored only proposals the search had seen, and the search never scores those. */
function unscored(): never {
  throw new Error('internal: a search thread left unscored a proposal the search had not seen');
}
