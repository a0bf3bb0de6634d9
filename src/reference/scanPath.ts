import type { ReferenceError } from './types';
import { CLASS, Ch, Cls, is, skip } from './charClass';
import { explainCharacter } from './explainCharacter';
import { makeError } from './makeError';

const WHERE = 'repository name';

function uppercase(s: string, i: number): ReferenceError {
  let end = i + 1;
  while (end < s.length && is(s.charCodeAt(end), Cls.Upper)) end++;
  return makeError('uppercase', 'uppercase letter in repository name', i, end);
}

function emptyComponent(s: string, start: number, i: number): ReferenceError {
  const n = s.length;
  const c = i < n ? s.charCodeAt(i) : -1;
  if (i === start && start === 0) {
    if (c === Ch.Colon) return makeError('missing-name', "a tag needs a repository name before ':'", 0, 1);
    if (c === Ch.At) return makeError('missing-name', "a digest needs a repository name before '@'", 0, 1);
    return makeError('empty-component', "a reference must not start with '/'", 0, 1);
  }
  if (i === start && c !== Ch.Slash) return makeError('missing-name', "repository name missing after the registry's '/'", start - 1, start);
  if (c === Ch.Slash) return makeError('empty-component', "empty path component ('//') in repository name", i - 1, i + 1);
  return makeError('empty-component', "repository name must not end with '/'", i - 1, i);
}

/** A run of separator characters is one separator if it is '.', '_', '__' or dashes only. */
function isSeparator(s: string, from: number, to: number): boolean {
  if (to - from === 1) return true;
  const first = s.charCodeAt(from);
  if (to - from === 2 && first === Ch.Underscore) return s.charCodeAt(from + 1) === Ch.Underscore;
  if (first !== Ch.Dash) return false;
  let i = from + 1;
  while (i < to && s.charCodeAt(i) === Ch.Dash) i++;
  return i === to;
}

function separatorName(s: string, from: number, to: number): string {
  return `'${s.slice(from, Math.min(to, from + 10))}${to - from > 10 ? '...' : ''}'`;
}

/*
 * A scan's by-products, overwritten by each scan and read at once by the
 * caller: the scan itself returns only a number, so a parse allocates nothing
 * here and every return has one type.
 */
let lastSlashSeen = -1;
let failure: ReferenceError | undefined;

/** The last '/' the latest successful scan crossed (-1 for none). */
export function pathLastSlash(): number {
  return lastSlashSeen;
}

/** What the latest failed scan found wrong. */
export function pathError(): ReferenceError {
  return failure as ReferenceError;
}

function fail(error: ReferenceError): number {
  failure = error;
  return -1;
}

/**
 * Scans the repository path starting at `start`: lowercase alphanumeric
 * components joined by '/', with '.', '_', '__' or a run of '-' inside a
 * component. Stops at ':' or '@' (or the end) and returns that position, or -1
 * when the path is wrong (then pathError() says how).
 *
 * Nearly every path is alphanumerics with one-character separators. This
 * reads only that shape and hands anything else (a '__', a '--', any error) to
 * the full scan from the start: it is small enough for the optimizer to inline
 * into the parse, which the full scan, with all its explanations, is not.
 */
export function scanPath(s: string, start: number): number {
  const n = s.length;
  const table = CLASS;
  let i = start;
  let lastSlash = -1;
  for (;;) {
    let c = i < n ? s.charCodeAt(i) : 128;
    if (c >= 128 || (table[c] & Cls.PathAlnum) === 0) return scanPathFully(s, start);
    for (;;) {
      c = ++i < n ? s.charCodeAt(i) : -1;
      if (c >= 128) return scanPathFully(s, start);
      if (c < 0) break;
      const k = table[c];
      if ((k & Cls.PathAlnum) !== 0) continue;
      if ((k & Cls.Separator) === 0) break;
      const next = i + 1 < n ? s.charCodeAt(i + 1) : 128;
      if (next >= 128 || (table[next] & Cls.PathAlnum) === 0) return scanPathFully(s, start);
      i++;
    }
    if (c === Ch.Slash) {
      lastSlash = i++;
      continue;
    }
    if (c === -1 || c === Ch.Colon || c === Ch.At) {
      lastSlashSeen = lastSlash;
      return i;
    }
    return scanPathFully(s, start);
  }
}

/** scanPath for every shape, explaining what is wrong. Exported for the test that holds the two to the same answers. */
export function scanPathFully(s: string, start: number): number {
  const n = s.length;
  let i = start;
  let lastSlash = -1;
  for (;;) {
    let c = i < n ? s.charCodeAt(i) : -1;
    if (!is(c, Cls.PathAlnum)) {
      if (c === -1 || c === Ch.Slash || c === Ch.Colon || c === Ch.At) return fail(emptyComponent(s, start, i));
      if (is(c, Cls.Separator)) {
        return fail(makeError('separator-position', 'path component must start with a lowercase letter or digit', i, skip(s, i + 1, n, Cls.Separator)));
      }
      if (is(c, Cls.Upper)) return fail(uppercase(s, i));
      return fail(explainCharacter(s, i, WHERE));
    }
    for (;;) {
      i = skip(s, i + 1, n, Cls.PathAlnum);
      c = i < n ? s.charCodeAt(i) : -1;
      if (!is(c, Cls.Separator)) break;
      // Nearly every separator is one character between alphanumerics; only longer runs need counting.
      if (i + 1 < n && is(s.charCodeAt(i + 1), Cls.PathAlnum)) {
        i++;
        continue;
      }
      const sepStart = i;
      i = skip(s, i + 1, n, Cls.Separator);
      c = i < n ? s.charCodeAt(i) : -1;
      if (!isSeparator(s, sepStart, i)) {
        return fail(makeError('separator', `${separatorName(s, sepStart, i)} is not a valid separator (use '.', '_', '__' or dashes)`, sepStart, i));
      }
      if (!is(c, Cls.PathAlnum)) {
        if (c === -1 || c === Ch.Slash || c === Ch.Colon || c === Ch.At) {
          return fail(makeError('separator-position', `path component must not end with ${separatorName(s, sepStart, i)}`, sepStart, i));
        }
        if (is(c, Cls.Upper)) return fail(uppercase(s, i));
        return fail(explainCharacter(s, i, WHERE));
      }
    }
    if (c === Ch.Slash) {
      lastSlash = i++;
      continue;
    }
    if (c === -1 || c === Ch.Colon || c === Ch.At) {
      lastSlashSeen = lastSlash;
      return i;
    }
    if (is(c, Cls.Upper)) return fail(uppercase(s, i));
    return fail(explainCharacter(s, i, WHERE));
  }
}
