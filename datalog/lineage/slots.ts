// Rules as the absence explainer (negation.ts) runs them, compiled once per program: each rule's
// variables numbered into slots, so a binding is an array of interned value ids (OPEN where unbound)
// instead of a map from names, and everything about a rule that does not depend on the run (which
// relations can grow, which aggregates a gain cannot hurt, which way a reader wants an aggregate to
// move) worked out once. Pure functions of the syntax tree.
import type {
  Aggregate,
  ArithOp,
  BodyAtom,
  Comparison,
  Program,
  Rule,
  Term,
  Value,
} from '../syntax/types.js';
import { crashTimeMatters, directionFor, gainDirection, growable, type Direction } from './patterns.js';

/** An unbound slot, or an open column of a pattern. */
export const OPEN = -1;

/** A term over slots: constants index `ExplainedProgram.constants`; wildcards and aggregates are open. */
export type SlotTerm =
  | { readonly kind: 'var'; readonly slot: number }
  | { readonly kind: 'const'; readonly index: number }
  | { readonly kind: 'binary'; readonly op: ArithOp; readonly left: SlotTerm; readonly right: SlotTerm }
  | { readonly kind: 'open' };

export interface SlotAtom {
  readonly source: BodyAtom;
  readonly relation: string;
  /** Index of `relation` in `ExplainedProgram.relations`. */
  readonly relationKey: number;
  /** This atom's number in the program (names the asker in question keys). */
  readonly id: number;
  readonly time: number | null;
  readonly args: readonly SlotTerm[];
  /** `directionFor`, for positive atoms: which way the reading rule wants an aggregate column to move. */
  readonly wanted: Direction;
  /** A `crash` atom that cares when its node crashed (patterns.ts `crashTimeMatters`). */
  readonly crashTimeMatters: boolean;
}

export interface SlotComparison {
  readonly op: Comparison['op'];
  readonly left: SlotTerm;
  readonly right: SlotTerm;
}

export interface SlotRule {
  readonly rule: Rule;
  readonly index: number;
  readonly slots: number;
  readonly head: readonly SlotTerm[];
  readonly headKey: number;
  readonly aggregate: Aggregate | undefined;
  /** The slot of the aggregated variable (-1 without an aggregate). */
  readonly aggregateSlot: number;
  readonly positives: readonly SlotAtom[];
  /** The `notin` atoms, in body order. */
  readonly negated: readonly SlotAtom[];
  readonly comparisons: readonly SlotComparison[];
}

export interface ExplainedProgram {
  readonly rules: readonly SlotRule[];
  readonly rulesByHead: ReadonlyMap<string, readonly SlotRule[]>;
  /** Every relation the program names, so question keys carry a number for it. */
  readonly relations: ReadonlyMap<string, number>;
  readonly constants: readonly Value[];
  /** Relations that can gain a tuple when faults are added (see `growable`). */
  readonly canGrow: ReadonlySet<string>;
  /** Aggregate relations whose every reader accepts the values a new input moves them to. */
  readonly gainHarmless: ReadonlySet<string>;
}

const compiled = new WeakMap<Program, ExplainedProgram>();

/** The program compiled for the explainer; computed once per program object (so once per search). */
export function explainedProgram(program: Program): ExplainedProgram {
  let out = compiled.get(program);
  if (!out) compiled.set(program, (out = compileProgram(program)));
  return out;
}

function compileProgram(program: Program): ExplainedProgram {
  const relations = new Map<string, number>();
  const relationKey = (name: string): number => {
    let key = relations.get(name);
    if (key === undefined) relations.set(name, (key = relations.size));
    return key;
  };
  const constants: Value[] = [];
  const constIndex = new Map<Value, number>();
  const byHead = new Map<string, Rule[]>();
  for (const r of program.rules) {
    const list = byHead.get(r.head.relation);
    if (list) list.push(r);
    else byHead.set(r.head.relation, [r]);
  }
  let atoms = 0;
  const rules = program.rules.map((rule, index): SlotRule => {
    const slots = new Map<string, number>();
    const term = (t: Term): SlotTerm => {
      switch (t.kind) {
        case 'var': {
          let slot = slots.get(t.name);
          if (slot === undefined) slots.set(t.name, (slot = slots.size));
          return { kind: 'var', slot };
        }
        case 'const': {
          let i = constIndex.get(t.value);
          if (i === undefined) constIndex.set(t.value, (i = constants.push(t.value) - 1));
          return { kind: 'const', index: i };
        }
        case 'binary':
          return { kind: 'binary', op: t.op, left: term(t.left), right: term(t.right) };
        default:
          return { kind: 'open' };
      }
    };
    const atom = (b: BodyAtom): SlotAtom => ({
      source: b,
      relation: b.atom.relation,
      relationKey: relationKey(b.atom.relation),
      id: atoms++,
      time: b.time,
      args: b.atom.args.map(term),
      wanted: b.negated ? null : directionFor(byHead, rule, b),
      crashTimeMatters: crashTimeMatters(rule, b),
    });
    const head = rule.head.args.map(term);
    const body = rule.body.map((b) => (b.kind === 'body-atom' ? atom(b) : null));
    const aggregate = rule.head.args.find((t): t is Aggregate => t.kind === 'aggregate');
    return {
      rule,
      index,
      slots: slots.size,
      head,
      headKey: relationKey(rule.head.relation),
      aggregate,
      aggregateSlot: aggregate ? (slots.get(aggregate.arg.name) ?? -1) : -1,
      positives: body.filter((a): a is SlotAtom => a !== null && !a.source.negated),
      negated: body.filter((a): a is SlotAtom => a !== null && a.source.negated),
      comparisons: rule.body.flatMap((b) =>
        b.kind === 'compare' ? [{ op: b.op, left: term(b.left), right: term(b.right) }] : [],
      ),
    };
  });
  const rulesByHead = new Map<string, SlotRule[]>();
  for (const r of rules) {
    const list = rulesByHead.get(r.rule.head.relation);
    if (list) list.push(r);
    else rulesByHead.set(r.rule.head.relation, [r]);
  }
  const canGrow = growable(program.rules);
  return {
    rules,
    rulesByHead,
    relations,
    constants,
    canGrow,
    gainHarmless: harmlessGains(rules, rulesByHead),
  };
}

/**
 * Aggregate relations a new input cannot hurt: every rule defining them moves the value the same
 * way on a gain, every reader accepts values moving that way (`wanted`), none negates them, and
 * they are not `pre` or `post` (whose tuples are compared as they are).
 */
function harmlessGains(
  rules: readonly SlotRule[],
  rulesByHead: ReadonlyMap<string, readonly SlotRule[]>,
): Set<string> {
  const out = new Set<string>();
  for (const [relation, defs] of rulesByHead) {
    if (relation === 'pre' || relation === 'post') continue;
    const gains = new Set(defs.map((r) => (r.aggregate ? gainDirection(r.aggregate.fn) : null)));
    const gain = gains.size === 1 ? [...gains][0]! : null;
    if (gain === null) continue;
    const readers = rules.flatMap((r) =>
      [...r.positives, ...r.negated].filter((a) => a.relation === relation),
    );
    if (readers.every((a) => !a.source.negated && a.wanted === gain)) out.add(relation);
  }
  return out;
}

/**
 * Dense ids for sequences of integers (question keys, patterns), by a hash of the numbers and an
 * exact comparison: no string is built per lookup.
 */
export class SequenceIds {
  private readonly buckets = new Map<number, number[]>();
  private readonly keys: number[][] = [];

  /** The id of the first `length` numbers of `seq`, a new one (`size` grows) when first seen. */
  idOf(seq: readonly number[], length: number = seq.length): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ (seq[i]! | 0), 0x01000193);
    h = Math.imul(h ^ length, 0x01000193);
    const bucket = this.buckets.get(h);
    if (bucket)
      for (const id of bucket) {
        const k = this.keys[id]!;
        if (k.length !== length) continue;
        let i = 0;
        while (i < length && k[i] === seq[i]) i++;
        if (i === length) return id;
      }
    const id = this.keys.push(seq.slice(0, length)) - 1;
    if (bucket) bucket.push(id);
    else this.buckets.set(h, [id]);
    return id;
  }
}
