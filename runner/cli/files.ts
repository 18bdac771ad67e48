// Files from disk for `load`: the CLI's and the library's Node loader (the core only sees a
// SourceLoader). A file is read only when it is safe to read: a regular text file of at most
// MAX_SOURCE_BYTES (not /dev/zero, not a FIFO that would block forever). The CLI's loader also keeps
// includes under an include root (symlinks followed): the working directory and the directories of
// the files given on the command line, or `--include-root`. A refusal names the path and why, never the content
// (`include "/proc/self/environ";` must not print the environment in an excerpt).
import { closeSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { normalize, type SourceLoader } from '../../datalog/syntax/load.js';

/** Larger files are refused: no protocol is this long, and /dev/zero is endless. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

type ReadResult = ReturnType<SourceLoader['read']>;

/** Reads regular text files relative to the working directory; a missing file is null (E002). */
export const fileLoader: SourceLoader = {
  read(path: string): ReadResult {
    const kind = fileKind(path);
    return kind === 'file' ? readBounded(path) : kind;
  },
};

/** `fileLoader`, with includes (files other than `entries`) confined to the include root. */
export function confinedFileLoader(entries: readonly string[], includeRoot: string | null): SourceLoader {
  const entryPaths = new Set(entries.map(normalize));
  const roots = [...new Set(rootsOf(entries, includeRoot).flatMap(realOrNothing))];
  return {
    read(path: string): ReadResult {
      const kind = fileKind(path);
      if (kind !== 'file') return kind;
      if (!entryPaths.has(path)) {
        const real = realpathSync(path);
        if (!roots.some((root) => isUnder(real, root))) {
          const where =
            roots.length === 1 ? `'${roots[0]}'` : `any of ${roots.map((r) => `'${r}'`).join(', ')}`;
          return {
            problem: `'${path}'${real === resolve(path) ? '' : ` (a link to '${real}')`} is outside the include root ${where}; includes read only files under it (give --include-root DIR to widen it)`,
          };
        }
      }
      return readBounded(path);
    },
  };
}

/**
 * Where includes may come from: `--include-root` when given; otherwise the working directory (so a
 * protocol may include a shared library beside its folder, as `examples/commit/3pc.ded` includes
 * `../lib/timer.ded`) and the directories of the files given. The filesystem root never counts as
 * a working directory: run from `/`, only the files' own directories do.
 */
function rootsOf(entries: readonly string[], includeRoot: string | null): string[] {
  if (includeRoot !== null) return [includeRoot];
  const cwd = process.cwd();
  return [...(dirname(cwd) === cwd ? [] : [cwd]), ...entries.map((e) => dirname(e))];
}

function realOrNothing(path: string): string[] {
  try {
    return [realpathSync(path)];
  } catch {
    return [];
  }
}

function fileKind(path: string): 'file' | null | { problem: string } {
  try {
    const stat = statSync(path);
    if (stat.isFile()) return 'file';
    const what = stat.isDirectory()
      ? 'a directory'
      : stat.isFIFO()
        ? 'a named pipe'
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? 'a device'
          : stat.isSocket()
            ? 'a socket'
            : 'not a regular file';
    return { problem: `'${path}' is ${what}, not a program file` };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { problem: `'${path}' cannot be read (${describeCode(code)})` };
  }
}

/** At most MAX_SOURCE_BYTES + 1 bytes are read, whatever the file claims its size is (/proc says 0). */
function readBounded(path: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    return { problem: `'${path}' cannot be read (${describeCode((e as NodeJS.ErrnoException).code)})` };
  }
  try {
    let buffer = Buffer.alloc(64 * 1024);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > MAX_SOURCE_BYTES) break;
        const bigger = Buffer.alloc(Math.min(MAX_SOURCE_BYTES + 1, length * 2));
        buffer.copy(bigger);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return decode(path, buffer.subarray(0, length));
  } catch (e) {
    return { problem: `'${path}' cannot be read (${describeCode((e as NodeJS.ErrnoException).code)})` };
  } finally {
    closeSync(fd);
  }
}

function decode(path: string, bytes: Buffer): ReadResult {
  if (bytes.length > MAX_SOURCE_BYTES)
    return {
      problem: `'${path}' is larger than ${MAX_SOURCE_BYTES / 1024 / 1024} MiB, too large for a program file`,
    };
  if (bytes.includes(0)) return { problem: `'${path}' is not a text file (it contains NUL bytes)` };
  return bytes.toString('utf8');
}

function isUnder(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

function describeCode(code: string | undefined): string {
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return code ?? 'unknown error';
}
