// The checker: every user error a loaded program can have, reported all at once, in source order.
// Expects a parsed program (possibly with parse errors already reported); guarantees that a program
// with no error diagnostic can be stratified and evaluated.
import type { Atom, Fact, Program, Rule, Term } from './types.js';
import { RESERVED_RELATIONS } from './types.js';
import { lintProgram } from './check-lint.js';
import { checkLocality } from './check-locality.js';
import { checkSafety } from './check-safety.js';
import { checkArity, checkTypes, columnCount } from './check-schema.js';
import { occurrences, sourceOrder, type Occurrence } from './check-walk.js';
import { error, formatDiagnostic, warning, type Diagnostic } from './diagnostics.js';
import { stratify, type CycleStep, type DroppedRule } from './strata.js';

export interface CheckOptions {
  /** Also warn about non-local rules (W001). */
  readonly strict?: boolean;
  /** Require `pre` and `post` (E017, E018); true unless a caller checks a fragment. */
  readonly requireSpec?: boolean;
  /** Also warn about likely mistakes of a whole program (W010, W011): the CLI does. */
  readonly lint?: boolean;
}

export function checkProgram(program: Program, options: CheckOptions = {}): Diagnostic[] {
  const atoms = occurrences(program);
  const diagnostics: Diagnostic[] = [
    ...program.facts.flatMap(checkFact),
    ...program.rules.flatMap((rule) => [
      ...checkRuleShape(rule),
      ...checkSafety(rule),
      ...(options.strict ? checkLocality(rule) : []),
    ]),
    ...checkArity(atoms),
    ...checkTypes(program),
    ...checkStratification(program),
    ...(options.requireSpec === false ? [] : checkSpec(program, atoms)),
  ];
  // Likely mistakes are worth a word only once the program is right: errors come alone.
  if (options.lint === true && !diagnostics.some((d) => d.severity === 'error'))
    diagnostics.push(...lintProgram(atoms));
  const order = sourceOrder(program);
  return diagnostics.sort((a, b) => order(a.span, b.span));
}

/** Every diagnostic formatted (`file:line:col: error[CODE]: message`, excerpt, caret), one per block. */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): string {
  return diagnostics.map((d) => `${formatDiagnostic(d, sources)}\n`).join('');
}

const isReserved = (relation: string): boolean =>
  (RESERVED_RELATIONS as readonly string[]).includes(relation);

function reservedDefinition(atom: Atom): Diagnostic[] {
  if (!isReserved(atom.relation)) return [];
  const message = `'${atom.relation}' is provided by the engine and cannot be defined; rename the relation`;
  return [error('E014', message, atom.span)];
}

// Facts: a ground atom at an explicit time, `rel(c1, …)@k;` (E014, E015, E019, E020).
function checkFact(fact: Fact): Diagnostic[] {
  const { relation, args } = fact.atom;
  const diagnostics = reservedDefinition(fact.atom);
  if (fact.badSuffix) {
    const message = `fact '${relation}' cannot hold '@${fact.badSuffix}'; give its time ('@1') or make it a rule with ':-'`;
    diagnostics.push(error('E015', message, fact.span));
  } else if (fact.time === null) {
    diagnostics.push(
      error('E015', `fact '${relation}' has no time; add one, e.g. '${relation}(…)@1;'`, fact.span),
    );
  }
  for (const arg of args) {
    if (arg.kind === 'aggregate') {
      const message = `aggregates only appear in rule heads; fact '${relation}' must list constants`;
      diagnostics.push(error('E019', message, arg.span));
    } else if (arg.kind !== 'const') {
      diagnostics.push(error('E020', `fact '${relation}' holds ${notGround(arg)}`, arg.span));
    }
  }
  return diagnostics;
}

function notGround(term: Term): string {
  if (term.kind === 'binary') return 'an expression; write its value as a constant';
  const what = term.kind === 'var' ? `variable '${term.name}'` : "wildcard '_'";
  return `${what}; facts hold constants only (or make it a rule with ':-')`;
}

// Rules: a head (no `@k`), aggregates only at the top of head columns (E014, E016, E019).
function checkRuleShape(rule: Rule): Diagnostic[] {
  const diagnostics = reservedDefinition(rule.head);
  if (typeof rule.headTime === 'object') {
    const message = `rule head '${rule.head.relation}' cannot hold at the absolute time '@${rule.headTime.at}'; use '@next', '@async' or no suffix (facts take '@k')`;
    diagnostics.push(error('E016', message, rule.head.span));
  }
  for (const arg of rule.head.args) {
    if (arg.kind === 'binary') diagnostics.push(...misplacedAggregates(arg, 'inside an expression'));
  }
  for (const item of rule.body) {
    const terms = item.kind === 'compare' ? [item.left, item.right] : item.atom.args;
    for (const term of terms) diagnostics.push(...misplacedAggregates(term, 'in a rule body'));
  }
  return diagnostics;
}

function misplacedAggregates(term: Term, place: string): Diagnostic[] {
  if (term.kind === 'aggregate') {
    const message = `aggregate '${term.fn}<${term.arg.name}>' ${place}; aggregates are whole columns of a rule head, e.g. 'n(X, ${term.fn}<${term.arg.name}>) :- …'`;
    return [error('E019', message, term.span)];
  }
  return term.kind === 'binary'
    ? [...misplacedAggregates(term.left, place), ...misplacedAggregates(term.right, place)]
    : [];
}

// Negation must be stratifiable within a time step (E013), once rules that can never fire are out
// of the way (W003).
function checkStratification(program: Program): Diagnostic[] {
  const { cycles, dropped } = stratify(program.rules, program.facts);
  return [...dropped.map((d) => droppedWarning(program.rules, d)), ...cycles.map(cycleError)];
}

function droppedWarning(rules: readonly Rule[], d: DroppedRule): Diagnostic {
  const rule = rules[d.rule]!;
  const path = [...d.cycle, d.cycle[0]!].map((s) => s.relation).join(' -> ');
  const through = d.cycle.some((s) => s.negated && !s.aggregate) ? 'negation' : 'an aggregate';
  const message = `this rule for '${rule.head.relation}' can never fire ('${d.never.atom.relation}' has no facts and no rule that can fire) and would close the cycle ${path} through ${through}; it is dropped, as Molly does. Define '${d.never.atom.relation}' or remove the rule`;
  return warning('W003', message, rule.head.span, [
    { message: `'${d.never.atom.relation}' can never hold`, span: d.never.span },
  ]);
}

function cycleError(cycle: readonly CycleStep[]): Diagnostic {
  const reads = (i: number): string => cycle[(i + 1) % cycle.length]!.relation;
  const how = (step: CycleStep, i: number): string =>
    step.aggregate
      ? `aggregates over '${reads(i)}'`
      : `depends on '${step.negated ? 'notin ' : ''}${reads(i)}'`;
  const first = cycle[0]!;
  const path = [...cycle, first].map((s) => s.relation).join(' -> ');
  const message = `cannot be stratified: '${first.relation}' ${how(first, 0)} in a cycle ${path}; break the cycle, or read '${reads(0)}' at the next step with an @next rule`;
  const related = cycle
    .slice(1)
    .map((step, i) => ({ message: `'${step.relation}' ${how(step, i + 1)} here`, span: step.span }));
  return error('E013', message, first.span, related);
}

// The correctness specification: `pre` and `post`, defined, with the same columns (E017, E018).
function checkSpec(program: Program, atoms: readonly Occurrence[]): Diagnostic[] {
  const definition = (relation: string): Occurrence | undefined =>
    atoms.find((o) => o.atom.relation === relation && (o.place === 'head' || o.place === 'fact'));
  const [pre, post] = [definition('pre'), definition('post')];
  const first = program.files[0];
  const start = first ? { file: first.path, line: 1, col: 1, endLine: 1, endCol: 1 } : null;
  const missing = (relation: string): Diagnostic =>
    error(
      'E017',
      `the program does not define '${relation}'; add rules for 'pre' and 'post' (a run violates the specification when a 'pre' tuple is not in 'post' at the end of time)`,
      start,
    );
  if (!pre || !post) return [...(pre ? [] : [missing('pre')]), ...(post ? [] : [missing('post')])];
  const [m, n] = [pre.atom.args.length, post.atom.args.length];
  if (m === n) return [];
  const message = `'post' has ${columnCount(n)} but 'pre' has ${m}; give them the same columns`;
  return [
    error('E018', message, post.atom.span, [
      { message: `'pre' defined with ${columnCount(m)} here`, span: pre.atom.span },
    ]),
  ];
}
