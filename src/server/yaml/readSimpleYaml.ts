import { parseDocument } from 'yaml';
import { blockScalar } from './readYamlWithLibrary';
import type { YNode, YPair, YScalar } from './YNode';

/** Thrown when the text leaves the block-style subset this reader handles; caught below. */
const OUT_OF_SUBSET = Symbol('out of subset');

/**
 * Reads one YAML document written in the block style almost every manifest uses
 * (indented mappings and sequences, one-line plain or quoted scalars, comments), about
 * ten times faster than the yaml library, which is what keeps a 5,000-line manifest
 * under the validation budget. One-line flow collections of plain and simply quoted
 * scalars are read too, and block scalars (their value computed by the yaml library
 * when an extractor asks for it). Anything else (anchors, aliases, tags, multi-line
 * plain or quoted scalars or flow collections, escapes, explicit indentation, nesting
 * past MAX_NESTING, directives) returns undefined, and the caller reads the document
 * with the yaml library instead: this reader never guesses, and gives exactly the
 * library's tree whenever it answers (test/unit/server/yamlDifferential.test.ts).
 * `base` is added to every offset. Returns null for an empty document.
 */
export function readSimpleYaml(text: string, base = 0): YNode | null | undefined {
  try {
    return new SimpleYamlReader(text, base).document();
  } catch (err) {
    if (err === OUT_OF_SUBSET) return undefined;
    throw err;
  }
}

/** Keys the library reads as null (and the extractors never see): declined. */
function isNullWord(s: string): boolean {
  return s === '' || s === '~' || s === 'null' || s === 'Null' || s === 'NULL';
}

function bail(): never {
  throw OUT_OF_SUBSET;
}

/** Deeper documents go to the library (the reader recurses once or twice per level). */
const MAX_NESTING = 200;

const SPACE = 32;
const TAB = 9;
const HASH = 35;

class SimpleYamlReader {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private i = 0;
  private depth = 0;

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

  private enter(): void {
    if (++this.depth > MAX_NESTING) bail();
  }

  private sequence(p: number): YNode {
    this.enter();
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
    this.depth--;
    return { kind: 'seq', start: this.base + p, items };
  }

  private mapping(p: number): YNode {
    this.enter();
    const col = p - this.starts[this.i];
    const pairs: YPair[] = [];
    for (;;) {
      const at = this.starts[this.i] + col;
      const k = this.key(at);
      // A merge key: the library path brings the merged mapping's pairs in.
      if (!k || k.key === '<<' || isNullWord(k.key)) bail();
      pairs.push({ key: k.key, keyStart: this.base + at + k.keyOffset, value: this.value(k.after, col, 'map') });
      this.skipTrivia();
      if (this.i >= this.starts.length) break;
      const indent = this.indentOf(this.i);
      if (indent < col) break;
      if (indent > col) bail();
      if (this.isDash(this.starts[this.i] + col)) break; // the compact sequence's owner decides
    }
    this.depth--;
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
      const flow = new FlowReader(t, p, end, base);
      const node = flow.node(0);
      if (!this.isTrivia(flow.p, end)) bail();
      this.i++;
      return node;
    }
    if (c === 124 /* | */ || c === 62 /* > */) return this.blockScalar(p, parentIndent);
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

  /**
   * A block scalar whose header is at p. Its lines are those indented deeper than its
   * owner (and blank ones); the content's indentation is the first content line's, and a
   * later line indented less than that but more than the owner is an error the library
   * reports in its own way: declined. The value is the library's, computed on demand.
   */
  private blockScalar(p: number, parentIndent: number): YNode {
    const t = this.text;
    const end = this.ends[this.i];
    let h = p + 1;
    while (h < end && (t.charCodeAt(h) === 45 || t.charCodeAt(h) === 43)) h++;
    if (!this.isTrivia(h, end) || (h < end && t.charCodeAt(h) !== SPACE && t.charCodeAt(h) !== TAB)) bail();
    this.i++;
    let contentIndent = -1;
    let maxLeadingBlank = 0;
    while (this.i < this.starts.length) {
      const raw = this.rawIndent(this.i);
      if (this.isBlank(this.i)) {
        if (contentIndent < 0) maxLeadingBlank = Math.max(maxLeadingBlank, raw);
      } else if (raw > parentIndent) {
        if (t.charCodeAt(this.starts[this.i] + raw) === TAB && contentIndent < 0) bail();
        if (contentIndent < 0) contentIndent = raw;
        else if (raw < contentIndent) bail();
      } else break;
      this.i++;
    }
    if (contentIndent >= 0 && maxLeadingBlank > contentIndent) bail();
    // A document end or start marker inside would end the scalar for the library.
    const last = this.i < this.starts.length ? this.starts[this.i] : t.length;
    if (contentIndent < 0) bail();
    return new LazyBlockScalar(t, p, last, this.base);
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

}

/** A block scalar's value, read by the yaml library only when an extractor asks for it. */
class LazyBlockScalar implements YScalar {
  readonly kind = 'scalar';
  private read: YScalar | undefined;

  constructor(
    private readonly text: string,
    private readonly s: number,
    private readonly e: number,
    private readonly base: number,
  ) {}

  private get node(): YScalar {
    if (!this.read) {
      // The header and its lines read alone give the value they have in place.
      const scalar = parseDocument(this.text.slice(this.s, this.e)).contents as { value?: unknown } | null;
      this.read = blockScalar(String(scalar?.value ?? ''), this.text, this.s, this.e, this.base);
    }
    return this.read;
  }

  get value(): string {
    return this.node.value;
  }
  get start(): number {
    return this.node.start;
  }
  get end(): number {
    return this.node.end;
  }
  get exact(): boolean {
    return this.node.exact;
  }
}

/**
 * A flow collection on one line (`[docker.io/redis, "Postgres:16"]`, `{name: x, entrypoint: [""]}`):
 * plain scalars, quoted scalars without escapes, nested collections. Anything else
 * (implicit keys in a sequence, empty values, a line break, escapes, aliases) declines.
 */
class FlowReader {
  p: number;

  constructor(
    private readonly t: string,
    start: number,
    private readonly end: number,
    private readonly base: number,
  ) {
    this.p = start;
  }

  node(depth: number): YNode {
    if (depth > MAX_NESTING) bail();
    const t = this.t;
    const c = t.charCodeAt(this.p);
    if (c === 91 /* [ */) {
      const start = this.p++;
      const items: YNode[] = [];
      for (;;) {
        this.space();
        if (t.charCodeAt(this.p) === 93) break;
        const item = this.node(depth + 1);
        this.space();
        if (t.charCodeAt(this.p) === 58 /* : an implicit pair */) bail();
        items.push(item);
        const d = t.charCodeAt(this.p);
        if (d === 44) this.p++;
        else if (d !== 93) bail();
      }
      this.p++;
      return { kind: 'seq', start: this.base + start, items };
    }
    if (c === 123 /* { */) {
      const start = this.p++;
      const pairs: YPair[] = [];
      for (;;) {
        this.space();
        if (t.charCodeAt(this.p) === 125) break;
        const keyStart = this.p;
        const key = this.scalar(true);
        if (key.value === '<<' || isNullWord(key.value)) bail();
        this.space();
        if (t.charCodeAt(this.p) !== 58) bail();
        this.p++;
        const after = t.charCodeAt(this.p);
        if (after !== SPACE && after !== TAB) bail();
        this.space();
        const v = t.charCodeAt(this.p);
        if (v === 44 || v === 125) bail();
        pairs.push({ key: key.value, keyStart: this.base + keyStart, value: this.node(depth + 1) });
        this.space();
        const d = t.charCodeAt(this.p);
        if (d === 44) this.p++;
        else if (d !== 125) bail();
      }
      this.p++;
      return { kind: 'map', start: this.base + start, pairs };
    }
    return this.scalar(false);
  }

  private scalar(isKey: boolean): YScalar {
    const t = this.t;
    const end = this.end;
    const p = this.p;
    if (p >= end) bail();
    const c = t.charCodeAt(p);
    if (c === 34 || c === 39) {
      const close = t.indexOf(String.fromCharCode(c), p + 1);
      if (close < 0 || close >= end) bail();
      if (c === 34 && t.lastIndexOf('\\', close) > p) bail();
      if (c === 39 && t.charCodeAt(close + 1) === 39) bail();
      this.p = close + 1;
      return { kind: 'scalar', value: t.slice(p + 1, close), start: this.base + p + 1, end: this.base + close, exact: true };
    }
    // Indicators, and `-`, `?`, `:` that start an indicator rather than a scalar.
    if (c === 91 || c === 93 || c === 123 || c === 125 || c === 44 || c === HASH || c === 38 || c === 42 || c === 33 || c === 124 || c === 62 || c === 37 || c === 64 || c === 96) bail();
    if ((c === 45 || c === 63 || c === 58) && (p + 1 >= end || /[\s,[\]{}]/.test(t[p + 1]))) bail();
    let e = p;
    while (e < end) {
      const ch = t.charCodeAt(e);
      if (ch === 44 || ch === 91 || ch === 93 || ch === 123 || ch === 125) break;
      if (ch === HASH && (t.charCodeAt(e - 1) === SPACE || t.charCodeAt(e - 1) === TAB)) bail();
      if (ch === 58) {
        const n = t.charCodeAt(e + 1);
        if (e + 1 >= end || n === SPACE || n === TAB || n === 44 || n === 91 || n === 93 || n === 123 || n === 125) {
          if (!isKey) bail();
          break;
        }
      }
      e++;
    }
    if (e >= end) bail();
    let v = e;
    while (v > p && (t.charCodeAt(v - 1) === SPACE || t.charCodeAt(v - 1) === TAB)) v--;
    this.p = e;
    const value = t.slice(p, v);
    if (value === '~' || value === 'null' || value === 'Null' || value === 'NULL') bail();
    return { kind: 'scalar', value, start: this.base + p, end: this.base + v, exact: true };
  }

  private space(): void {
    while (this.p < this.end && (this.t.charCodeAt(this.p) === SPACE || this.t.charCodeAt(this.p) === TAB)) this.p++;
    if (this.p >= this.end) bail();
  }
}
