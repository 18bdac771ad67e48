// "Never run what is known": the effective faults of a hypothesis, decided from runs already executed.
//
// Why it is sound. A run is deterministic and step-wise (SPEC §2): the tuples at time t are the
// fixpoint, stratum by stratum, of the rules over the tuples present at t, which are the facts @t,
// the @next heads of t−1, the messages sent at t−1 that were delivered, and the engine's `crash` and
// `clock` relations. A message a→b sent at t−1 is lost iff the spec omits (a, b, t−1) or a crashed at
// or before t−1 (SPEC §2.3). So, by induction on t, the tuples at t are a function of
//   - the omissions of messages that were actually sent before t and not already lost to a crash,
//   - the crashes at or before t−1 (the whole crash set when a rule reads `crash`, which holds at
//     every step with the crash time; crashes always take effect),
//   - the omissions at t itself when a rule reads `clock` (clock(a, b, t, t+1) holds at t iff the
//     a→b message of t is delivered, sent or not: then every omission not implied by a crash counts).
// `notin` and aggregates change nothing in this argument: a stratum's fixpoint is a function of its
// inputs whatever it negates, so a lost message that makes a tuple *appear* (a `notin` now holds)
// does so identically in every run with the same inputs. An omission (a, b, t) with no a→b message
// at t, one implied by a crash of a at or before t, or one whose message would land after EOT changes
// no input, so the run is the run of its *effective* faults alone: same tuples, same derivations, same
// lineage, same verdict.
//
// Deciding it without running: whether a sends to b at t depends only on the tuples at t, so on the
// effective faults before t. Executed runs are kept in a trie keyed by their effective faults step by
// step, each node holding the cross-node sends of the step it stands for (equal in every run through
// it). A hypothesis is walked down the trie in time order; at each step with an omission, the node
// reached says which of its omissions were sent. If the walk needs a node no run reached, the
// hypothesis's run is not known and it must run.
import type { Program } from '../datalog/ast.js';
import type { Crash, FaultSet, Message, Omission } from '../datalog/types.js';

/** What a program lets its rules observe beyond messages (see above). */
export interface Observes {
  /** A rule reads `crash`: every crash shapes every step. */
  readonly crash: boolean;
  /** A rule reads `clock`: every omission shapes its own step. */
  readonly clock: boolean;
}

export function observesOf(program: Program): Observes {
  const read = new Set<string>();
  for (const r of program.rules)
    for (const b of r.body) if (b.kind === 'body-atom') read.add(b.atom.relation);
  return { crash: read.has('crash'), clock: read.has('clock') };
}

interface TrieNode {
  /** `from>to` of every cross-node send at this node's step. */
  readonly sends: ReadonlySet<string>;
  /** By the effective faults of this step: the node of the next step. */
  readonly next: Map<string, TrieNode>;
}

/** Executed runs by their effective faults, and the sends that decide a hypothesis's. */
export class KnownRuns {
  private readonly roots = new Map<string, TrieNode>();
  /** The last step whose omissions can take effect: before EFF, and landing by EOT unless `clock` shows them. */
  private readonly lastStep: number;

  constructor(
    readonly observes: Observes,
    bounds: { readonly eot: number; readonly eff: number },
  ) {
    this.lastStep = Math.min(bounds.eff - 1, observes.clock ? bounds.eot : bounds.eot - 1);
  }

  /** The faults of an executed run that took effect, from the messages it sent. */
  effectiveOfRun(faults: FaultSet, sends: readonly Message[]): FaultSet {
    if (this.observes.clock) return this.effective(faults, () => null);
    const sent = sendsByStep(sends);
    return this.effective(faults, (t) => sent.get(t) ?? EMPTY);
  }

  /** Note an executed run: its effective faults and its sends at every step. */
  add(effective: FaultSet, sends: readonly Message[]): void {
    if (this.observes.clock) return; // every omission takes effect: no sends needed to decide
    const sent = sendsByStep(sends);
    const root = this.rootKey(effective);
    let node: TrieNode = this.roots.get(root) ?? newNode(sent.get(1));
    this.roots.set(root, node);
    for (let t = 1; t < this.lastStep; t++) {
      const label = this.stepLabel(effective, t);
      const next: TrieNode = node.next.get(label) ?? newNode(sent.get(t + 1));
      node.next.set(label, next);
      node = next;
    }
  }

  /**
   * The effective faults of a hypothesis, or null when the runs known so far cannot tell (a step
   * with an omission is reached by no executed run with the same earlier effective faults).
   */
  decide(h: FaultSet): FaultSet | null {
    if (this.observes.clock) return this.effective(h, () => null);
    let node: TrieNode | undefined = this.roots.get(this.rootKey(h));
    let step = 1;
    const kept: Omission[] = [];
    const soFar: FaultSet = { crashes: h.crashes, omissions: kept };
    let unknown = false;
    const sendsAt = (t: number): ReadonlySet<string> => {
      // From the node of `step` to the node of t, along h's effective faults so far.
      for (; node && step < t; step++) node = node.next.get(this.stepLabel(soFar, step));
      if (!node) unknown = true;
      return node?.sends ?? EMPTY;
    };
    const result = this.effective(h, sendsAt, kept);
    return unknown ? null : result;
  }

  /**
   * The faults that take effect, given the sends of each step (null: every omission counts).
   * Omissions are visited in time order; `kept` collects the effective ones as they are found.
   */
  private effective(
    h: FaultSet,
    sendsAt: (t: number) => ReadonlySet<string> | null,
    kept: Omission[] = [],
  ): FaultSet {
    if (h.omissions.length === 0) return h;
    const byTime = [...h.omissions].sort((a, b) => a.time - b.time);
    for (const o of byTime) {
      if (o.time > this.lastStep || crashedBy(h.crashes, o.from, o.time)) continue;
      const sent = sendsAt(o.time);
      if (sent === null || sent.has(`${o.from}>${o.to}`)) kept.push(o);
    }
    return kept.length === h.omissions.length ? h : { crashes: h.crashes, omissions: [...kept] };
  }

  private rootKey(f: FaultSet): string {
    return this.observes.crash ? crashesKey(f.crashes) : '';
  }

  /** The effective faults of step t that shape step t+1: its omissions, and its crashes unless at the root. */
  private stepLabel(f: FaultSet, t: number): string {
    const crashes = this.observes.crash ? '' : crashesKey(f.crashes.filter((c) => c.time === t));
    const omissions = f.omissions
      .filter((o) => o.time === t)
      .map((o) => `${o.from}>${o.to}`)
      .sort();
    return `${crashes}|${omissions.join(' ')}`;
  }
}

const EMPTY: ReadonlySet<string> = new Set();

function newNode(sends: ReadonlySet<string> | undefined): TrieNode {
  return { sends: sends ?? EMPTY, next: new Map() };
}

function crashedBy(crashes: readonly Crash[], node: string, time: number): boolean {
  return crashes.some((c) => c.node === node && c.time <= time);
}

function crashesKey(crashes: readonly Crash[]): string {
  return crashes
    .map((c) => `${c.node}@${c.time}`)
    .sort()
    .join(' ');
}

function sendsByStep(sends: readonly Message[]): Map<number, Set<string>> {
  const out = new Map<number, Set<string>>();
  for (const s of sends) {
    let set = out.get(s.sendTime);
    if (!set) out.set(s.sendTime, (set = new Set()));
    set.add(`${s.from}>${s.to}`);
  }
  return out;
}
