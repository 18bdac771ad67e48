// Proven runs (on by default; `--no-prune-proven` turns it off): hypotheses not run because an
// earlier good run proves their run good (solver/proof.ts).
//
// Sound: a pruned hypothesis H contains a good run R's effective faults and misses a support of each
// of R's goals, so by the lemma the whole search rests on, the run of H keeps the spec. No violating
// run is ever pruned.
//
// Complete as the search without it: LDFI reaches a counterexample G step by step, from an explored
// hypothesis whose faults G contains to one of its proposals that G contains, the lemma guaranteeing
// there is one. A pruned H is explored without running it: R's proof stands for H's own lineage (any
// G ⊇ H contains R's faults, so a violating G cuts one of R's goals) and the search queues H ∪ M for
// each M minimal among the sets that, added to H, cut one of R's goals (`virtualProposals`). Each is
// strictly larger than H, so the step never goes back, and from H the walk toward G goes on as from
// a run. Those proposals are mostly proven again or known: Paxos 7/6/1 prunes about 27,000
// hypotheses this way and runs about 700, against about 2,100 runs without pruning.
// (Dropping H's proposals instead, and leaving G to R's own, was measured first: about as few runs,
// but R may have fewer faults than H, so that step went back, and nothing showed the walk could not
// cycle.) The generated-program test (test/verdict-property.test.ts) runs with it on and off.
import type { FaultSet } from '../datalog/eval/types.js';
import { canonicalFaults, crashKey, omissionKey } from '../datalog/eval/faults.js';
import { faultIndex, provesGood, type Proof } from '../solver/index.js';

/** Proofs of the good runs so far, found by the faults they need. */
export class ProvenRuns {
  /** By one fault of the proof's run (its first, canonical), '' for a run with no faults. */
  private readonly byFault = new Map<string, ProvenRun[]>();

  /** The proof of the good run `iteration`. */
  add(proof: Proof, iteration: number): void {
    const [first] = faultKeys(proof.faults);
    const key = first ?? '';
    let bucket = this.byFault.get(key);
    if (!bucket) this.byFault.set(key, (bucket = []));
    bucket.push({ proof, iteration });
  }

  /** A proof that `h`'s run keeps the spec, with the run it comes from, if one is known. */
  proofOf(h: FaultSet): ProvenRun | null {
    const index = faultIndex(h);
    for (const key of ['', ...faultKeys(h)])
      for (const known of this.byFault.get(key) ?? []) if (provesGood(known.proof, index)) return known;
    return null;
  }
}

export interface ProvenRun {
  readonly proof: Proof;
  /** The good run whose lineage it is. */
  readonly iteration: number;
}

/** A key per fault, crashes first, each list in the fault model's order. */
function faultKeys(f: FaultSet): string[] {
  const { crashes, omissions } = canonicalFaults(f);
  return [
    ...crashes.map((c) => crashKey(c.node, c.time)),
    ...omissions.map((o) => omissionKey(o.from, o.to, o.time)),
  ];
}
