import type { ReferenceError } from './types';
import { AT, COLON, DOT, PATH_ALNUM, SEPARATOR, SLASH, UNDERSCORE, UPPER, is } from './charClass';
import { explainCharacter } from './explainCharacter';
import { makeError } from './makeError';

const WHERE = 'repository name';

function uppercase(s: string, i: number): ReferenceError {
  let end = i + 1;
  while (end < s.length && is(s.charCodeAt(end), UPPER)) end++;
  return makeError('uppercase', 'uppercase letter in repository name', i, end);
}

function emptyComponent(s: string, start: number, i: number): ReferenceError {
  const n = s.length;
  const c = i < n ? s.charCodeAt(i) : -1;
  if (i === start && start === 0) {
    if (c === COLON) return makeError('missing-name', "a tag needs a repository name before ':'", 0, 1);
    if (c === AT) return makeError('missing-name', "a digest needs a repository name before '@'", 0, 1);
    return makeError('empty-component', "a reference must not start with '/'", 0, 1);
  }
  if (i === start && c !== SLASH) return makeError('missing-name', "repository name missing after the registry's '/'", start - 1, start);
  if (c === SLASH) return makeError('empty-component', "empty path component ('//') in repository name", i - 1, i + 1);
  return makeError('empty-component', "repository name must not end with '/'", i - 1, i);
}

function separatorName(s: string, from: number, to: number): string {
  return `'${s.slice(from, Math.min(to, from + 10))}${to - from > 10 ? '...' : ''}'`;
}

/**
 * Scans the repository path starting at `start`: lowercase alphanumeric
 * components joined by '/', with '.', '_', '__' or a run of '-' inside a
 * component. Stops at ':' or '@' (or the end) and returns that position.
 */
export function scanPath(s: string, start: number): number | ReferenceError {
  const n = s.length;
  let i = start;
  for (;;) {
    let c = i < n ? s.charCodeAt(i) : -1;
    if (!is(c, PATH_ALNUM)) {
      if (c === -1 || c === SLASH || c === COLON || c === AT) return emptyComponent(s, start, i);
      if (is(c, SEPARATOR)) {
        let end = i + 1;
        while (end < n && is(s.charCodeAt(end), SEPARATOR)) end++;
        return makeError('separator-position', 'path component must start with a lowercase letter or digit', i, end);
      }
      if (is(c, UPPER)) return uppercase(s, i);
      return explainCharacter(s, i, WHERE);
    }
    for (;;) {
      i++;
      while (i < n && is(s.charCodeAt(i), PATH_ALNUM)) i++;
      c = i < n ? s.charCodeAt(i) : -1;
      if (!is(c, SEPARATOR)) break;
      const sepStart = i;
      let dots = 0;
      let underscores = 0;
      do {
        if (c === DOT) dots++;
        else if (c === UNDERSCORE) underscores++;
        c = ++i < n ? s.charCodeAt(i) : -1;
      } while (is(c, SEPARATOR));
      const length = i - sepStart;
      const dashes = length - dots - underscores;
      if (!(length === 1 || dashes === length || (underscores === 2 && length === 2))) {
        return makeError('separator', `${separatorName(s, sepStart, i)} is not a valid separator (use '.', '_', '__' or dashes)`, sepStart, i);
      }
      if (!is(c, PATH_ALNUM)) {
        if (c === -1 || c === SLASH || c === COLON || c === AT) {
          return makeError('separator-position', `path component must not end with ${separatorName(s, sepStart, i)}`, sepStart, i);
        }
        if (is(c, UPPER)) return uppercase(s, i);
        return explainCharacter(s, i, WHERE);
      }
    }
    if (c === SLASH) {
      i++;
      continue;
    }
    if (c === -1 || c === COLON || c === AT) return i;
    if (is(c, UPPER)) return uppercase(s, i);
    return explainCharacter(s, i, WHERE);
  }
}
