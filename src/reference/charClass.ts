/**
 * One lookup table for every ASCII character class the grammar needs, so each
 * character costs one array read and one mask instead of a chain of comparisons.
 * The classes and character codes are const enums so the compiler inlines them
 * into the scanning loops.
 */

export const enum Cls {
  /** a-z 0-9: what path components are made of. */
  PathAlnum = 1,
  /** A-Z. */
  Upper = 2,
  /** a-z A-Z 0-9: registry host components. */
  HostAlnum = 4,
  /** a-z A-Z 0-9 _: Go's ASCII `\w`, the first character of a tag. */
  Word = 8,
  /** a-z A-Z 0-9 _ . -: the rest of a tag. */
  Tag = 16,
  /** 0-9 a-f: digest hex (lowercase only, as go-digest demands). */
  Hex = 32,
  /** 0-9. */
  Digit = 64,
  /** 0-9 a-f A-F and ':': inside IPv6 brackets. */
  Ipv6 = 128,
  /** . _ -: path separators. */
  Separator = 256,
  /** a-z A-Z 0-9 and - _ + .: digest algorithm characters. */
  Algorithm = 512,
  /** a-z A-Z 0-9 -: inside a registry host component. */
  HostInner = 1024,
}

export const enum Ch {
  Dollar = 0x24,
  Percent = 0x25,
  Dash = 0x2d,
  Dot = 0x2e,
  Slash = 0x2f,
  Colon = 0x3a,
  At = 0x40,
  LBracket = 0x5b,
  RBracket = 0x5d,
  Underscore = 0x5f,
  LBrace = 0x7b,
  RBrace = 0x7d,
}

function build(): Uint16Array {
  const table = new Uint16Array(128);
  const mark = (from: string, to: string, bits: number): void => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) table[c] |= bits;
  };
  mark('a', 'z', Cls.PathAlnum | Cls.HostAlnum | Cls.HostInner | Cls.Word | Cls.Tag | Cls.Algorithm);
  mark('0', '9', Cls.PathAlnum | Cls.HostAlnum | Cls.HostInner | Cls.Word | Cls.Tag | Cls.Hex | Cls.Digit | Cls.Ipv6 | Cls.Algorithm);
  mark('A', 'Z', Cls.Upper | Cls.HostAlnum | Cls.HostInner | Cls.Word | Cls.Tag | Cls.Algorithm);
  mark('a', 'f', Cls.Hex | Cls.Ipv6);
  mark('A', 'F', Cls.Ipv6);
  mark(':', ':', Cls.Ipv6);
  mark('_', '_', Cls.Word | Cls.Tag | Cls.Separator | Cls.Algorithm);
  mark('.', '.', Cls.Tag | Cls.Separator | Cls.Algorithm);
  mark('-', '-', Cls.Tag | Cls.Separator | Cls.Algorithm | Cls.HostInner);
  mark('+', '+', Cls.Algorithm);
  return table;
}

/** Indexed by an ASCII code; callers check `c < 128` first. */
export const CLASS: Uint16Array = build();

/** True when the UTF-16 code `c` is in one of the classes in `bits`; non-ASCII is in none. */
export function is(c: number, bits: number): boolean {
  return c < 128 && (CLASS[c] & bits) !== 0;
}

/**
 * The first index from `i` (before `end`) whose character is in none of
 * `bits`. Every run of like characters goes through here, so it is written
 * for the optimizer: one table read per character, no call per character.
 */
export function skip(s: string, i: number, end: number, bits: number): number {
  const table = CLASS;
  while (i < end) {
    const c = s.charCodeAt(i);
    if (c >= 128 || (table[c] & bits) === 0) break;
    i++;
  }
  return i;
}

/** Whitespace as a person pasting a reference would produce it: ASCII blanks and the Unicode space separators. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
