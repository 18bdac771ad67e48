// The spacetime diagram of one run: a lane per node, time downwards, an arrow per channel and send
// time. Positions are computed here (cytoscape's preset layout) so the page does no layout work.
import type { Crash } from '../../datalog/eval/types.js';
import type { MessageRecord, RunRecord } from '../../runner/types.js';
import type { Point, SpacetimeArrow, SpacetimeEvent, SpacetimeLaneSegment, SpacetimeView } from './types.js';
import { placeLabels, type Box } from './spacetime-labels.js';
import { formatTuple } from './words.js';

export const LANE_SPACING = 130;
export const TIME_SPACING = 72;
const LEFT_MARGIN = 70;

const eventId = (node: string, time: number): string => `e:${node}@${time}`;
const laneX = (lane: number): number => LEFT_MARGIN + lane * LANE_SPACING;

/**
 * Builds the diagram; nodes keep the failure spec's order, arrows are sorted by send time then
 * channel. Only steps 1…EOT are drawn: a message sent at EOT would arrive at a step never evaluated.
 * A crashed node's unsent messages are not drawn (its crash marker says it all), only counted.
 */
export function spacetimeModel(run: RunRecord): SpacetimeView {
  const { nodes, eot, crashes } = run.failureSpec;
  const lastTime = eot;
  const lane = new Map(nodes.map((node, i) => [node, i]));
  const pointOf = (node: string, time: number): Point => ({
    x: laneX(lane.get(node) ?? 0),
    y: time * TIME_SPACING,
  });
  const drawn = run.messages.filter((m) => m.sendTime < eot && m.lostBy !== 'crash');
  const matter = faultsThatMatter(run);
  const crashTime = new Map(crashes.map((c: Crash) => [c.node, c.time]));
  const events: SpacetimeEvent[] = [];
  const lanes: SpacetimeLaneSegment[] = [];
  nodes.forEach((node, lane) => {
    const crash = crashTime.get(node);
    for (let time = 1; time <= lastTime; time++) {
      events.push({
        id: eventId(node, time),
        node,
        time,
        position: { x: laneX(lane), y: time * TIME_SPACING },
        crashesHere: crash === time,
        crashed: crash !== undefined && crash <= time,
        crashMatters: crash === time && matter.crashes.has(`${node}@${time}`),
      });
      if (time > 1) {
        const crashed = crash !== undefined && crash < time;
        lanes.push({
          id: `l:${node}@${time - 1}`,
          source: eventId(node, time - 1),
          target: eventId(node, time),
          crashed,
        });
      }
    }
  });
  const heads = nodes.map((node, lane) => ({
    id: `h:${node}`,
    node,
    position: { x: laneX(lane), y: TIME_SPACING * 0.35 },
  }));
  const ticks = Array.from({ length: lastTime }, (_, i) => ({
    id: `t:${i + 1}`,
    time: i + 1,
    label: i + 1 === eot ? `t=${i + 1} EOT` : `t=${i + 1}`,
    position: { x: 12, y: (i + 1) * TIME_SPACING },
  }));
  return {
    nodes,
    lastTime,
    heads,
    ticks,
    events,
    lanes,
    arrows: placeLabels(
      spacetimeArrows(drawn, pointOf, matter.omissions),
      heads,
      ticks,
      crashLabels(crashes, pointOf),
    ),
    crashes,
    unsent: run.messages.filter((m) => m.lostBy === 'crash' && m.sendTime < eot).length,
  };
}

/** The crash markers' labels (`a crashed@4`, right of the marker), which arrow labels must avoid. */
function crashLabels(crashes: readonly Crash[], pointOf: (node: string, time: number) => Point): Box[] {
  return crashes.map((c) => {
    const at = pointOf(c.node, c.time);
    const width = `${c.node} crashed@${c.time}`.length * 7 + 8;
    return { x1: at.x - 12, x2: at.x + 20 + width, y1: at.y - 13, y2: at.y + 13 };
  });
}

/**
 * The faults the run's why-not explanations end in (runner/explain.ts), as keys: the diagram marks
 * them apart from the faults that changed nothing the specification checks.
 */
function faultsThatMatter(run: RunRecord): { crashes: Set<string>; omissions: Set<string> } {
  const crashes = new Set<string>();
  const omissions = new Set<string>();
  for (const why of run.why) {
    for (const c of why.faults.crashes) crashes.add(`${c.node}@${c.time}`);
    for (const o of why.faults.omissions) omissions.add(channelKey(o.from, o.to, o.time));
  }
  return { crashes, omissions };
}

const channelKey = (from: string, to: string, time: number): string => `${from}\u0000${to}\u0000${time}`;

/** Groups messages by (from, to, sendTime): one arrow each, labelled with its relations. */
function spacetimeArrows(
  messages: readonly MessageRecord[],
  pointOf: (node: string, time: number) => Point,
  mattering: ReadonlySet<string>,
): Omit<SpacetimeArrow, 'labelAt'>[] {
  const groups = new Map<string, MessageRecord[]>();
  for (const message of messages) {
    const key = channelKey(message.from, message.to, message.sendTime);
    const group = groups.get(key);
    if (group) group.push(message);
    else groups.set(key, [message]);
  }
  const arrows = [...groups.values()].map((group): Omit<SpacetimeArrow, 'labelAt'> => {
    const first = group[0]!;
    const relations = [...new Set(group.map((m) => m.relation))].sort();
    const lostBy = group.find((m) => m.lostBy !== null)?.lostBy ?? null;
    return {
      id: `m:${first.from}->${first.to}@${first.sendTime}`,
      from: first.from,
      to: first.to,
      sendTime: first.sendTime,
      source: eventId(first.from, first.sendTime),
      target: eventId(first.to, first.sendTime + 1),
      points: [pointOf(first.from, first.sendTime), pointOf(first.to, first.sendTime + 1)],
      label: relations.join(', '),
      tuples: group.map((m) => formatTuple(m.relation, m.values)),
      lostBy,
      matters: lostBy === 'omission' && mattering.has(channelKey(first.from, first.to, first.sendTime)),
    };
  });
  return arrows.sort((a, b) => a.sendTime - b.sendTime || compare(a.from, b.from) || compare(a.to, b.to));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
