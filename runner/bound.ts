// The size of the failure space (SPEC §3, Molly's "combinations"), exactly, as a BigInt.
//   C(n, c) · (s^EFF)^(n−c) · (Σ_{t=1}^{EOT+1} s^min(EFF, t−1))^c,  s = 2^(n−1)
// The sum is computed in closed form (a geometric series, then EOT+1−m equal terms), so EOT = 10^12
// costs nothing; a space too large to write down is refused before any BigInt is built.
import type { Bounds as FaultBounds } from '../datalog/eval/faults.js';

/** The bounds with the number of nodes only: the size does not depend on their names. */
export type Bounds = Omit<FaultBounds, 'nodes'> & { readonly nodes: number };

/** Spaces above 2^this are refused: their size alone would be a 30,000-digit number. */
export const MAX_BOUND_BITS = 100_000;

/** Bounds whose failure space has no size ldfi can count. */
export class BoundsError extends Error {}

export function failureSpaceSize(b: Bounds): bigint {
  const { nodes, eot, eff, maxCrashes } = b;
  if (nodes === 0) return 1n;
  const bits = failureSpaceBits(b);
  if (bits > MAX_BOUND_BITS)
    throw new BoundsError(
      `the failure space has about 2^${Math.round(bits)} fault combinations (${nodes} nodes, EOT ${eot}, EFF ${eff}, ${maxCrashes} crashes), more than ldfi can count (2^${MAX_BOUND_BITS}); lower --eff, --eot or the number of nodes`,
    );
  const s = 2n ** BigInt(nodes - 1);
  const crashFree = s ** BigInt(Math.max(0, eff));
  // Σ_{t=1}^{EOT+1} s^min(EFF, t−1): the first m terms are s^0 … s^(m−1), the other EOT+1−m are s^EFF.
  const m = Math.max(0, Math.min(eff, eot + 1));
  const geometric = s === 1n ? BigInt(m) : (s ** BigInt(m) - 1n) / (s - 1n);
  const crashProne = geometric + BigInt(eot + 1 - m) * crashFree;
  return (
    binomial(nodes, maxCrashes) * crashFree ** BigInt(nodes - maxCrashes) * crashProne ** BigInt(maxCrashes)
  );
}

/** log2 of the size, from above (within a few bits), without building it. */
export function failureSpaceBits({ nodes, eot, eff, maxCrashes }: Bounds): number {
  if (nodes === 0) return 0;
  const logS = nodes - 1;
  const logEff = logS * Math.max(0, eff);
  const logChoose = Math.min(nodes, maxCrashes * Math.log2(Math.max(2, nodes)));
  return logChoose + logEff * (nodes - maxCrashes) + maxCrashes * (logEff + Math.log2(eot + 2));
}

function binomial(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}

/** A failure space's size for people: 4,096 up to seven digits, then 4.81e11. */
export function formatBound(bound: string): string {
  if (bound.length <= 7) return bound.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${bound[0]}.${bound.slice(1, 3)}e${bound.length - 1}`;
}
