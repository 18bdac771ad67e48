// The output directory, made safe before the search starts: it must be (or become) a writable
// directory, and one ldfi at a time writes there (a lock file holding the writer's pid). The report's
// files are then written under temporary names and renamed, so an interrupted write leaves the
// previous report whole (viz/node/write-atomic.ts).
import { closeSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from './args.js';

const LOCK = '.ldfi.lock';

export interface OutputLock {
  readonly dir: string;
  /** Removes the lock file (idempotent; also run when the process exits). */
  release(): void;
}

/** Checks `-o`, creates it if needed and takes its lock; a UsageError (exit 2) says what is wrong. */
export function claimOutput(dir: string): OutputLock {
  const shown = JSON.stringify(dir);
  const kind = statKind(dir);
  if (kind === 'other')
    throw new UsageError(`-o ${shown} is not a directory; give a directory for the report`);
  if (kind === 'missing') makeDirectories(dir, shown);
  const lockPath = join(dir, LOCK);
  takeLock(lockPath, shown);
  let held = true;
  const release = (): void => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    try {
      unlinkSync(lockPath);
    } catch {
      // Already gone: nothing to release.
    }
  };
  process.on('exit', release);
  return { dir, release };
}

function takeLock(lockPath: string, shown: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      return;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new UsageError(`-o ${shown}: cannot write there (${reason(e)})`);
      const owner = lockOwner(lockPath);
      if (owner !== null && isAlive(owner))
        throw new UsageError(
          `-o ${shown} is being written by another ldfi (pid ${owner}); wait for it to finish, or give another -o`,
        );
      // The writer died without cleaning up: the lock is stale.
      unlinkSync(lockPath);
    }
  }
  throw new UsageError(`-o ${shown}: cannot take its lock ${LOCK}`);
}

function lockOwner(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * `mkdir -p` one level at a time: Node's recursive mkdir never returns on some paths (`/proc/nope`
 * loops forever on Linux), while a plain mkdir fails at once.
 */
function makeDirectories(dir: string, shown: string): void {
  const missing: string[] = [];
  let at = resolve(dir);
  while (statKind(at) === 'missing' && dirname(at) !== at) {
    missing.push(at);
    at = dirname(at);
  }
  if (statKind(at) === 'other') throw new UsageError(`-o ${shown}: ${at} is not a directory`);
  try {
    for (const d of missing.reverse()) mkdirSync(d);
  } catch (e) {
    throw new UsageError(`-o ${shown}: cannot create the report directory (${reason(e)})`);
  }
}

function statKind(path: string): 'missing' | 'directory' | 'other' {
  try {
    return statSync(path).isDirectory() ? 'directory' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw new UsageError(`-o ${JSON.stringify(path)}: ${reason(e)}`);
  }
}

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err.code ?? err.message;
}
