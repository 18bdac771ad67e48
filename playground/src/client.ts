// The page's side of the worker protocol: one promise per request, progress by callback, and a stop
// that asks the worker to abort and terminates it if it has not stopped soon after (a fresh worker
// then serves the next request).
import type { Marker, Progress } from './engine.js';
import type { Verdict } from './exercise.js';
import type { Outcome, Request, Response } from './protocol.js';

type Reply = Extract<Response, { kind: 'markers' | 'outcome' | 'verdict' | 'failed' }>;

/** How long an abort may take before the worker is terminated instead. */
const ABORT_GRACE_MS = 300;

export class Stopped extends Error {
  constructor() {
    super('stopped');
    this.name = 'Stopped';
  }
}

export class Failed extends Error {
  constructor(readonly markers: readonly Marker[]) {
    super(markers.map((m) => m.text).join('\n'));
    this.name = 'Failed';
  }
}

type Body<K extends Request['kind']> = Omit<Extract<Request, { kind: K }>, 'id' | 'kind'>;

export class Engine {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending = new Map<
    number,
    { resolve: (r: Reply) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void }
  >();

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Response>) => {
      const message = event.data;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      if (message.kind === 'progress') return waiting.onProgress?.(message.progress);
      this.pending.delete(message.id);
      if (message.kind === 'stopped') waiting.reject(new Stopped());
      else waiting.resolve(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.fail(new Error(`the engine failed: ${event.message}`));
    };
    this.worker = worker;
    return worker;
  }

  /** Ends whatever runs now: its promise rejects with Stopped, within ABORT_GRACE_MS. */
  stop(): void {
    const worker = this.worker;
    if (!worker || this.pending.size === 0) return;
    for (const id of this.pending.keys()) worker.postMessage({ kind: 'abort', id } satisfies Request);
    const ids = [...this.pending.keys()];
    setTimeout(() => {
      if (this.worker === worker && ids.some((id) => this.pending.has(id))) this.fail(new Stopped());
    }, ABORT_GRACE_MS);
  }

  private fail(error: Error): void {
    this.worker?.terminate();
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }

  private send(request: Request, onProgress?: (p: Progress) => void): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, ...(onProgress ? { onProgress } : {}) });
      this.start().postMessage(request);
    });
  }

  async diagnose(body: Body<'diagnose'>): Promise<readonly Marker[]> {
    const reply = await this.send({ kind: 'diagnose', id: this.nextId++, ...body });
    return reply.kind === 'markers' || reply.kind === 'failed' ? reply.markers : [];
  }

  async search(body: Body<'search'>, onProgress: (p: Progress) => void): Promise<Outcome> {
    return outcomeOf(await this.send({ kind: 'search', id: this.nextId++, ...body }, onProgress));
  }

  async runFaults(body: Body<'faults'>): Promise<Outcome> {
    return outcomeOf(await this.send({ kind: 'faults', id: this.nextId++, ...body }));
  }

  async exercise(body: Body<'exercise'>): Promise<Verdict> {
    const reply = await this.send({ kind: 'exercise', id: this.nextId++, ...body });
    if (reply.kind === 'failed') throw new Failed(reply.markers);
    if (reply.kind !== 'verdict') throw new Error(`unexpected reply ${reply.kind}`);
    return reply.verdict;
  }
}

function outcomeOf(reply: Reply): Outcome {
  if (reply.kind === 'failed') throw new Failed(reply.markers);
  if (reply.kind !== 'outcome') throw new Error(`unexpected reply ${reply.kind}`);
  return reply.outcome;
}
