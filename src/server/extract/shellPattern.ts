/**
 * `${V#pat}`, `${V##pat}`, `${V%pat}`, `${V%%pat}` as BuildKit's Dockerfile frontend
 * reads them: `*` and `?` are the only wildcards (no bracket classes), `\` escapes one
 * of `*`, `?`, `\`. The shortest match is removed, or the longest with the doubled
 * operator. A suffix is trimmed by matching the reversed pattern against the reversed
 * value, as the frontend does. Returns undefined for a pattern the frontend refuses.
 */
export function trimByPattern(value: string, pattern: string, side: 'prefix' | 'suffix', longest: boolean): string | undefined {
  if (side === 'prefix') return trimPrefix(value, pattern, longest);
  const trimmed = trimPrefix(reverse(value), reversePattern(pattern), longest);
  return trimmed === undefined ? undefined : reverse(trimmed);
}

/**
 * `${V/pat/rep}` (first match) and `${V//pat/rep}` (every match): `*` matches as much as
 * it can, as in the frontend. The replacement is literal text. Undefined for a refused pattern.
 */
export function replaceByPattern(value: string, pattern: string, replacement: string, all: boolean): string | undefined {
  const re = patternRegExp(pattern, true, false, all);
  return re ? value.replace(re, () => replacement) : undefined;
}

function trimPrefix(value: string, pattern: string, longest: boolean): string | undefined {
  const re = patternRegExp(pattern, longest, true, false);
  if (!re) return undefined;
  const m = re.exec(value);
  return m ? value.slice(m[0].length) : value;
}

const REGEX_SPECIAL = new Set(['[', ']', '{', '}', '.', '+', '(', ')', '|', '^', '$']);

/** The pattern as a regular expression; undefined for an escape the frontend rejects. */
function patternRegExp(pattern: string, longest: boolean, anchored: boolean, global: boolean): RegExp | undefined {
  const chars = Array.from(pattern);
  let source = anchored ? '^' : '';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') source += longest ? '.*' : '.*?';
    else if (c === '?') source += '.';
    else if (c === '\\') {
      if (chars[i + 1] === '}' || chars[i + 1] === '/') continue;
      const next = chars[++i];
      if (next !== '*' && next !== '?' && next !== '\\') return undefined;
      source += `\\${next}`;
    } else source += REGEX_SPECIAL.has(c) ? `\\${c}` : c;
  }
  return new RegExp(source, global ? 'gu' : 'u');
}

/** The pattern read backwards, each `\x` escape kept in its order. */
function reversePattern(pattern: string): string {
  const chars = Array.from(pattern);
  const out: string[] = [];
  for (let i = 0; i < chars.length; ) {
    if (chars[i] === '\\' && i !== chars.length - 1) {
      out.push(chars[i] + chars[i + 1]);
      i += 2;
    } else out.push(chars[i++]);
  }
  return out.reverse().join('');
}

function reverse(s: string): string {
  return Array.from(s).reverse().join('');
}
