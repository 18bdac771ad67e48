// Budgets that stop a run from inside: evaluation checks them once per fixpoint round (and per time
// step), so a rule that derives forever (`n(N, X + 1) :- n(N, X);`) ends with a message, not with
// the machine's memory. The clock and interrupts are injected: the core reads no clock itself.

/** Most tuples one run may derive by default: well past the examples' largest runs (Paxos at 4 nodes derives about 60,000), well under a gigabyte. */
export const DEFAULT_MAX_TUPLES = 500_000;

export type StopReason = 'timeout' | 'interrupted';

export interface Budget {
  /** Most tuples (and most derivations) one run may record (default DEFAULT_MAX_TUPLES). */
  readonly maxTuples?: number;
  /** Asked once per fixpoint round: a reason to stop now, or null to go on. */
  readonly check?: () => StopReason | null;
}

/** A run stopped by its budget: `reason` says which, the message what to raise. */
export class BudgetExceeded extends Error {
  constructor(
    readonly reason: StopReason | 'tuples',
    message: string,
  ) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}

/** Counts a run's tuples and derivations against its budget. */
export class BudgetGuard {
  private readonly maxTuples: number;

  constructor(private readonly budget: Budget = {}) {
    this.maxTuples = budget.maxTuples ?? DEFAULT_MAX_TUPLES;
  }

  /** Cheap enough for every insert: memory can never run out between two rounds. */
  count(tuples: number, derivations: number, t: number): void {
    if (tuples <= this.maxTuples && derivations <= this.maxTuples) return;
    const what = tuples > this.maxTuples ? 'tuples' : 'derivations';
    throw new BudgetExceeded(
      'tuples',
      `one run recorded more than ${this.maxTuples.toLocaleString('en-US')} ${what} (by time step ${t}); a rule may derive without end (like n(X + 1) :- n(X)), or the run is genuinely large: raise --max-tuples, or lower --eot`,
    );
  }

  /** Once per fixpoint round and per time step. */
  round(): void {
    const reason = this.budget.check?.() ?? null;
    if (reason === 'timeout') throw new BudgetExceeded(reason, 'the --timeout ran out during a run');
    if (reason === 'interrupted') throw new BudgetExceeded(reason, 'interrupted');
  }
}
