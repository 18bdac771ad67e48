// Why is a tuple absent, and what could make it appear? (SPEC §5)
//
// An outcome that rests on `notin r(…)` is prevented if a fault makes some r tuple appear. Faults
// only remove messages (and add `crash` tuples), so a missing tuple can appear only when something
// that blocked its derivation is lost: a present tuple that a `notin` in one of its possible rules
// matched, found recursively through the positive atoms that are missing too. This over-approximates
// (it ignores which bindings could actually succeed), which keeps the search complete.
import type { Rule, Term, Value } from './ast.js';
import type { Evaluation } from './evaluate.js';
import type { NegatedAtom, TupleId } from './types.js';

/** What could make a negated atom hold: present tuples to lose, or nodes to crash. */
export interface Blockers {
  readonly tuples: readonly TupleId[];
  readonly crashes: readonly { readonly node: string; readonly time: number | null }[];
}

type Pattern = readonly (Value | null)[];

const NONE: Blockers = { tuples: [], crashes: [] };

export class AbsenceExplainer {
  private readonly memo = new Map<string, Blockers>();
  private readonly rulesByHead = new Map<string, Rule[]>();

  constructor(private readonly ev: Evaluation) {
    for (const r of ev.program.rules) {
      const list = this.rulesByHead.get(r.head.relation);
      if (list) list.push(r);
      else this.rulesByHead.set(r.head.relation, [r]);
    }
  }

  /** The blockers of a `notin` atom as a derivation checked it. */
  blockers(atom: NegatedAtom): Blockers {
    return this.explain(atom.relation, atom.values, atom.time);
  }

  private explain(relation: string, pattern: Pattern, time: number): Blockers {
    if (time < 1) return NONE;
    if (relation === 'crash') return this.crashBlockers(pattern);
    if (relation === 'clock') return NONE; // faults never add messages
    const key = `${relation}|${time}|${JSON.stringify(pattern)}`;
    const known = this.memo.get(key);
    if (known) return known;
    this.memo.set(key, NONE); // a cycle through itself adds nothing new
    const tuples = new Set<TupleId>();
    const crashes = new Map<string, { node: string; time: number | null }>();
    for (const rule of this.rulesByHead.get(relation) ?? []) {
      const evalTime = rule.headTime === 'now' ? time : time - 1;
      const bindings = unifyHead(rule, pattern);
      if (evalTime < 1 || !bindings) continue;
      for (const item of rule.body) {
        if (item.kind !== 'body-atom') continue;
        const at = item.time ?? evalTime;
        const pat = item.atom.args.map((t) => valueOf(t, bindings));
        if (item.negated) {
          if (item.atom.relation === 'crash' || item.atom.relation === 'clock') continue;
          for (const id of this.matching(item.atom.relation, pat, at)) tuples.add(id);
        } else if (this.matching(item.atom.relation, pat, at).length === 0) {
          const inner = this.explain(item.atom.relation, pat, at);
          for (const id of inner.tuples) tuples.add(id);
          for (const c of inner.crashes) crashes.set(JSON.stringify(c), c);
        }
      }
    }
    const result: Blockers = {
      tuples: [...tuples].sort((a, b) => a - b),
      crashes: [...crashes.values()],
    };
    this.memo.set(key, result);
    return result;
  }

  /** `notin crash(_, N, T)`: holds until N crashes (at T, or at any time). */
  private crashBlockers(pattern: Pattern): Blockers {
    const node = pattern[1];
    const time = pattern[2];
    const nodes = typeof node === 'string' ? [node] : node === null ? this.ev.spec.nodes : [];
    return {
      tuples: [],
      crashes: nodes.map((n) => ({ node: n, time: typeof time === 'number' ? time : null })),
    };
  }

  /** Present tuples of `relation` at `time` matching the pattern (null = any value). */
  private matching(relation: string, pattern: Pattern, time: number): readonly TupleId[] {
    const db = this.ev.db;
    const rows = db.relationAt(relation, time);
    if (rows.length === 0) return rows;
    const ids = pattern.map((v) => (v === null ? null : db.values.find(v)));
    if (ids.some((id) => id === -1)) return [];
    if (ids.every((id) => id !== null)) {
      const found = db.find(relation, pattern as Value[], time);
      return found === undefined ? [] : [found];
    }
    return rows.filter((id) => {
      const args = db.args(id);
      return ids.every((v, i) => v === null || args[i] === v);
    });
  }
}

/** Bind the rule head's variables to the pattern; null when a constant contradicts it. */
function unifyHead(rule: Rule, pattern: Pattern): Map<string, Value> | null {
  const bindings = new Map<string, Value>();
  for (let i = 0; i < rule.head.args.length; i++) {
    const want = pattern[i];
    const term = rule.head.args[i]!;
    if (want === null || want === undefined) continue;
    if (term.kind === 'const' && term.value !== want) return null;
    if (term.kind === 'var') {
      const had = bindings.get(term.name);
      if (had !== undefined && had !== want) return null;
      bindings.set(term.name, want);
    }
  }
  return bindings;
}

function valueOf(t: Term, bindings: ReadonlyMap<string, Value>): Value | null {
  if (t.kind === 'const') return t.value;
  if (t.kind === 'var') return bindings.get(t.name) ?? null;
  return null;
}

