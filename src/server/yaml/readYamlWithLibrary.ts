import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, Scalar } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { indentQuotedContinuations } from './indentQuotedContinuations';
import type { YNode, YPair, YScalar } from './YNode';

/**
 * Nodes deeper than this are left opaque: no extractor looks that far down, and the
 * conversion recurses, so a file nested thousands of levels deep is still read (its
 * shallow part) instead of exhausting the stack.
 */
export const MAX_DEPTH = 400;

/** Tags that leave a node what it looks like; any other (`!reference`, `!Ref`, `!!binary`…) makes it something else. */
const PLAIN_TAGS = new Set(['tag:yaml.org,2002:str', 'tag:yaml.org,2002:map', 'tag:yaml.org,2002:seq', 'tag:yaml.org,2002:null']);

/**
 * Reads YAML with the yaml library (any YAML at all, errors tolerated) into the same
 * little tree the fast reader builds. `base` is added to every offset. Empty documents
 * are left out. Aliases are read as the anchored node itself (the same object, so a
 * value shared through an anchor is one site), and merge keys (`<<: *defaults`,
 * `<<: [*a, *b]`) bring the anchored mapping's pairs in, as Compose, GitLab and
 * Kubernetes' YAML readers do. A node with an application tag (`!reference [...]`) is
 * configuration for some tool, not a value: it is opaque.
 */
export function readYamlWithLibrary(text: string, base = 0): YNode[] {
  let docs = parseAllDocuments(text, OPTIONS);
  let read = text;
  let original: ((offset: number) => number) | undefined;
  if (docs.some((d) => d.errors.length)) {
    // Quoted scalars continued at their key's indent, as Go's YAML reader accepts (see indentQuotedContinuations).
    const moved = indentQuotedContinuations(text);
    if (moved) {
      const again = parseAllDocuments(moved.text, OPTIONS);
      const errors = (list: typeof docs) => list.reduce((n, d) => n + d.errors.length, 0);
      if (errors(again) < errors(docs)) {
        docs = again;
        read = moved.text;
        original = moved.original;
      }
    }
  }
  const out: YNode[] = [];
  for (const doc of docs) {
    const root = doc.contents as YamlNode | null;
    if (root) out.push(new Converter(doc as Document, read, original ? 0 : base).convert(root, 0));
  }
  if (original) {
    const seen = new Set<object>();
    for (const node of out) remap(node, (o) => base + original!(o), seen);
  }
  return out;
}

const OPTIONS = { strict: false, uniqueKeys: false, merge: false } as const;

/** Moves every offset in a tree read from re-indented text back to the text as written. */
function remap(node: YNode, at: (offset: number) => number, seen: Set<object>): void {
  if (seen.has(node)) return;
  seen.add(node);
  const n = node as { start: number; end?: number };
  n.start = at(n.start);
  if (typeof n.end === 'number') n.end = at(n.end);
  if (node.kind === 'map')
    for (const pair of node.pairs) {
      (pair as { keyStart: number }).keyStart = at(pair.keyStart);
      remap(pair.value, at, seen);
    }
  else if (node.kind === 'seq') for (const item of node.items) remap(item, at, seen);
}

class Converter {
  /** Anchored nodes already converted: an alias yields the very same object. */
  private readonly done = new Map<YamlNode, YNode>();
  private readonly inProgress = new Set<YamlNode>();

  constructor(
    private readonly doc: Document,
    private readonly text: string,
    private readonly base: number,
  ) {}

  convert(node: YamlNode, depth: number): YNode {
    const start = this.base + (node.range?.[0] ?? 0);
    if (isAlias(node)) {
      const target = this.resolve(node);
      if (!target) return { kind: 'other', start };
      return this.convert(target, depth);
    }
    const cached = this.done.get(node);
    if (cached) return cached;
    // An alias inside its own anchor (`&a [*a]`) would never end.
    if (depth > MAX_DEPTH || this.inProgress.has(node)) return { kind: 'other', start };
    if (node.tag && !PLAIN_TAGS.has(node.tag)) return { kind: 'other', start };
    this.inProgress.add(node);
    let out: YNode;
    if (isMap(node)) out = this.map(node.items, start, depth);
    else if (isSeq(node)) out = { kind: 'seq', start, items: node.items.map((item) => (item ? this.convert(item as YamlNode, depth + 1) : { kind: 'other', start })) };
    else if (isScalar(node)) out = this.scalar(node);
    else out = { kind: 'other', start };
    this.inProgress.delete(node);
    if (node.anchor) this.done.set(node, out);
    return out;
  }

  private map(items: ReadonlyArray<{ key: unknown; value: unknown }>, start: number, depth: number): YNode {
    const merged: YPair[] = [];
    const own: YPair[] = [];
    for (const pair of items) {
      const key = pair.key as YamlNode | null;
      if (isScalar(key) && key.value === '<<' && key.type === Scalar.PLAIN && pair.value) {
        merged.push(...this.mergedPairs(pair.value as YamlNode, depth));
        continue;
      }
      // Only plain string-like keys matter to the extractors; complex keys are skipped.
      if (!isScalar(key) || key.value === null || typeof key.value === 'object') continue;
      const keyStart = this.base + (key.range?.[0] ?? 0);
      const value = pair.value
        ? this.convert(pair.value as YamlNode, depth + 1)
        : ({ kind: 'null', start: this.base + (key.range?.[1] ?? 0), end: this.base + (key.range?.[1] ?? 0) } as const);
      // A plain key is its source text, as plain values are (`1.10:` is the key "1.10").
      const keyText = key.type === Scalar.PLAIN && key.range ? this.text.slice(key.range[0], key.range[1]) : String(key.value);
      own.push({ key: keyText, keyStart, value });
    }
    // Own keys come last so they win (`get` takes the last pair with a key).
    return { kind: 'map', start, pairs: merged.length ? [...merged, ...own] : own };
  }

  /** The pairs a merge key brings in; with a list, earlier mappings win over later ones. */
  private mergedPairs(value: YamlNode, depth: number): YPair[] {
    const sources = isSeq(value) ? (value.items as YamlNode[]).slice().reverse() : [value];
    const pairs: YPair[] = [];
    for (const source of sources) {
      const node = source ? this.convert(source, depth + 1) : undefined;
      if (node?.kind === 'map') pairs.push(...node.pairs);
    }
    return pairs;
  }

  private resolve(alias: YamlNode): YamlNode | undefined {
    try {
      return (alias as unknown as { resolve(doc: Document): YamlNode | undefined }).resolve(this.doc);
    } catch {
      return undefined;
    }
  }

  private scalar(node: Scalar): YNode {
    const text = this.text;
    const base = this.base;
    const [s, e] = node.range ?? [0, 0];
    if (node.value === null || node.value === undefined) return { kind: 'null', start: base + s, end: base + e };
    switch (node.type) {
      case Scalar.BLOCK_FOLDED:
      case Scalar.BLOCK_LITERAL:
        return blockScalar(String(node.value), text, s, e, base);
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
}

/**
 * A block scalar (`image: >-` then the value on the next line), as both readers place
 * it: the range is its content, from the first content character to the end of the last
 * content line, and it is exact when the value is that text (one line, chomped).
 * [s, e) is the scalar's range in `text`, header included.
 */
export function blockScalar(value: string, text: string, s: number, e: number, base: number): YScalar {
  let p = text.indexOf('\n', s);
  if (p < 0 || p >= e) return { kind: 'scalar', value, start: base + s, end: base + e, exact: false };
  p++;
  // Skip blank lines and the indentation of the first content line.
  for (;;) {
    while (p < e && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    if (p < e && (text.charCodeAt(p) === 10 || text.charCodeAt(p) === 13)) {
      p = text.indexOf('\n', p) + 1;
      if (p === 0) break;
      continue;
    }
    break;
  }
  let q = e;
  while (q > p && /\s/.test(text[q - 1])) q--;
  const exact = text.slice(p, q) === value;
  return { kind: 'scalar', value, start: base + p, end: base + q, exact };
}
