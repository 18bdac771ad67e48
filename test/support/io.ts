// The terminal of an in-process `main()`: what it printed, and optionally the signals it receives.
import type { Io } from '../../runner/cli/main.js';
import type { SignalWatch } from '../../runner/cli/signals.js';

export function capture(signals?: () => SignalWatch): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    isTTY: false,
    columns: 100,
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    ...(signals ? { signals } : {}),
  };
  return io;
}
