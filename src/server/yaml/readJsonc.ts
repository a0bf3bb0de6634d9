import type * as Jsonc from 'jsonc-parser';
import type { YNode, YPair } from './YNode';

/** Reads JSON with comments (devcontainer.json) into the extractors' tree; errors tolerated. */
export function readJsonc(text: string): YNode | undefined {
  const root = jsonc().parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return root ? convert(root, text) : undefined;
}

function convert(node: Jsonc.Node, text: string): YNode {
  switch (node.type) {
    case 'object': {
      const pairs: YPair[] = [];
      for (const prop of node.children ?? []) {
        const [key, value] = prop.children ?? [];
        if (!key || typeof key.value !== 'string') continue;
        pairs.push({ key: key.value, keyStart: key.offset, value: value ? convert(value, text) : { kind: 'null', start: prop.offset + prop.length, end: prop.offset + prop.length } });
      }
      return { kind: 'map', start: node.offset, pairs };
    }
    case 'array':
      return { kind: 'seq', start: node.offset, items: (node.children ?? []).map((c) => convert(c, text)) };
    case 'string': {
      const value = String(node.value);
      const inner = text.slice(node.offset + 1, node.offset + node.length - 1);
      if (inner === value) return { kind: 'scalar', value, start: node.offset + 1, end: node.offset + node.length - 1, exact: true };
      return { kind: 'scalar', value, start: node.offset, end: node.offset + node.length, exact: false };
    }
    case 'null':
      return { kind: 'null', start: node.offset, end: node.offset + node.length };
    default:
      return { kind: 'other', start: node.offset };
  }
}

let loaded: typeof Jsonc | undefined;

/**
 * jsonc-parser's `main` is a UMD build whose inner requires esbuild cannot follow, so a
 * bundle (dist/server.js, dist/cli.js) must use its ESM build, which esbuild bundles
 * fine; plain Node (the compiled tests) cannot load that one and uses `main`.
 */
function jsonc(): typeof Jsonc {
  if (!loaded) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('jsonc-parser/lib/esm/main.js') as typeof Jsonc;
      if (typeof loaded.parseTree !== 'function') throw new Error('no parseTree');
    } catch {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      loaded = require('jsonc-parser') as typeof Jsonc;
    }
  }
  return loaded;
}
