// A binary min-heap ordered by a key compared element by element: the hypothesis queue (runner/) and
// the ready strata (strata.ts).
export class MinHeap<T> {
  private readonly items: { key: readonly number[]; value: T }[] = [];

  get size(): number {
    return this.items.length;
  }

  push(key: readonly number[], value: T): void {
    const items = this.items;
    items.push({ key, value });
    for (let i = items.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (less(items[parent]!.key, items[i]!.key)) break;
      [items[parent], items[i]] = [items[i]!, items[parent]!];
      i = parent;
    }
  }

  /** The `k` smallest values in pop order, without popping: a best-first walk of the heap. */
  smallest(k: number): T[] {
    const out: T[] = [];
    const frontier = new MinHeap<number>();
    if (this.items.length > 0) frontier.push(this.items[0]!.key, 0);
    while (out.length < k) {
      const i = frontier.pop();
      if (i === undefined) break;
      out.push(this.items[i]!.value);
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < this.items.length) frontier.push(this.items[c]!.key, c);
    }
    return out;
  }

  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (!top || !last || items.length === 0) return top?.value;
    items[0] = last;
    for (let i = 0; ;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let min = i;
      if (l < items.length && less(items[l]!.key, items[min]!.key)) min = l;
      if (r < items.length && less(items[r]!.key, items[min]!.key)) min = r;
      if (min === i) break;
      [items[min], items[i]] = [items[i]!, items[min]!];
      i = min;
    }
    return top.value;
  }
}

function less(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}
