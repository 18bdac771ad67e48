// A deliberately simple evaluator, the oracle for the semi-naive engine: per time step and stratum,
// apply every rule to every combination of tuples until nothing changes. Same semantics (SPEC §2),
// no indexes, no phases, and none of the engine's code: its own strata, network and aggregates.
import type { BodyAtom, Program, Rule, Term, Value } from '../../datalog/syntax/types.js';
import type { FailureSpec } from '../../datalog/eval/types.js';

export interface NaiveDerivation {
  readonly rule: number;
  readonly head: string;
  readonly body: readonly string[];
}

export interface NaiveResult {
  readonly tuples: Set<string>;
  readonly derivations: Set<string>;
}

export const tupleId = (relation: string, values: readonly Value[], time: number): string =>
  JSON.stringify([relation, values, time]);

/** SPEC §2.3: a message between nodes arrives unless omitted or its sender crashed at or before t. */
function networkOf(spec: FailureSpec) {
  const nodes = new Set<Value>(spec.nodes);
  const delivered = (from: string, to: string, t: number): boolean =>
    nodes.has(from) &&
    nodes.has(to) &&
    (from === to ||
      (!spec.omissions.some((o) => o.from === from && o.to === to && o.time === t) &&
        !spec.crashes.some((c) => c.node === from && c.time <= t)));
  return { nodes, delivered };
}

/**
 * The deductive rules in strata (SPEC §1): a head ranks at least as high as what it reads, and above
 * what it negates or aggregates. Rules that can never fire (a positive body relation with no facts
 * and no live rules) are left out: they derive nothing, wherever they would run.
 */
function stratify(program: Program): { strata: number[][] } {
  const live = new Set<string>(['clock', 'crash', ...program.facts.map((f) => f.atom.relation)]);
  const positives = (r: Rule) => r.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of program.rules)
      if (!live.has(r.head.relation) && positives(r).every((b) => live.has(b.atom.relation))) {
        live.add(r.head.relation);
        changed = true;
      }
  }
  const deductive = program.rules.flatMap((r, i) =>
    r.headTime === 'now' && positives(r).every((b) => live.has(b.atom.relation)) ? [i] : [],
  );
  const rank = new Map<string, number>();
  const of = (rel: string): number => rank.get(rel) ?? 0;
  for (let round = 0, changed = true; changed && round <= program.rules.length + 1; round++) {
    changed = false;
    for (const i of deductive) {
      const r = program.rules[i]!;
      const aggregate = r.head.args.some((a) => a.kind === 'aggregate');
      let need = of(r.head.relation);
      for (const b of r.body)
        if (b.kind === 'body-atom')
          need = Math.max(need, of(b.atom.relation) + (b.negated || aggregate ? 1 : 0));
      if (need > of(r.head.relation)) {
        rank.set(r.head.relation, need);
        changed = true;
      }
    }
  }
  const strata: number[][] = [];
  for (const i of deductive) (strata[of(program.rules[i]!.head.relation)] ??= []).push(i);
  return { strata: strata.filter((s) => s !== undefined) };
}

export function naiveEvaluate(program: Program, spec: FailureSpec): NaiveResult {
  const net = networkOf(spec);
  const present = new Map<string, { relation: string; values: Value[]; time: number }>();
  const derivations = new Set<string>();
  const add = (relation: string, values: Value[], time: number): boolean => {
    const id = tupleId(relation, values, time);
    if (present.has(id)) return false;
    present.set(id, { relation, values, time });
    return true;
  };
  const { strata } = stratify(program);
  const reads = (rel: string): boolean =>
    program.rules.some((r) => r.body.some((b) => b.kind === 'body-atom' && b.atom.relation === rel));
  for (let t = 1; t <= spec.eot; t++) {
    for (const f of program.facts)
      if (f.time === t)
        add(
          f.atom.relation,
          f.atom.args.map((a) => (a.kind === 'const' ? a.value : '?')),
          t,
        );
    // The engine's relations, when the program reads them (SPEC §2.4).
    if (reads('crash'))
      for (const c of spec.crashes) for (const o of spec.nodes) add('crash', [o, c.node, c.time], t);
    if (reads('clock'))
      for (const from of spec.nodes)
        for (const to of spec.nodes) if (net.delivered(from, to, t)) add('clock', [from, to, t, t + 1], t);
    for (const stratum of strata) {
      for (let changed = true; changed;) {
        changed = false;
        for (const i of stratum)
          for (const m of ruleMatches(program.rules[i]!, t, present, spec.nodes)) {
            if (typeof m.location !== 'string' || !net.nodes.has(m.location)) continue;
            derivations.add(JSON.stringify([i, tupleId(program.rules[i]!.head.relation, m.head, t), m.body]));
            if (add(program.rules[i]!.head.relation, m.head, t)) changed = true;
          }
      }
    }
    program.rules.forEach((rule, i) => {
      if (rule.headTime === 'now' || t + 1 > spec.eot) return;
      for (const m of ruleMatches(rule, t, present, spec.nodes)) {
        const from = String(m.location);
        const to = String(m.head[0]);
        const ok = rule.headTime === 'async' ? net.delivered(from, to, t) : net.nodes.has(from);
        if (!ok) continue;
        add(rule.head.relation, m.head, t + 1);
        derivations.add(JSON.stringify([i, tupleId(rule.head.relation, m.head, t + 1), m.body]));
      }
    });
  }
  return { tuples: new Set(present.keys()), derivations };
}

interface Match {
  head: Value[];
  body: string[];
  location: Value | undefined;
  env?: Map<string, Value>;
}

/**
 * The instances of a rule; for an aggregate head, one per group of the other head columns, each
 * aggregate over the group's distinct bindings.
 */
function ruleMatches(
  rule: Rule,
  t: number,
  present: Map<string, { relation: string; values: Value[]; time: number }>,
  nodes: readonly string[],
): Match[] {
  const found = matches(rule, t, present, nodes);
  if (!rule.head.args.some((a) => a.kind === 'aggregate')) return found;
  const groups = new Map<
    string,
    { first: Match; envs: Map<string, Map<string, Value>>; body: Set<string> }
  >();
  for (const m of found) {
    const key = JSON.stringify(rule.head.args.map((a, i) => (a.kind === 'aggregate' ? null : m.head[i])));
    const g = groups.get(key) ?? { first: m, envs: new Map(), body: new Set<string>() };
    groups.set(key, g);
    g.envs.set(JSON.stringify([...m.env!].sort()), m.env!);
    for (const b of m.body) g.body.add(b);
  }
  return [...groups.values()].map((g) => ({
    ...g.first,
    body: [...g.body],
    head: rule.head.args.map((a, i) =>
      a.kind === 'aggregate'
        ? fold(
            a.fn,
            [...g.envs.values()].map((e) => e.get(a.arg.name)!),
          )
        : g.first.head[i]!,
    ),
  }));
}

function fold(fn: string, values: readonly Value[]): Value {
  const nums = values.filter((v): v is number => typeof v === 'number');
  const total = nums.reduce((a, b) => a + b, 0);
  if (fn === 'count') return values.length;
  if (fn === 'sum') return total;
  if (fn === 'avg') return nums.length === 0 ? 0 : Math.trunc(total / nums.length);
  const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return fn === 'min' ? sorted[0]! : sorted[sorted.length - 1]!;
}

function matches(
  rule: Rule,
  t: number,
  present: Map<string, { relation: string; values: Value[]; time: number }>,
  nodes: readonly string[],
): Match[] {
  const out: Match[] = [];
  const atoms = rule.body.filter((b): b is BodyAtom => b.kind === 'body-atom' && !b.negated);
  const all = [...present.values()];
  const first = rule.body.find((b): b is BodyAtom => b.kind === 'body-atom');
  // Molly's clock atom: the location and an @async destination range over the nodes when unbound.
  const clockVars = [first?.atom.args[0], rule.headTime === 'async' ? rule.head.args[0] : undefined];
  const finish = (env: Map<string, Value>, body: string[]): void => {
    const unbound = clockVars.find((v) => v?.kind === 'var' && !env.has(v.name));
    if (unbound?.kind === 'var') {
      for (const n of nodes) finish(new Map(env).set(unbound.name, n), body);
      return;
    }
    if (!rule.body.every((b) => holds(b, env, t, all))) return;
    const head = rule.head.args.map((a) => (a.kind === 'aggregate' ? 0 : evalTerm(a, env)));
    if (head.some((v) => v === undefined)) return;
    const location = first ? evalTerm(first.atom.args[0]!, env) : undefined;
    out.push({ head: head as Value[], body: [...body], location, env });
  };
  const walk = (i: number, env: Map<string, Value>, body: string[]): void => {
    if (i === atoms.length) {
      finish(env, body);
      return;
    }
    const atom = atoms[i]!;
    const time = atom.time ?? t;
    if (time > t) return;
    for (const tuple of all) {
      if (tuple.relation !== atom.atom.relation || tuple.time !== time) continue;
      const next = unify(atom.atom.args, tuple.values, env);
      if (next) walk(i + 1, next, [...body, tupleId(tuple.relation, tuple.values, tuple.time)]);
    }
  };
  walk(0, new Map(), []);
  return out;
}

function unify(
  terms: readonly Term[],
  values: readonly Value[],
  env: Map<string, Value>,
): Map<string, Value> | null {
  const next = new Map(env);
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i]!;
    const v = values[i]!;
    if (term.kind === 'wildcard') continue;
    if (term.kind === 'var') {
      const had = next.get(term.name);
      if (had !== undefined && had !== v) return null;
      next.set(term.name, v);
    } else if (term.kind === 'const' && term.value !== v) return null;
  }
  return next;
}

function holds(
  item: Rule['body'][number],
  env: Map<string, Value>,
  t: number,
  all: { relation: string; values: Value[]; time: number }[],
): boolean {
  if (item.kind === 'compare') {
    const l = evalTerm(item.left, env);
    const r = evalTerm(item.right, env);
    if (l === undefined || r === undefined) return false;
    switch (item.op) {
      case '==':
        return l === r;
      case '!=':
        return l !== r;
      case '<':
        return typeof l === typeof r && l < r;
      case '>':
        return typeof l === typeof r && l > r;
      case '<=':
        return typeof l === typeof r && l <= r;
      case '>=':
        return typeof l === typeof r && l >= r;
    }
  }
  if (!item.negated) return true;
  const time = item.time ?? t;
  if (time > t) return true; // `@k` reads nothing before step k (docs/semantics.md)
  return !all.some(
    (tu) =>
      tu.relation === item.atom.relation &&
      tu.time === time &&
      unify(item.atom.args, tu.values, env) !== null,
  );
}

function evalTerm(t: Term, env: Map<string, Value>): Value | undefined {
  switch (t.kind) {
    case 'const':
      return t.value;
    case 'var':
      return env.get(t.name);
    case 'binary': {
      const l = evalTerm(t.left, env);
      const r = evalTerm(t.right, env);
      if (typeof l !== 'number' || typeof r !== 'number') return undefined;
      if (t.op === '/') return r === 0 ? undefined : Math.trunc(l / r);
      return t.op === '+' ? l + r : t.op === '-' ? l - r : l * r;
    }
    default:
      return undefined;
  }
}
