// The `ldfi eval` command that reruns one execution exactly: the program files as the user gave them,
// the nodes and EOT, and the faults (the only inputs an evaluation has).
import { sortCrashes, sortOmissions } from '../datalog/eval/faults.js';
import type { FailureSpec } from '../datalog/eval/types.js';

export function replayCommand(files: readonly string[], spec: FailureSpec): string {
  const words = [
    'ldfi',
    'eval',
    ...files.map(shellWord),
    '-N',
    shellWord(spec.nodes.join(',')),
    '-t',
    String(spec.eot),
    ...sortCrashes(spec.crashes).flatMap((c) => ['--crash', shellWord(`${c.node},${c.time}`)]),
    ...sortOmissions(spec.omissions).flatMap((o) => ['--omit', shellWord(`${o.from},${o.to},${o.time}`)]),
  ];
  return words.join(' ');
}

/** A word a POSIX shell reads back unchanged: bare when safe, else single-quoted. */
function shellWord(s: string): string {
  return /^[A-Za-z0-9_./,:=@+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
