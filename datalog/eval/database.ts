// The tuples of one run: interned values, one table of tuples, and per-(relation, time) instances
// with lazily built hash indexes. Tuple ids are dense and assigned in insertion order, which the
// evaluator makes deterministic.
import type { Value } from '../syntax/types.js';
import type { Tuple, TupleId } from './types.js';

/** Interns constants so tuples are arrays of small integers; strings and integers never collide. */
export class ValueTable {
  private readonly strings = new Map<string, number>();
  private readonly numbers = new Map<number, number>();
  readonly values: Value[] = [];

  intern(v: Value): number {
    const map: Map<Value, number> = typeof v === 'string' ? this.strings : this.numbers;
    let id = map.get(v);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(v);
      map.set(v, id);
    }
    return id;
  }

  /** The id of `v`, or -1 when it never occurred (so no tuple can contain it). */
  find(v: Value): number {
    return (typeof v === 'string' ? this.strings.get(v) : this.numbers.get(v)) ?? -1;
  }

  value(id: number): Value {
    return this.values[id]!;
  }
}

/**
 * The tuples of one relation at one time step. `rows` is in insertion order; semi-naive evaluation
 * reads it by position: [0, stableEnd) is stable, [stableEnd, recentEnd) recent, the rest to-add.
 */
export class RelationInstance {
  readonly rows: TupleId[] = [];
  stableEnd = 0;
  recentEnd = 0;
  private readonly byKey = new Map<string, TupleId>();
  /** mask id → key of the masked columns → positions in `rows`, ascending. */
  private readonly indexes = new Map<string, { mask: ColumnMask; index: Map<string, number[]> }>();

  constructor(private readonly db: Database) {}

  get(key: string): TupleId | undefined {
    return this.byKey.get(key);
  }

  add(key: string, id: TupleId): void {
    const pos = this.rows.length;
    this.rows.push(id);
    this.byKey.set(key, id);
    for (const { mask, index } of this.indexes.values()) {
      const k = maskKey(this.db.args(id), mask);
      const list = index.get(k);
      if (list) list.push(pos);
      else index.set(k, [pos]);
    }
  }

  /** Positions in `rows` of the tuples whose masked columns equal `key` (built on first use). */
  lookup(mask: ColumnMask, key: string): readonly number[] | undefined {
    let index = this.indexes.get(mask.id)?.index;
    if (!index) {
      index = new Map();
      this.rows.forEach((id, pos) => {
        const k = maskKey(this.db.args(id), mask);
        const list = index!.get(k);
        if (list) list.push(pos);
        else index!.set(k, [pos]);
      });
      this.indexes.set(mask.id, { mask, index });
    }
    return index.get(key);
  }
}

/**
 * The columns an index is keyed on, ascending, and a name for the index. A list, not a bit mask:
 * relations may have any number of columns.
 */
export interface ColumnMask {
  readonly id: string;
  readonly columns: readonly number[];
}

export function columnMask(columns: readonly number[]): ColumnMask {
  return { id: columns.join(','), columns };
}

export function maskKey(args: readonly number[], mask: ColumnMask): string {
  let key = '';
  for (const c of mask.columns) key += args[c] + ',';
  return key;
}

export function tupleKey(args: readonly number[]): string {
  return args.join(',');
}

/**
 * A finished run's tuples, read-only: what everything outside evaluation (lineage, judging, the
 * runner, the report) gets. Only the evaluator inserts.
 */
export interface Tuples {
  readonly size: number;
  relations(): readonly string[];
  relationName(rel: number): string;
  /** The id of a relation the run names, or -1 (then no tuple is of it). */
  relationIdOf(name: string): number;
  /** The tuple `relation(values…)` at `time`, if it holds. */
  find(relation: string, values: readonly Value[], time: number): TupleId | undefined;
  /** The tuples at `time` matching `pattern` (`null` columns match anything). */
  matching(relation: string, pattern: readonly (Value | null)[], time: number): readonly TupleId[];
  /** The id of a value the run interned, or -1 (then no tuple contains it). */
  valueId(v: Value): number;
  /**
   * `matching` on interned ids: relation id `rel` (-1: none), `pattern` value ids with -1 for an
   * open column; an id the run never interned matches nothing. Same tuples, same order.
   */
  matchingIds(rel: number, pattern: readonly number[], time: number): readonly TupleId[];
  /** `find` on interned ids, as `matchingIds` takes them (no open column). */
  findIds(rel: number, ids: readonly number[], time: number): TupleId | undefined;
  relationAt(relation: string, time: number): readonly TupleId[];
  tuple(id: TupleId): Tuple;
  rel(id: TupleId): number;
  time(id: TupleId): number;
  args(id: TupleId): readonly number[];
  value(id: number): Value;
}

/** Every tuple of a run, across all time steps. */
export class Database implements Tuples {
  readonly values = new ValueTable();
  private readonly relationNames: string[] = [];
  private readonly relationIds = new Map<string, number>();
  private readonly tupleRel: number[] = [];
  private readonly tupleTime: number[] = [];
  private readonly tupleArgs: (readonly number[])[] = [];
  /** relation id → time → instance */
  private readonly instances: Map<number, RelationInstance>[] = [];
  /** Column masks by id, so a lookup by pattern does not rebuild one. */
  private readonly masks = new Map<string, ColumnMask>();

  /** An empty database naming relations and values as `template` does, so plans compiled against it hold. */
  static withSymbolsOf(template: Database): Database {
    const db = new Database();
    for (const name of template.relationNames) db.relationId(name);
    for (const v of template.values.values) db.values.intern(v);
    return db;
  }

  relationId(name: string): number {
    let id = this.relationIds.get(name);
    if (id === undefined) {
      id = this.relationNames.length;
      this.relationNames.push(name);
      this.relationIds.set(name, id);
      this.instances.push(new Map());
    }
    return id;
  }

  relationIdOf(name: string): number {
    return this.relationIds.get(name) ?? -1;
  }

  relationName(rel: number): string {
    return this.relationNames[rel]!;
  }

  relations(): readonly string[] {
    return this.relationNames;
  }

  instance(rel: number, time: number): RelationInstance {
    const byTime = this.instances[rel]!;
    let inst = byTime.get(time);
    if (!inst) {
      inst = new RelationInstance(this);
      byTime.set(time, inst);
    }
    return inst;
  }

  /** The instance if it exists (reading must not create empty instances for every probe). */
  peek(rel: number, time: number): RelationInstance | undefined {
    return this.instances[rel]?.get(time);
  }

  /** Insert (or find) a tuple; returns its id and whether it is new. */
  insert(rel: number, time: number, args: readonly number[]): { id: TupleId; fresh: boolean } {
    const inst = this.instance(rel, time);
    const key = tupleKey(args);
    const existing = inst.get(key);
    if (existing !== undefined) return { id: existing, fresh: false };
    const id = this.tupleArgs.length;
    this.tupleRel.push(rel);
    this.tupleTime.push(time);
    this.tupleArgs.push(args);
    inst.add(key, id);
    return { id, fresh: true };
  }

  find(relation: string, values: readonly Value[], time: number): TupleId | undefined {
    return this.findIds(
      this.relationIdOf(relation),
      values.map((v) => this.values.find(v)),
      time,
    );
  }

  /** Tuples of `relation` at `time` matching `pattern` (null = any value), through the indexes. */
  matching(relation: string, pattern: readonly (Value | null)[], time: number): readonly TupleId[] {
    const ids: number[] = [];
    for (const v of pattern) {
      const id = v === null || v === undefined ? -1 : this.values.find(v);
      if (id < 0 && v !== null && v !== undefined) return [];
      ids.push(id);
    }
    return this.matchingIds(this.relationIdOf(relation), ids, time);
  }

  valueId(v: Value): number {
    return this.values.find(v);
  }

  matchingIds(rel: number, pattern: readonly number[], time: number): readonly TupleId[] {
    const inst = rel < 0 ? undefined : this.peek(rel, time);
    if (!inst || inst.rows.length === 0) return [];
    const interned = this.values.values.length;
    let maskId = '';
    let key = '';
    let bound = 0;
    for (let i = 0; i < pattern.length; i++) {
      const id = pattern[i]!;
      if (id < 0) continue;
      if (id >= interned) return [];
      maskId += bound++ === 0 ? `${i}` : `,${i}`;
      key += id + ',';
    }
    if (bound === 0) return inst.rows;
    if (bound === pattern.length) {
      const id = inst.get(key.slice(0, -1));
      return id === undefined ? [] : [id];
    }
    let mask = this.masks.get(maskId);
    if (!mask) this.masks.set(maskId, (mask = columnMask(pattern.flatMap((id, c) => (id < 0 ? [] : [c])))));
    return (inst.lookup(mask, key) ?? []).map((pos) => inst.rows[pos]!);
  }

  findIds(rel: number, ids: readonly number[], time: number): TupleId | undefined {
    const interned = this.values.values.length;
    if (rel < 0 || ids.some((id) => id < 0 || id >= interned)) return undefined;
    return this.peek(rel, time)?.get(tupleKey(ids));
  }

  get size(): number {
    return this.tupleArgs.length;
  }

  args(id: TupleId): readonly number[] {
    return this.tupleArgs[id]!;
  }

  rel(id: TupleId): number {
    return this.tupleRel[id]!;
  }

  time(id: TupleId): number {
    return this.tupleTime[id]!;
  }

  tuple(id: TupleId): Tuple {
    return {
      relation: this.relationNames[this.tupleRel[id]!]!,
      values: this.tupleArgs[id]!.map((v) => this.values.value(v)),
      time: this.tupleTime[id]!,
    };
  }

  /** Tuple ids of `relation` at `time`, in insertion order. */
  value(id: number): Value {
    return this.values.value(id);
  }

  relationAt(relation: string, time: number): readonly TupleId[] {
    const rel = this.relationIds.get(relation);
    if (rel === undefined) return [];
    return this.peek(rel, time)?.rows ?? [];
  }
}
