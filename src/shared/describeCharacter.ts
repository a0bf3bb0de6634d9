const NAMES: Record<number, string> = {
  0x09: 'tab',
  0x0b: 'vertical tab',
  0x0c: 'form feed',
  0x85: 'next line',
  0xa0: 'no-break space',
  0x1680: 'ogham space mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202f: 'narrow no-break space',
  0x205f: 'medium mathematical space',
  0x3000: 'ideographic space',
  0xfeff: 'byte order mark',
};

/** A character as a message can show it, invisible ones by code point: `U+00A0 (no-break space)`. */
export function describeCharacter(ch: string): string {
  const c = ch.codePointAt(0) ?? 0;
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  if (c >= 0x2000 && c <= 0x200a) return `${code} (a typographic space)`;
  if (NAMES[c]) return `${code} (${NAMES[c]})`;
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c < 0xa0)) return `${code} (control character)`;
  if (c >= 0xd800 && c <= 0xdfff) return `${code} (half of a surrogate pair, without its other half)`;
  return `"${ch}"`;
}
