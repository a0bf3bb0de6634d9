import type { ReferenceError } from './types';
import { Ch, Cls, is, skip } from './charClass';
import { explainCharacter } from './explainCharacter';
import { makeError } from './makeError';

const TAG_MAX = 128;

/**
 * Scans a tag starting at `start` (just after its ':'): a word character, then
 * word characters, '.' and '-', 128 at most. Stops at '@' (or the end) and
 * returns that position.
 *
 * Only a valid tag is read here, in a function small enough for the optimizer
 * to inline into the parse; anything else goes to the full scan, which
 * explains it.
 */
export function scanTag(s: string, start: number): number | ReferenceError {
  const n = s.length;
  if (start < n && is(s.charCodeAt(start), Cls.Word)) {
    const i = skip(s, start + 1, n, Cls.Tag);
    if ((i === n || s.charCodeAt(i) === Ch.At) && i - start <= TAG_MAX) return i;
  }
  return scanTagFully(s, start);
}

/** scanTag for every shape, explaining what is wrong. Exported for the test that holds the two to the same answers. */
export function scanTagFully(s: string, start: number): number | ReferenceError {
  const n = s.length;
  let c = start < n ? s.charCodeAt(start) : -1;
  if (c === -1 || c === Ch.At) {
    return start > 0 ? makeError('empty-tag', "tag is missing after ':'", start - 1, start) : makeError('empty-tag', 'tag is empty', 0, 0);
  }
  if (!is(c, Cls.Word)) {
    if (is(c, Cls.Tag)) return makeError('tag-start', "tag must start with a letter, digit or '_'", start, start + 1);
    if (c === Ch.Colon) return makeError('stray-colon', "unexpected second ':'", start, start + 1);
    return explainCharacter(s, start, 'tag');
  }
  const i = skip(s, start + 1, n, Cls.Tag);
  c = i < n ? s.charCodeAt(i) : -1;
  if (c !== -1 && c !== Ch.At) {
    if (c === Ch.Colon) return makeError('stray-colon', "unexpected ':' after the tag (a reference has one tag at most)", i, i + 1);
    if (c === Ch.Slash) return makeError('invalid-char', "'/' is not allowed in a tag", i, i + 1);
    return explainCharacter(s, i, 'tag');
  }
  if (i - start > TAG_MAX) return makeError('tag-too-long', `tag longer than ${TAG_MAX} characters (found ${i - start})`, start, i);
  return i;
}
