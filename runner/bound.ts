// The size of the failure space (SPEC §3, Molly's "combinations"), exactly, as a BigInt.
//   C(n, c) · (s^EFF)^(n−c) · (Σ_{t=1}^{EOT+1} s^min(EFF, t−1))^c,  s = 2^(n−1)
import type { Bounds as FaultBounds } from '../datalog/faults.js';

/** The bounds with the number of nodes only: the size does not depend on their names. */
export type Bounds = Omit<FaultBounds, 'nodes'> & { readonly nodes: number };

export function failureSpaceSize({ nodes, eot, eff, maxCrashes }: Bounds): bigint {
  if (nodes === 0) return 1n;
  const s = 2n ** BigInt(nodes - 1);
  const crashFree = s ** BigInt(Math.max(0, eff));
  let crashProne = 0n;
  for (let t = 1; t <= eot + 1; t++) crashProne += s ** BigInt(Math.max(0, Math.min(eff, t - 1)));
  return (
    binomial(nodes, maxCrashes) * crashFree ** BigInt(nodes - maxCrashes) * crashProne ** BigInt(maxCrashes)
  );
}

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
