/**
 * Go's `path.Match`, enough of it for the FamiliarMatch vectors: `*` and `?`
 * never cross '/', `[...]` classes with `^` negation and ranges, `\` escapes,
 * and Go's refusal of a class item that starts with '-' or ']'. Throws on a
 * bad pattern, as Go returns ErrBadPattern.
 */
export function goPathMatch(pattern: string, name: string): boolean {
  let source = '^';
  let i = 0;
  const bad = (): never => {
    throw new Error('syntax error in pattern');
  };
  const escapeChar = (ch: string): string => ch.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  const classChar = (): string => {
    if (i >= pattern.length || pattern[i] === '-' || pattern[i] === ']') bad();
    if (pattern[i] === '\\') i++;
    if (i >= pattern.length) bad();
    return pattern[i++];
  };
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === '*') {
      source += '[^/]*';
      i++;
    } else if (ch === '?') {
      source += '[^/]';
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= pattern.length) bad();
      source += escapeChar(pattern[i + 1]);
      i += 2;
    } else if (ch === '[') {
      i++;
      let cls = '[';
      if (pattern[i] === '^') {
        cls += '^';
        i++;
      }
      let items = 0;
      for (;;) {
        if (pattern[i] === ']' && items > 0) {
          i++;
          break;
        }
        const lo = classChar();
        let hi = lo;
        if (pattern[i] === '-') {
          i++;
          hi = classChar();
        }
        cls += lo === hi ? escapeChar(lo) : `${escapeChar(lo)}-${escapeChar(hi)}`;
        items++;
      }
      source += `${cls}]`;
    } else {
      source += escapeChar(ch);
      i++;
    }
  }
  return new RegExp(`${source}$`, 'u').test(name);
}
