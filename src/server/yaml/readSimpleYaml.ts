import type { YNode, YPair } from './YNode';

/** Thrown when the text leaves the block-style subset this reader handles; caught below. */
const OUT_OF_SUBSET = Symbol('out of subset');

/**
 * Reads one YAML document written in the block style almost every manifest uses
 * (indented mappings and sequences, one-line plain or quoted scalars, comments), about
 * ten times faster than the yaml library, which is what keeps a 5,000-line manifest
 * under the validation budget. Anything else (anchors, tags, multi-line plain or quoted
 * scalars, flow collections that might hold an image, directives) returns undefined,
 * and the caller reads the document with the yaml library instead: this reader never
 * guesses. `base` is added to every offset. Returns null for an empty document.
 */
export function readSimpleYaml(text: string, base = 0): YNode | null | undefined {
  try {
    return new SimpleYamlReader(text, base).document();
  } catch (err) {
    if (err === OUT_OF_SUBSET) return undefined;
    throw err;
  }
}

function bail(): never {
  throw OUT_OF_SUBSET;
}

const SPACE = 32;
const TAB = 9;
const HASH = 35;

class SimpleYamlReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {
    let s = 0;
    const n = text.length;
    while (s <= n) {
      let e = text.indexOf('\n', s);
      if (e < 0) e = n;
      this.starts.push(s);
      this.ends.push(e > s && text.charCodeAt(e - 1) === 13 ? e - 1 : e);
      if (e === n) break;
      s = e + 1;
    }
  }

  document(): YNode | null {
    const t = this.text;
    this.skipTrivia();
    if (this.i < this.starts.length && t.charCodeAt(this.starts[this.i]) === 37 /* % directive */) bail();
    if (this.i < this.starts.length && t.startsWith('---', this.starts[this.i])) {
      if (!this.isTrivia(this.starts[this.i] + 3, this.ends[this.i])) bail();
      this.i++;
      this.skipTrivia();
    }
    if (this.i >= this.starts.length) return null;
    const indent = this.indentOf(this.i);
    const root = this.block(this.starts[this.i] + indent, -1);
    this.skipTrivia();
    if (this.i < this.starts.length) {
      // Only a document end marker may follow, then nothing but comments.
      if (!(t.startsWith('...', this.starts[this.i]) && this.isTrivia(this.starts[this.i] + 3, this.ends[this.i]))) bail();
      this.i++;
      this.skipTrivia();
      if (this.i < this.starts.length) bail();
    }
    return root;
  }

  /** A node starting at offset `p` on line i: sequence, mapping or scalar. */
  private block(p: number, parentIndent: number): YNode {
    if (this.isDash(p)) return this.sequence(p);
    if (this.key(p)) return this.mapping(p);
    return this.scalar(p, parentIndent);
  }

  private sequence(p: number): YNode {
    const col = p - this.starts[this.i];
    const items: YNode[] = [];
    for (;;) {
      const at = this.starts[this.i] + col;
      if (this.text.charCodeAt(at + 1) === TAB) bail();
      items.push(this.value(at + 1, col, 'item'));
      this.skipTrivia();
      if (this.i >= this.starts.length) break;
      const indent = this.indentOf(this.i);
      if (indent < col) break;
      if (indent > col) bail();
      if (!this.isDash(this.starts[this.i] + col)) break;
    }
    return { kind: 'seq', start: this.base + p, items };
  }

  private mapping(p: number): YNode {
    const col = p - this.starts[this.i];
    const pairs: YPair[] = [];
    for (;;) {
      const at = this.starts[this.i] + col;
      const k = this.key(at);
      if (!k) bail();
      pairs.push({ key: k.key, keyStart: this.base + at + k.keyOffset, value: this.value(k.after, col, 'map') });
      this.skipTrivia();
      if (this.i >= this.starts.length) break;
      const indent = this.indentOf(this.i);
      if (indent < col) break;
      if (indent > col) bail();
      if (this.isDash(this.starts[this.i] + col)) break; // the compact sequence's owner decides
    }
    return { kind: 'map', start: this.base + p, pairs };
  }

  /** The value after `key:` or `-` at offset p on line i; consumes its lines. */
  private value(p: number, parentIndent: number, context: 'map' | 'item'): YNode {
    const t = this.text;
    const end = this.ends[this.i];
    const afterIndicator = p;
    while (p < end && (t.charCodeAt(p) === SPACE || t.charCodeAt(p) === TAB)) p++;
    if (p >= end || t.charCodeAt(p) === HASH) {
      this.i++;
      this.skipTrivia();
      if (this.i < this.starts.length) {
        const indent = this.indentOf(this.i);
        const at = this.starts[this.i] + indent;
        if (indent > parentIndent) return this.block(at, parentIndent);
        // `key:` followed by `- item` at the key's own indentation (the usual Kubernetes style).
        if (context === 'map' && indent === parentIndent && this.isDash(at)) return this.sequence(at);
      }
      // The empty value's place: from the indicator to the end of the line (or to its comment).
      return { kind: 'null', start: this.base + afterIndicator, end: this.base + (p >= end ? end : afterIndicator) };
    }
    if (this.isDash(p)) {
      if (context === 'map') bail();
      return this.sequence(p);
    }
    if (this.key(p)) {
      if (context === 'map') bail();
      return this.mapping(p);
    }
    return this.scalar(p, parentIndent);
  }

  /** A scalar (or an opaque flow collection / block scalar) at offset p on line i. */
  private scalar(p: number, parentIndent: number): YNode {
    const t = this.text;
    const end = this.ends[this.i];
    const c = t.charCodeAt(p);
    const base = this.base;
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = t.indexOf(String.fromCharCode(c), p + 1);
      if (close < 0 || close >= end) bail();
      if (c === 34 && t.lastIndexOf('\\', close) > p) bail();
      if (c === 39 && t.charCodeAt(close + 1) === 39) bail();
      if (!this.isTrivia(close + 1, end)) bail();
      this.i++;
      return { kind: 'scalar', value: t.slice(p + 1, close), start: base + p + 1, end: base + close, exact: true };
    }
    if (c === 123 /* { */ || c === 91 /* [ */) {
      const close = this.flowEnd(p, end);
      // An image inside a flow collection needs real parsing: let the yaml library do it.
      if (close < 0 || !this.isTrivia(close, end) || /image/i.test(t.slice(p, close))) bail();
      this.i++;
      return { kind: 'other', start: base + p };
    }
    if (c === 124 /* | */ || c === 62 /* > */) {
      let h = p + 1;
      while (h < end && /[-+0-9]/.test(t[h])) h++;
      if (!this.isTrivia(h, end)) bail();
      this.i++;
      // The block scalar's lines: blank ones and those indented deeper than its owner.
      while (this.i < this.starts.length && (this.rawIndent(this.i) > parentIndent || this.isBlank(this.i))) this.i++;
      return { kind: 'other', start: base + p };
    }
    // Indicators this reader leaves to the yaml library: anchors, aliases, tags, directives, reserved, complex keys.
    if (c === 38 || c === 42 || c === 33 || c === 37 || c === 64 || c === 96 || c === 44 || c === 93 || c === 125) bail();
    if ((c === 63 || c === 58) && this.isBreak(p + 1, end)) bail();
    let e = p;
    while (e < end) {
      const ch = t.charCodeAt(e);
      if (ch === HASH && (t.charCodeAt(e - 1) === SPACE || t.charCodeAt(e - 1) === TAB)) break;
      if (ch === 58 && this.isBreak(e + 1, end)) bail(); // `a: b: c`
      e++;
    }
    while (e > p && (t.charCodeAt(e - 1) === SPACE || t.charCodeAt(e - 1) === TAB)) e--;
    this.i++;
    const value = t.slice(p, e);
    if (value === '~' || value === 'null' || value === 'Null' || value === 'NULL') return { kind: 'null', start: base + p, end: base + e };
    return { kind: 'scalar', value, start: base + p, end: base + e, exact: true };
  }

  /** `key:` at p: the key text, where it starts relative to p, and the offset after the colon. */
  private key(p: number): { key: string; keyOffset: number; after: number } | undefined {
    const t = this.text;
    const end = this.ends[this.i];
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = t.indexOf(String.fromCharCode(c), p + 1);
      if (close < 0 || close >= end) return undefined;
      let q = close + 1;
      while (q < end && t.charCodeAt(q) === SPACE) q++;
      if (t.charCodeAt(q) !== 58 || !this.isBreak(q + 1, end)) return undefined;
      if ((c === 34 && t.lastIndexOf('\\', close) > p) || (c === 39 && t.charCodeAt(close + 1) === 39)) bail();
      return { key: t.slice(p + 1, close), keyOffset: 0, after: q + 1 };
    }
    // Not a plain key: indicators, or `- ` / `? ` / `: `.
    if (c === HASH || c === 123 || c === 91 || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96 || c === 44 || c === 93 || c === 125) return undefined;
    if ((c === 45 || c === 63 || c === 58) && this.isBreak(p + 1, end)) return undefined;
    for (let e = p; e < end; e++) {
      const ch = t.charCodeAt(e);
      if (ch === HASH && (t.charCodeAt(e - 1) === SPACE || t.charCodeAt(e - 1) === TAB)) return undefined;
      if (ch === 58 && this.isBreak(e + 1, end)) {
        let k = e;
        while (k > p && (t.charCodeAt(k - 1) === SPACE || t.charCodeAt(k - 1) === TAB)) k--;
        return { key: t.slice(p, k), keyOffset: 0, after: e + 1 };
      }
    }
    return undefined;
  }

  private isDash(p: number): boolean {
    return this.text.charCodeAt(p) === 45 && this.isBreak(p + 1, this.ends[this.i]);
  }

  /** True at the end of the line or before a space or tab. */
  private isBreak(p: number, end: number): boolean {
    if (p >= end) return true;
    const c = this.text.charCodeAt(p);
    return c === SPACE || c === TAB;
  }

  /** Only whitespace, or whitespace then a comment, from p to end. */
  private isTrivia(p: number, end: number): boolean {
    const t = this.text;
    const start = p;
    while (p < end && (t.charCodeAt(p) === SPACE || t.charCodeAt(p) === TAB)) p++;
    return p >= end || (t.charCodeAt(p) === HASH && (p > start || p === 0 || t.charCodeAt(p - 1) === SPACE || t.charCodeAt(p - 1) === TAB));
  }

  private isBlank(line: number): boolean {
    const t = this.text;
    for (let p = this.starts[line]; p < this.ends[line]; p++) {
      const c = t.charCodeAt(p);
      if (c !== SPACE && c !== TAB) return false;
    }
    return true;
  }

  private skipTrivia(): void {
    const t = this.text;
    while (this.i < this.starts.length) {
      let p = this.starts[this.i];
      const end = this.ends[this.i];
      while (p < end && (t.charCodeAt(p) === SPACE || t.charCodeAt(p) === TAB)) p++;
      if (p < end && t.charCodeAt(p) !== HASH) return;
      this.i++;
    }
  }

  /** Spaces before the content of a content line; a tab there is not YAML indentation. */
  private indentOf(line: number): number {
    const t = this.text;
    const s = this.starts[line];
    let p = s;
    while (t.charCodeAt(p) === SPACE) p++;
    if (t.charCodeAt(p) === TAB) bail();
    return p - s;
  }

  private rawIndent(line: number): number {
    const t = this.text;
    const s = this.starts[line];
    let p = s;
    while (p < this.ends[line] && t.charCodeAt(p) === SPACE) p++;
    return p - s;
  }

  /** Offset just past the bracket that closes the flow collection opening at p, on this line; -1 if none. */
  private flowEnd(p: number, end: number): number {
    const t = this.text;
    let depth = 0;
    let quote = 0;
    for (let q = p; q < end; q++) {
      const c = t.charCodeAt(q);
      if (quote) {
        if (c === quote) quote = 0;
        else if (c === 92 /* \ */) bail();
        continue;
      }
      if (c === 34 || c === 39) quote = c;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) return q + 1;
      } else if (c === HASH && (t.charCodeAt(q - 1) === SPACE)) bail();
    }
    return -1;
  }
}
