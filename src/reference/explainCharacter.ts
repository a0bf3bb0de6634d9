import type { ReferenceError } from './types';
import { Ch, Cls, is, isSpace, skip } from './charClass';
import { makeError } from './makeError';
import { quote } from './quote';

/** The end of a `${...}` (nesting counted) or `$NAME` starting at `i`; the input's end when unclosed. */
function variableEnd(s: string, i: number): { end: number; closed: boolean } {
  const n = s.length;
  if (i + 1 < n && s.charCodeAt(i + 1) === Ch.LBrace) {
    let depth = 0;
    for (let j = i + 1; j < n; j++) {
      const c = s.charCodeAt(j);
      if (c === Ch.LBrace) depth++;
      else if (c === Ch.RBrace && --depth === 0) return { end: j + 1, closed: true };
    }
    return { end: n, closed: false };
  }
  return { end: skip(s, i + 1, n, Cls.Word), closed: true };
}

function describe(c: number, ch: string): string {
  if (c < 0x20 || c === 0x7f) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}

/**
 * Explains a character no rule of the grammar accepts at `i`: whitespace and
 * `${VAR}` text get their own codes because editors treat them differently
 * (a compose file's variables are reported, or not, by the caller).
 */
export function explainCharacter(s: string, i: number, where: string): ReferenceError {
  const c = s.charCodeAt(i);
  if (isSpace(c)) {
    let end = i + 1;
    while (end < s.length && isSpace(s.charCodeAt(end))) end++;
    return makeError('whitespace', `whitespace inside the ${where}`, i, end);
  }
  if (c === Ch.Dollar && i + 1 < s.length && (s.charCodeAt(i + 1) === Ch.LBrace || is(s.charCodeAt(i + 1), Cls.Word))) {
    const v = variableEnd(s, i);
    const text = quote(s.slice(i, v.end));
    const message = v.closed
      ? `${text} is a variable, not part of an image reference`
      : `unclosed variable ${text}`;
    return makeError('variable', message, i, v.end);
  }
  const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  const end = pair ? i + 2 : i + 1;
  return makeError('invalid-char', `${describe(c, s.slice(i, end))} is not allowed in the ${where}`, i, end);
}
