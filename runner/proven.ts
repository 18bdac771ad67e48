// `--prune-proven`: hypotheses not run because an earlier good run proves their run good
// (solver/proof.ts). Off by default, and why.
//
// What is sound: a pruned hypothesis H contains a good run R's effective faults and misses a support
// of each of R's goals, so by the lemma the whole search rests on, the run of H keeps the spec. No
// violating run is ever pruned.
//
// What is not proven: that the search stays complete. LDFI reaches a counterexample G step by step:
// from a good run whose faults G contains, to one of its proposals that G contains, and so on, each
// run with more of G's faults. Pruning H drops H's own proposals; G ⊇ H still contains R's faults and
// cuts one of R's goals, so it extends one of R's proposals, which the search did queue. But R may
// have fewer faults than the run that proposed H (in practice it always has: a sibling or an older
// run), so that step goes back, not forward, and no measure we know shows that such steps cannot
// cycle. The generated-program test (test/property) passes with this pruning on; until an argument
// exists it stays a flag, with its figures in the note and `npm run bench`.
import type { FaultSet } from '../datalog/eval/types.js';
import { canonicalFaults, crashKey, omissionKey } from '../datalog/eval/faults.js';
import { faultIndex, provesGood, type Proof } from '../solver/index.js';

/** Proofs of the good runs so far, found by the faults they need. */
export class ProvenRuns {
  /** By one fault of the proof's run (its first, canonical), '' for a run with no faults. */
  private readonly byFault = new Map<string, Proof[]>();

  add(proof: Proof): void {
    const [first] = faultKeys(proof.faults);
    const key = first ?? '';
    let bucket = this.byFault.get(key);
    if (!bucket) this.byFault.set(key, (bucket = []));
    bucket.push(proof);
  }

  /** A proof that `h`'s run keeps the spec, if one is known. */
  proves(h: FaultSet): boolean {
    const index = faultIndex(h);
    for (const key of ['', ...faultKeys(h)])
      for (const proof of this.byFault.get(key) ?? []) if (provesGood(proof, index)) return true;
    return false;
  }
}

/** A key per fault, crashes first, each list in the fault model's order. */
function faultKeys(f: FaultSet): string[] {
  const { crashes, omissions } = canonicalFaults(f);
  return [
    ...crashes.map((c) => crashKey(c.node, c.time)),
    ...omissions.map((o) => omissionKey(o.from, o.to, o.time)),
  ];
}
