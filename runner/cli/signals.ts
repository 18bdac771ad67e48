// Ctrl-C (SIGINT) and kill (SIGTERM) during a search: the first one asks the search to stop, so the
// report of what ran is written and the summary says inconclusive; a second one ends the process at
// once (exit 128 + the signal's number).
export type SignalName = 'SIGINT' | 'SIGTERM';

export interface SignalWatch {
  /** The first signal received, or null. */
  received(): SignalName | null;
  stop(): void;
}

export function watchSignals(): SignalWatch {
  let first: SignalName | null = null;
  const on = (signal: SignalName): void => {
    if (first !== null) process.exit(signal === 'SIGTERM' ? 143 : 130);
    first = signal;
  };
  const onInt = (): void => on('SIGINT');
  const onTerm = (): void => on('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return {
    received: () => first,
    stop: () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    },
  };
}
