// Files from disk for `load`: the CLI's and the library's Node loader (the core only sees a SourceLoader).
import { readFileSync } from 'node:fs';
import type { SourceLoader } from '../../datalog/load.js';

/** Reads files (UTF-8) relative to the working directory; a file that cannot be read is null (E002). */
export const fileLoader: SourceLoader = {
  read(path: string): string | null {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return null;
    }
  },
};
