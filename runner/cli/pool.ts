// `--jobs N`: N threads run LDFI's hypotheses, the search's own thread and N − 1 worker threads
// (runner/search.ts RunPool). The workers run queued hypotheses ahead of the search; the search
// runs the hypothesis it needs when no worker has started it, and while a worker has, runs here
// one queued after it. It takes outcomes in its own order, so verdicts, execution counts and report
// bytes are those of the sequential search whatever N is.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Program } from '../../datalog/syntax/types.js';
import type { FaultSet } from '../../datalog/eval/types.js';
import type { ExecutionSettings, RunOutcome } from '../execute.js';
import { faultKey } from '../../datalog/eval/faults.js';
import type { RunPool } from '../search.js';
import { explorationKey, symmetryClasses, type Prospect } from '../strategies.js';
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
/**
 * Jobs a worker holds at once: the one it runs and one more, so it never waits for the search's
 * thread to hand it work (that thread may be busy with a run of its own).
 */
const DEPTH = 2;

/** Where the runs of a search went (for benchmarks). */
export interface PoolStats {
  /** Hypotheses the worker threads ran. */
  readonly ran: number;
  /** Hypotheses the search's thread ran ahead, while a worker ran the one it needed. */
  readonly ranHere: number;
  /** Outcomes computed ahead that the search never took (work wasted). */
  readonly unused: number;
}

export interface ThreadPool extends RunPool {
  stats(): PoolStats;
  close(): Promise<void>;
}

interface Slot {
  readonly worker: Worker;
  /** Keys of the jobs it holds, in the order it runs them. */
  readonly jobs: string[];
  /** How much of the seen-log it was sent. */
  told: number;
}

/**
 * A pool where `jobs` threads run hypotheses: this one and `jobs − 1` workers; null when `jobs` < 2
 * or the worker script is not built.
 */
export function threadPool(program: Program, settings: ExecutionSettings, jobs: number): ThreadPool | null {
  const script = new URL('./worker.js', import.meta.url);
  if (jobs < 2 || !existsSync(fileURLToPath(script))) return null;
  /** Every key the search reported seen, in order; each thread is sent what it was not told yet. */
  const seenLog: string[] = [];
  const seenKeys = new Set<string>();
  const keyOf = explorationKey(symmetryClasses(program, settings.space.nodes, settings.symmetry));
  let pending: { key: string; faults: FaultSet; wantRecord: boolean }[] = [];
  /** Keys of hypotheses a worker holds or ran, or this thread claimed, whose outcome is not taken. */
  const started = new Set<string>();
  /** Outcomes by fault key; null: the search must run it itself (over its budget in a thread). */
  const done = new Map<string, RunOutcome | null>();
  let failure: Error | null = null;
  let waiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const ids = new Map<number, string>();
  let nextId = 0;
  const counts = { ran: 0, ranHere: 0, unused: 0 };

  const wake = (): void => {
    const ws = waiters;
    waiters = [];
    for (const w of ws) {
      if (failure) w.reject(failure);
      else w.resolve();
    }
  };
  const finish = (key: string, outcome: RunOutcome | null): void => {
    done.set(key, outcome);
    if (done.size <= MAX_DONE) return;
    const oldest = done.keys().next().value!;
    done.delete(oldest);
    started.delete(oldest);
    counts.unused++;
  };
  const workers: Slot[] = [];
  /** The workers start with the first request: a search over before that never pays for them. */
  const start = (): void => {
    for (let i = 1; i < jobs; i++) {
      const slot: Slot = {
        worker: new Worker(script, { workerData: { program, settings } }),
        jobs: [],
        told: 0,
      };
      slot.worker.on('message', (r: Reply) => receive(slot, r));
      slot.worker.on('error', (e) => {
        failure = e;
        wake();
      });
      workers.push(slot);
    }
  };
  const dispatch = (): void => {
    if (workers.length === 0) start();
    for (const slot of workers)
      while (slot.jobs.length < DEPTH) {
        const job = pending.shift();
        if (!job) return;
        const id = nextId++;
        counts.ran++;
        ids.set(id, job.key);
        slot.jobs.push(job.key);
        const seen = seenLog.slice(slot.told);
        slot.told = seenLog.length;
        slot.worker.postMessage({ id, faults: job.faults, wantRecord: job.wantRecord, seen });
      }
  };
  const receive = (slot: Slot, r: Reply): void => {
    const key = ids.get(r.id)!;
    ids.delete(r.id);
    slot.jobs.splice(slot.jobs.indexOf(key), 1);
    if ('error' in r) failure = new Error(`a search worker failed: ${r.error}`);
    else finish(key, 'local' in r ? null : fromWire(r.outcome));
    dispatch();
    wake();
  };

  return {
    size: jobs - 1,
    stats: () => ({ ...counts, unused: counts.unused + done.size }),
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
      for (const key of keys) seenKeys.add(key);
    },
    take(faults) {
      const key = faultKey(faults);
      const outcome = done.get(key);
      if (outcome !== undefined) {
        done.delete(key);
        started.delete(key);
        return outcome;
      }
      // Not started (or only requested): this thread runs it, no worker will.
      if (!started.has(key) || pending.some((p) => p.key === key)) {
        pending = pending.filter((p) => p.key !== key);
        started.delete(key);
        return null;
      }
      return undefined;
    },
    claim() {
      const job = pending.shift();
      if (!job) return null;
      counts.ranHere++;
      return job.faults;
    },
    put(faults, outcome) {
      // Settled now, as a worker's: a run kept waiting (its evaluation, lineage, explainer memo)
      // outlives a young-generation collection, and promoting it doubled the collector's work.
      finish(faultKey(faults), outcome && fromWire(toWire(outcome, (f) => seenKeys.has(keyOf(f)))));
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

/**
 * The outcome as plain data, proposals listed and scored now. The search scores only proposals it
 * has not seen when it takes the outcome; those `seen` already will be seen then, so they go
 * unscored (null).
 */
export function toWire(outcome: RunOutcome, seen: (f: FaultSet) => boolean): WireOutcome {
  const proposals = outcome.proposals
    ? outcome.proposals().map((p) => ({ faults: p.faults, prospect: seen(p.faults) ? null : p.prospect() }))
    : null;
  return { ...outcome, proposals, proof: outcome.proof?.() ?? null };
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
