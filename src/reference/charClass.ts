/**
 * One lookup table for every ASCII character class the grammar needs, so each
 * character costs one array read and one mask instead of a chain of comparisons.
 */

/** a-z 0-9: what path components are made of. */
export const PATH_ALNUM = 1;
/** A-Z. */
export const UPPER = 2;
/** a-z A-Z 0-9: registry host components. */
export const HOST_ALNUM = 4;
/** a-z A-Z 0-9 _: Go's ASCII `\w`, the first character of a tag. */
export const WORD = 8;
/** a-z A-Z 0-9 _ . -: the rest of a tag. */
export const TAG = 16;
/** 0-9 a-f: digest hex (lowercase only, as go-digest demands). */
export const HEX = 32;
/** 0-9. */
export const DIGIT = 64;
/** 0-9 a-f A-F and ':': inside IPv6 brackets. */
export const IPV6 = 128;
/** . _ -: path separators. */
export const SEPARATOR = 256;
/** a-z A-Z 0-9 and - _ + .: digest algorithm characters. */
export const ALGORITHM = 512;

function build(): Uint16Array {
  const table = new Uint16Array(128);
  const mark = (from: string, to: string, bits: number): void => {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) table[c] |= bits;
  };
  mark('a', 'z', PATH_ALNUM | HOST_ALNUM | WORD | TAG | ALGORITHM);
  mark('0', '9', PATH_ALNUM | HOST_ALNUM | WORD | TAG | HEX | DIGIT | IPV6 | ALGORITHM);
  mark('A', 'Z', UPPER | HOST_ALNUM | WORD | TAG | ALGORITHM);
  mark('a', 'f', HEX | IPV6);
  mark('A', 'F', IPV6);
  mark(':', ':', IPV6);
  mark('_', '_', WORD | TAG | SEPARATOR | ALGORITHM);
  mark('.', '.', TAG | SEPARATOR | ALGORITHM);
  mark('-', '-', TAG | SEPARATOR | ALGORITHM);
  mark('+', '+', ALGORITHM);
  return table;
}

export const CLASS: Uint16Array = build();

/** True when the UTF-16 code `c` is in every class of `bits`; non-ASCII is in none. */
export function is(c: number, bits: number): boolean {
  return c < 128 && (CLASS[c] & bits) !== 0;
}

export const SLASH = 0x2f;
export const COLON = 0x3a;
export const AT = 0x40;
export const DOT = 0x2e;
export const UNDERSCORE = 0x5f;
export const DASH = 0x2d;
export const LBRACKET = 0x5b;
export const RBRACKET = 0x5d;
export const DOLLAR = 0x24;
export const LBRACE = 0x7b;
export const RBRACE = 0x7d;
export const PERCENT = 0x25;

/** Whitespace as a person pasting a reference would produce it: ASCII blanks and the Unicode space separators. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0x85) return false;
  return (
    c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}
