// Generated Dedalus programs for differential tests: small protocols over nodes "a" and "b" with
// facts, `@next`, `@async` (to the peer or to oneself), `notin`, aggregates read with constants and
// comparisons, `@k` reads, wildcards and `crash` reads, plus a `pre`/`post` spec. Every program is
// safe and stratified by construction (see `group`); `@next` and `@async` rules may read anything.
// A program is data (GenProgram) rendered to text under a renaming and a clause order, so the same
// program can be checked under many spellings.
import fc from 'fast-check';

export const GEN_NODES = ['a', 'b'] as const;
const RELATIONS = 5;
const VARIABLES = ['L', 'M', 'X', 'Y', 'C'] as const;

type Var = (typeof VARIABLES)[number];
export type GenArg =
  | { readonly kind: 'var'; readonly name: Var }
  | { readonly kind: 'const'; readonly value: number | string }
  | { readonly kind: 'wild' }
  | { readonly kind: 'plus1'; readonly name: Var }
  | { readonly kind: 'agg'; readonly fn: 'count' | 'sum' | 'min' | 'max'; readonly name: Var };

export interface GenAtom {
  /** 'rN', 'peer', 'crash', 'pre' or 'post'. */
  readonly rel: string;
  readonly args: readonly GenArg[];
  readonly negated?: boolean;
  readonly at?: number;
}

export interface GenCompare {
  readonly kind: 'compare';
  readonly left: Var;
  readonly op: '==' | '!=' | '<' | '>=' | '<=';
  readonly right: GenArg;
}

export type GenClause =
  | { readonly kind: 'fact'; readonly atom: GenAtom; readonly time: number }
  | {
      readonly kind: 'rule';
      readonly head: GenAtom;
      readonly when: 'now' | 'next' | 'async';
      readonly body: readonly (GenAtom | GenCompare)[];
    };

export interface GenProgram {
  readonly clauses: readonly GenClause[];
  /** The nodes it runs on: GEN_NODES, or with a third node "c" that every node peers with. */
  readonly nodes: readonly string[];
}

/** How to spell a program: relation and variable names, and the order of its clauses. */
export interface Spelling {
  readonly relation: (name: string) => string;
  readonly variable: (name: string) => string;
  readonly order: readonly number[];
}

export function plainSpelling(p: GenProgram): Spelling {
  return { relation: (r) => r, variable: (v) => v, order: p.clauses.map((_, i) => i) };
}

const v = (name: Var): GenArg => ({ kind: 'var', name });
const c = (value: number | string): GenArg => ({ kind: 'const', value });
const W: GenArg = { kind: 'wild' };
const atom = (rel: string, args: GenArg[], extra: Partial<GenAtom> = {}): GenAtom => ({
  rel,
  args,
  ...extra,
});

const small = fc.integer({ min: 1, max: 3 });

/**
 * Strata of relations within a time step: r0 | r1 r2 | r3 r4. Relations of one group may read each
 * other positively (mutual recursion); negations and aggregates read lower groups only.
 */
const group = (rank: number): number => Math.ceil(rank / 2);
const firstOf = (rank: number): number => 2 * group(rank) - 1;

/** `arb` in two cases of five, else null: most rules stay simple enough to fire. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: arb });

/** A second positive atom for a rule reading relation `rel`, or none. */
const secondArb = (max: number) =>
  sometimes(
    fc.record({
      rel: fc.integer({ min: 0, max }),
      form: fc.constantFrom('join', 'other', 'const', 'wild', 'at1', 'at2', 'crash-time', 'clock'),
      value: small,
    }),
  );

const negationArb = (max: number) =>
  sometimes(
    fc.record({
      rel: fc.integer({ min: 0, max }),
      form: fc.constantFrom(
        'same',
        'const',
        'wild',
        'location-free',
        'at1',
        'at2',
        'crash-self',
        'crash-any',
        'crash-at',
      ),
      value: small,
    }),
  );

const compareArb = sometimes(
  fc.record({
    op: fc.constantFrom('==', '!=', '<', '>=', '<=') as fc.Arbitrary<GenCompare['op']>,
    value: small,
    onY: fc.boolean(),
  }),
);

/** One rule defining relation `rank` (an ordinary relation). */
const ruleArb = (rank: number) =>
  fc
    .record({
      when: fc.constantFrom('now', 'now', 'next', 'async', 'async-self') as fc.Arbitrary<string>,
      from: fc.integer({ min: 0, max: RELATIONS - 1 }),
      second: secondArb(RELATIONS - 1),
      negation: negationArb(RELATIONS - 1),
      compare: compareArb,
      head: fc.constantFrom('same', 'same', 'plus1', 'const', 'crash-read'),
      value: small,
    })
    .map((r): GenClause => {
      const now = r.when === 'now';
      // Within a step: positive reads from ranks ≤ this one, negations from lower ranks only.
      const pos = (n: number) => (!now || group(n) <= group(rank) ? n : Math.min(n, rank));
      const body: (GenAtom | GenCompare)[] = [atom(`r${pos(r.from)}`, [v('L'), v('X')])];
      let yBound = false;
      if (r.second) {
        const rel = `r${pos(r.second.rel)}`;
        const f = r.second.form;
        if (f === 'join') body.push(atom(rel, [v('L'), v('X')]));
        else if (f === 'const') body.push(atom(rel, [v('L'), c(r.second.value)]));
        else if (f === 'wild') body.push(atom(rel, [W, v('X')]));
        else if (f === 'clock')
          // Molly's clock: holds at this step for each peer the step's message to would reach.
          body.push(atom('clock', [v('L'), v('M'), W, W]));
        else if (f === 'crash-time') {
          // When L crashed (a crash tuple holds at every step from the start, SPEC §2.3).
          body.push(atom('crash', [v('L'), v('L'), v('Y')]));
          yBound = true;
        } else {
          const at = f === 'at1' ? { at: 1 } : f === 'at2' ? { at: 2 } : {};
          body.push(atom(rel, [v('L'), v('Y')], at));
          yBound = true;
        }
      }
      if (r.head === 'crash-read') body.push(atom('crash', [v('L'), W, W]));
      if (r.negation && (!now || group(r.negation.rel) < group(rank))) {
        const rel = `r${r.negation.rel}`;
        const f = r.negation.form;
        const n = { negated: true };
        if (f === 'same') body.push(atom(rel, [v('L'), v('X')], n));
        else if (f === 'const') body.push(atom(rel, [v('L'), c(r.negation.value)], n));
        else if (f === 'wild') body.push(atom(rel, [v('L'), W], n));
        else if (f === 'location-free') body.push(atom(rel, [W, v('X')], n));
        else if (f === 'at1') body.push(atom(rel, [v('L'), v('X')], { negated: true, at: 1 }));
        else if (f === 'at2') body.push(atom(rel, [v('L'), v('X')], { negated: true, at: 2 }));
        else if (f === 'crash-self') body.push(atom('crash', [v('L'), v('L'), W], n));
        else if (f === 'crash-at') body.push(atom('crash', [v('L'), v('L'), c(r.negation.value)], n));
        else body.push(atom('crash', [W, W, W], n));
      }
      if (r.compare)
        body.push({
          kind: 'compare',
          left: 'X',
          op: r.compare.op,
          right: r.compare.onY && yBound ? v('Y') : c(r.compare.value),
        });
      const value =
        r.head === 'plus1'
          ? { kind: 'plus1' as const, name: 'X' as const }
          : r.head === 'const'
            ? c(r.value)
            : v('X');
      // `X + 1` within a step needs a bound, or recursion would count forever.
      if (now && r.head === 'plus1') body.push({ kind: 'compare', left: 'X', op: '<', right: c(3) });
      if (r.when === 'async') {
        body.push(atom('peer', [v('L'), v('M')]));
        return { kind: 'rule', head: atom(`r${rank}`, [v('M'), value]), when: 'async', body };
      }
      const when = r.when === 'async-self' ? 'async' : (r.when as 'now' | 'next');
      return { kind: 'rule', head: atom(`r${rank}`, [v('L'), value]), when, body };
    });

/** The rule of an aggregate relation: `rN(L, fn<X>) :- rM(L, X) [, notin rK(L, X)]`, M, K < N. */
const aggregateArb = (rank: number) =>
  fc
    .record({
      fn: fc.constantFrom('count', 'count', 'sum', 'min', 'max') as fc.Arbitrary<
        'count' | 'sum' | 'min' | 'max'
      >,
      from: fc.integer({ min: 0, max: firstOf(rank) - 1 }),
      negation: sometimes(fc.integer({ min: 0, max: firstOf(rank) - 1 })),
      when: fc.constantFrom('now', 'now', 'next') as fc.Arbitrary<'now' | 'next'>,
    })
    .map((r): GenClause => ({
      kind: 'rule',
      head: atom(`r${rank}`, [v('L'), { kind: 'agg', fn: r.fn, name: 'X' }]),
      when: r.when,
      body: [
        atom(`r${r.from}`, [v('L'), v('X')]),
        ...(r.negation !== null ? [atom(`r${r.negation}`, [v('L'), v('X')], { negated: true })] : []),
      ],
    }));

const factArb = fc
  .record({
    rel: fc.integer({ min: 0, max: RELATIONS - 1 }),
    node: fc.constantFrom(...GEN_NODES),
    value: small,
    time: fc.integer({ min: 1, max: 2 }),
  })
  .map((f): GenClause => ({ kind: 'fact', atom: atom(`r${f.rel}`, [c(f.node), c(f.value)]), time: f.time }));

/** A spec rule: `pre`/`post(L, X)` from a relation, with an optional negation and comparison. */
const specArb = (head: 'pre' | 'post') =>
  fc
    .record({
      // A precondition on what the protocol starts from, a postcondition on what it derives.
      from: fc.oneof(
        {
          weight: 3,
          arbitrary: head === 'pre' ? fc.constant(0) : fc.integer({ min: 2, max: RELATIONS - 1 }),
        },
        { weight: 1, arbitrary: fc.integer({ min: 0, max: RELATIONS - 1 }) },
      ),
      negation: negationArb(RELATIONS - 1),
      compare: compareArb,
    })
    .map((r): GenClause => {
      const body: (GenAtom | GenCompare)[] = [atom(`r${r.from}`, [v('L'), v('X')])];
      if (r.compare) body.push({ kind: 'compare', left: 'X', op: r.compare.op, right: c(r.compare.value) });
      if (r.negation) {
        const f = r.negation.form;
        const rel = `r${r.negation.rel}`;
        const n = { negated: true };
        if (f === 'crash-self' || f === 'crash-any') body.push(atom('crash', [v('L'), v('L'), W], n));
        else if (f === 'const' || f === 'wild')
          body.push(atom(rel, [v('L'), f === 'wild' ? W : c(r.negation.value)], n));
        else body.push(atom(rel, [v('L'), v('X')], n));
      }
      return { kind: 'rule', head: atom(head, [v('L'), v('X')]), when: 'now', body };
    });

const RANKS = Array.from({ length: RELATIONS }, (_, i) => i);

export const programArb: fc.Arbitrary<GenProgram> = fc
  .record({
    // Relation 0 is never an aggregate: something must be plain below it.
    aggregate: fc.tuple(
      ...RANKS.map((rank) =>
        rank === 0 ? fc.constant(false) : fc.integer({ min: 0, max: 2 }).map((k) => k === 0),
      ),
    ),
    plain: fc.tuple(...RANKS.map((rank) => fc.array(ruleArb(rank), { maxLength: 3 }))),
    aggregates: fc.tuple(...RANKS.map((rank) => (rank === 0 ? fc.constant(null) : aggregateArb(rank)))),
    // Most protocols keep what they learn: a relation persists with `rN(L, X)@next :- rN(L, X)`.
    persists: fc.tuple(
      ...RANKS.map((rank) => fc.integer({ min: rank === 0 ? 1 : 0, max: 4 }).map((k) => k > 0)),
    ),
    // Something for the precondition to start from, and more.
    start: fc.record({ node: fc.constantFrom(...GEN_NODES), value: small }),
    facts: fc.array(factArb, { maxLength: 5 }),
    // One program in four gives both nodes every fact: the nodes are interchangeable, and the
    // search explores fault sets up to swapping them (runner/symmetry.ts).
    symmetric: fc.integer({ min: 0, max: 3 }).map((k) => k === 0),
    // One program in five runs on three nodes: "c" peers with both, and has facts only in a symmetric one.
    three: fc.integer({ min: 0, max: 4 }).map((k) => k === 0),
    // One program in three has a guard whose own body can hold it up (datalog/lineage/forced.ts):
    // `rA(L, X) :- rB(L, X), notin rC(L, X)` with `rC(L, X) :- rB(L, X), rD(L, X)`, rB and rD
    // received from the peer (`rB(M, X)@async :- r0(L, X), peer(L, M)`, rD likewise).
    guard: fc.oneof(
      { weight: 2, arbitrary: fc.constant(null) },
      {
        weight: 1,
        arbitrary: fc.record({
          a: fc.integer({ min: 3, max: 4 }),
          b: fc.integer({ min: 0, max: 2 }),
          c: fc.integer({ min: 1, max: 2 }),
          d: fc.integer({ min: 0, max: 2 }),
          when: fc.constantFrom('now', 'next', 'async-self'),
        }),
      },
    ),
    pre: specArb('pre'),
    posts: fc.array(
      fc.tuple(specArb('post'), fc.constantFrom('plain', 'witness', 'witness', 'absent', 'absent')),
      {
        minLength: 1,
        maxLength: 3,
      },
    ),
  })
  .map((r) => {
    const isAggregate = (rel: string): boolean => r.aggregate[Number(rel.slice(1))] === true;
    const nodes: readonly string[] = r.three ? [...GEN_NODES, 'c'] : GEN_NODES;
    const peers: GenClause[] = [
      ...nodes.flatMap((from) =>
        nodes.flatMap((to): GenClause[] =>
          from === to ? [] : [{ kind: 'fact', atom: atom('peer', [c(from), c(to)]), time: 1 }],
        ),
      ),
      {
        kind: 'rule',
        head: atom('peer', [v('L'), v('M')]),
        when: 'next',
        body: [atom('peer', [v('L'), v('M')])],
      },
    ];
    const start: GenClause = { kind: 'fact', atom: atom('r0', [c(r.start.node), c(r.start.value)]), time: 1 };
    const placed = [start, ...r.facts].filter((f) => f.kind === 'fact' && !isAggregate(f.atom.rel));
    const facts = !r.symmetric
      ? placed
      : placed.flatMap((f) =>
          f.kind !== 'fact'
            ? [f]
            : nodes.map((node): GenClause => ({
                ...f,
                atom: { ...f.atom, args: [c(node), ...f.atom.args.slice(1)] },
              })),
        );
    const g = r.guard;
    // The guarded relation is one a postcondition's absence reads, when one reads r3 or r4.
    const source = r.pre.kind === 'rule' ? (r.pre.body[0] as GenAtom) : null;
    const read = r.posts.flatMap(([post, form]) =>
      form === 'absent' && source && post.kind === 'rule'
        ? [Number((post.body[0] as GenAtom).rel.slice(1))]
        : [],
    );
    const guarded = read.find((rank) => rank >= 3) ?? g?.a;
    const ranks = g ? [guarded!, g.b, g.c, g.d] : [];
    const guard = g && new Set(ranks).size === 4 && !ranks.some((rank) => r.aggregate[rank]) ? g : null;
    const rules = RANKS.flatMap((rank) => {
      if (r.aggregate[rank]) return [r.aggregates[rank]!];
      // The guard's rC has its one rule (below): derived once, its body can stand for it.
      if (guard && rank === ranks[2]) return [];
      const rel = `r${rank}`;
      const keep: GenClause = {
        kind: 'rule',
        head: atom(rel, [v('L'), v('X')]),
        when: 'next',
        body: [atom(rel, [v('L'), v('X')])],
      };
      return r.persists[rank] ? [keep, ...r.plain[rank]!] : r.plain[rank]!;
    });
    if (guard) {
      const [a, b, cc, d] = ranks.map((rank) => `r${rank}`) as [string, string, string, string];
      const send = (to: string, from: string): GenClause => ({
        kind: 'rule',
        head: atom(to, [v('M'), v('X')]),
        when: 'async',
        body: [atom(from, [v('L'), v('X')]), atom('peer', [v('L'), v('M')])],
      });
      rules.push(
        send(b, 'r0'),
        send(d, 'r0'),
        {
          kind: 'rule',
          head: atom(cc, [v('L'), v('X')]),
          when: 'now',
          body: [atom(b, [v('L'), v('X')]), atom(d, [v('L'), v('X')])],
        },
        {
          kind: 'rule',
          head: atom(a, [v('L'), v('X')]),
          when: guard.when === 'now' ? 'now' : guard.when === 'next' ? 'next' : 'async',
          body: [atom(b, [v('L'), v('X')]), atom(cc, [v('L'), v('X')], { negated: true })],
        },
      );
    }
    // A witnessed postcondition, as in delivery: `post(L, X) :- <pre's relation>(L, X), rK(_, X)`.
    // Or one with an absence: `post(L, X) :- <pre's relation>(L, X), notin rK(_, X)`.
    const posts = r.posts.map(([post, form]): GenClause => {
      if (form === 'plain' || !source || post.kind !== 'rule') return post;
      const [first, ...rest] = post.body as GenAtom[];
      const witness = atom(first!.rel, [W, v('X')], form === 'absent' ? { negated: true } : {});
      return { ...post, body: [source, witness, ...rest] };
    });
    return { clauses: [...peers, ...facts, ...rules, r.pre, ...posts], nodes };
  });

/** A spelling with fresh relation and variable names and a shuffled clause order. */
export const spellingArb = (p: GenProgram): fc.Arbitrary<Spelling> =>
  fc
    .record({
      order: fc.shuffledSubarray(
        p.clauses.map((_, i) => i),
        { minLength: p.clauses.length },
      ),
      relations: fc.shuffledSubarray(['q', 'blk', 'sent', 'got', 'ack', 'log'], { minLength: 6 }),
      variables: fc.shuffledSubarray(['Node', 'x', 'n2', 'Val', 'k'], { minLength: 5 }),
    })
    .map(({ order, relations, variables }) => ({
      order,
      relation: (r) => (/^r\d$/.test(r) ? relations[Number(r[1])]! : r === 'peer' ? relations[5]! : r),
      variable: (name) => variables[VARIABLES.indexOf(name as Var)]!,
    }));

/** The program's text under a spelling, one clause a line. */
export function render(p: GenProgram, s: Spelling = plainSpelling(p)): string {
  const arg = (a: GenArg): string => {
    switch (a.kind) {
      case 'var':
        return s.variable(a.name);
      case 'const':
        return typeof a.value === 'string' ? `"${a.value}"` : String(a.value);
      case 'wild':
        return '_';
      case 'plus1':
        return `${s.variable(a.name)} + 1`;
      case 'agg':
        return `${a.fn}<${s.variable(a.name)}>`;
    }
  };
  const atomText = (a: GenAtom): string =>
    `${a.negated ? 'notin ' : ''}${s.relation(a.rel)}(${a.args.map(arg).join(', ')})${a.at !== undefined ? `@${a.at}` : ''}`;
  const clause = (cl: GenClause): string => {
    if (cl.kind === 'fact') return `${atomText(cl.atom)}@${cl.time};`;
    const body = cl.body.map((b) =>
      'kind' in b ? `${s.variable(b.left)} ${b.op} ${arg(b.right)}` : atomText(b),
    );
    const when = cl.when === 'now' ? '' : `@${cl.when}`;
    return `${atomText(cl.head)}${when} :- ${body.join(', ')};`;
  };
  return s.order.map((i) => clause(p.clauses[i]!)).join('\n') + '\n';
}
