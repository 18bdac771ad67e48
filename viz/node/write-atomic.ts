// Files written whole or not at all, so an interrupted write (Ctrl-C, a full disk) never truncates a
// report the user already had.
import { closeSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';

/** Writes `text` to `path` whole or not at all: a temporary file beside it, then a rename. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w');
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (e) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created.
    }
    throw e;
  }
}
