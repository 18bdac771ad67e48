// Fixed-width sets of small integers (fault element ids) as 32-bit words: the support families'
// hyperedges are unions and subset tests of these, millions of times on large lineages.

export type Bitset = Uint32Array;

export function emptyBitset(words: number): Bitset {
  return new Uint32Array(words);
}

export function bitsetOf(words: number, members: readonly number[]): Bitset {
  const set = new Uint32Array(words);
  for (const m of members) set[m >>> 5]! |= 1 << (m & 31);
  return set;
}

export function union(a: Bitset, b: Bitset): Bitset {
  const result = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) result[i] = a[i]! | b[i]!;
  return result;
}

export function isSubset(a: Bitset, b: Bitset): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i]! & ~b[i]!) !== 0) return false;
  return true;
}

export function size(a: Bitset): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) {
    let w = a[i]!;
    while (w !== 0) {
      w &= w - 1;
      count++;
    }
  }
  return count;
}

/** A total order on sets of equal width, by their words. */
export function compareBitsets(a: Bitset, b: Bitset): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

export function members(a: Bitset): number[] {
  const result: number[] = [];
  for (let i = 0; i < a.length; i++) {
    for (let bit = 0; bit < 32; bit++) if ((a[i]! >>> bit) & 1) result.push(i * 32 + bit);
  }
  return result;
}
