import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { YNode, YPair } from './YNode';

/**
 * Reads YAML with the yaml library (any YAML at all, errors tolerated) into the same
 * little tree the fast reader builds. `base` is added to every offset. Empty documents
 * are left out.
 */
export function readYamlWithLibrary(text: string, base = 0): YNode[] {
  const out: YNode[] = [];
  for (const doc of parseAllDocuments(text, { strict: false, uniqueKeys: false })) {
    const root = doc.contents as YamlNode | null;
    if (root) out.push(convert(root, text, base));
  }
  return out;
}

function convert(node: YamlNode, text: string, base: number): YNode {
  const start = base + (node.range?.[0] ?? 0);
  if (isMap(node)) {
    const pairs: YPair[] = [];
    for (const pair of node.items) {
      const key = pair.key;
      // Only plain string-like keys matter to the extractors; complex keys are skipped.
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') continue;
      const keyStart = base + (key.range?.[0] ?? 0);
      const value = pair.value
        ? convert(pair.value as YamlNode, text, base)
        : ({ kind: 'null', start: base + (key.range?.[1] ?? 0), end: base + (key.range?.[1] ?? 0) } as const);
      pairs.push({ key: String(key.value), keyStart, value });
    }
    return { kind: 'map', start, pairs };
  }
  if (isSeq(node)) {
    return { kind: 'seq', start, items: node.items.map((item) => (item ? convert(item as YamlNode, text, base) : { kind: 'other', start })) };
  }
  if (isScalar(node)) return convertScalar(node, text, base);
  if (isAlias(node)) return { kind: 'other', start };
  return { kind: 'other', start };
}

function convertScalar(node: Scalar, text: string, base: number): YNode {
  const [s, e] = node.range ?? [0, 0];
  if (node.value === null || node.value === undefined) return { kind: 'null', start: base + s, end: base + e };
  switch (node.type) {
    case Scalar.BLOCK_FOLDED:
    case Scalar.BLOCK_LITERAL:
      return { kind: 'other', start: base + s };
    case Scalar.QUOTE_DOUBLE:
    case Scalar.QUOTE_SINGLE: {
      const value = String(node.value);
      const exact = text.slice(s + 1, e - 1) === value;
      return exact ? { kind: 'scalar', value, start: base + s + 1, end: base + e - 1, exact } : { kind: 'scalar', value, start: base + s, end: base + e, exact };
    }
    default: {
      // Plain scalars: the source text is the string (`1.10` stays `1.10`, not the number 1.1).
      const source = text.slice(s, e);
      if (!source.includes('\n')) return { kind: 'scalar', value: source, start: base + s, end: base + e, exact: true };
      return { kind: 'scalar', value: String(node.value), start: base + s, end: base + e, exact: false };
    }
  }
}
