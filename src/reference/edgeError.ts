import type { ReferenceError } from './types';
import { isSpace } from './charClass';
import { makeError } from './makeError';

/** Leading and trailing blanks are the commonest paste accident, so they are named before anything else. */
function edgeWhitespace(s: string): ReferenceError | undefined {
  const n = s.length;
  if (isSpace(s.charCodeAt(0))) {
    let end = 1;
    while (end < n && isSpace(s.charCodeAt(end))) end++;
    if (end === n) return makeError('whitespace', 'reference is blank', 0, n);
    return makeError('whitespace', 'leading whitespace before the reference', 0, end);
  }
  if (isSpace(s.charCodeAt(n - 1))) {
    let start = n - 1;
    while (isSpace(s.charCodeAt(start - 1))) start--;
    return makeError('whitespace', 'trailing whitespace after the reference', start, n);
  }
  return undefined;
}

/** Whitespace is ASCII blank or beyond '~': two comparisons at each end spare nearly every reference the call to edgeError. */
export function isPrintable(c: number): boolean {
  return c > 0x20 && c <= 0x7e;
}

/** An empty reference, or blanks around one: what is wrong before any part is read. */
export function edgeError(s: string): ReferenceError | undefined {
  const n = s.length;
  if (n === 0) return makeError('empty', 'reference is empty', 0, 0);
  return edgeWhitespace(s);
}
