import type { YMap, YNode } from '../yaml/YNode';

/** How deep the walk looks: CI configurations are shallow. */
const MAX_DEPTH = 64;

/**
 * Calls `visit` for every mapping pair named `key` in a document, with the path of keys
 * above it. `skip` prunes subtrees by key (`machine:` in CircleCI). A value shared
 * through anchors is visited once per place it is used, but the walk never enters the
 * same mapping twice on one path and is bounded in depth, so alias bombs stay cheap.
 */
export function walkImageKeys(doc: YNode, key: string, visit: (owner: YMap, value: YNode, path: readonly string[]) => void, skip?: ReadonlySet<string>): void {
  const seen = new Set<YNode>();
  const path: string[] = [];
  const walk = (node: YNode, depth: number): void => {
    if (depth > MAX_DEPTH || seen.has(node)) return;
    if (node.kind === 'map') {
      seen.add(node);
      for (const p of node.pairs) {
        if (p.key === key) visit(node, p.value, path);
        // A mapping under the key is still walked: a Woodpecker step may be named `image`.
        if ((p.key !== key || p.value.kind === 'map') && !skip?.has(p.key)) {
          path.push(p.key);
          walk(p.value, depth + 1);
          path.pop();
        }
      }
    } else if (node.kind === 'seq') {
      seen.add(node);
      for (const item of node.items) walk(item, depth + 1);
    }
  };
  walk(doc, 0);
}
