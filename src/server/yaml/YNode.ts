/**
 * The little tree the extractors read: mappings, sequences and scalars with absolute
 * source offsets. Both the fast block-YAML reader and the yaml-library fallback (and the
 * JSONC reader) produce it, so extractors never care which one read the file.
 */
export type YNode = YMap | YSeq | YScalar | YNull | YOther;

export interface YMap {
  readonly kind: 'map';
  readonly start: number;
  readonly pairs: YPair[];
}

export interface YPair {
  readonly key: string;
  readonly keyStart: number;
  readonly value: YNode;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly start: number;
  readonly items: YNode[];
}

export interface YScalar {
  readonly kind: 'scalar';
  /** The string value. */
  readonly value: string;
  /** Offsets of the value's text: inside the quotes for quoted scalars. */
  readonly start: number;
  readonly end: number;
  /** True when `value` is exactly the source text at [start, end) (no escapes, no folding). */
  readonly exact: boolean;
}

/** An empty value (`image:`), `null` or `~`: where a completion can insert a reference. */
export interface YNull {
  readonly kind: 'null';
  readonly start: number;
  readonly end: number;
}

/** Anything the extractors never look into (aliases, flow collections without images…). */
export interface YOther {
  readonly kind: 'other';
  readonly start: number;
}

/** The value under `key` in a mapping, or undefined. */
export function get(node: YNode | undefined, key: string): YNode | undefined {
  if (!node || node.kind !== 'map') return undefined;
  let found: YNode | undefined;
  // The last one wins, as in the yaml library's toJS.
  for (const p of node.pairs) if (p.key === key) found = p.value;
  return found;
}

export function scalarText(node: YNode | undefined): string | undefined {
  return node && node.kind === 'scalar' ? node.value : undefined;
}
