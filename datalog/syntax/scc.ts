// Strongly connected components of the part of a graph reachable from some roots (Tarjan's algorithm,
// iterative so that deep lineages and long chains of relations cannot overflow the call stack).
// The one implementation: stratification (datalog/syntax/strata.ts) and support families (solver/) share it.

/**
 * Expects `inputs(v)` to list the nodes v depends on.
 * Guarantees: every node reachable from `roots` is in exactly one component; a component comes after
 * every component it depends on (inputs first); the order depends only on the graph and `roots`.
 */
export function componentsInDependencyOrder(
  nodeCount: number,
  roots: readonly number[],
  inputs: (node: number) => readonly number[],
): number[][] {
  const index = new Int32Array(nodeCount).fill(-1);
  const low = new Int32Array(nodeCount);
  const onStack = new Uint8Array(nodeCount);
  const stack: number[] = [];
  const components: number[][] = [];
  let counter = 0;
  // Each frame: a node and how many of its inputs have been visited.
  const frames: { node: number; next: number }[] = [];
  const enter = (node: number): void => {
    index[node] = low[node] = counter++;
    stack.push(node);
    onStack[node] = 1;
    frames.push({ node, next: 0 });
  };
  for (const root of roots) {
    if (index[root] !== -1) continue;
    enter(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const edges = inputs(frame.node);
      if (frame.next < edges.length) {
        const input = edges[frame.next++]!;
        if (index[input] === -1) enter(input);
        else if (onStack[input] === 1) low[frame.node] = Math.min(low[frame.node]!, index[input]!);
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent !== undefined) low[parent.node] = Math.min(low[parent.node]!, low[frame.node]!);
      if (low[frame.node] === index[frame.node]) components.push(popComponent(stack, onStack, frame.node));
    }
  }
  return components;
}

function popComponent(stack: number[], onStack: Uint8Array, root: number): number[] {
  const component: number[] = [];
  for (;;) {
    const node = stack.pop()!;
    onStack[node] = 0;
    component.push(node);
    if (node === root) return component.reverse();
  }
}
