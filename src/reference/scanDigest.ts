import type { ReferenceError } from './types';
import { Ch, Cls, skip } from './charClass';
import { explainCharacter } from './explainCharacter';
import { makeError } from './makeError';
import { quote } from './quote';
import { digestHexLength } from './digestHexLength';

function explainHexCharacter(s: string, i: number): ReferenceError {
  const c = s.charCodeAt(i);
  if (c >= 0x41 && c <= 0x46) {
    let end = i + 1;
    while (end < s.length && s.charCodeAt(end) >= 0x41 && s.charCodeAt(end) <= 0x46) end++;
    return makeError('digest-hex', 'digest hex must be lowercase', i, end);
  }
  if (c === Ch.At) return makeError('stray-at', "unexpected '@' after the digest (a reference has one digest at most)", i, i + 1);
  if (c === Ch.Colon) return makeError('stray-colon', "unexpected ':' in the digest's hex", i, i + 1);
  const e = explainCharacter(s, i, 'digest');
  return e.code === 'invalid-char' ? makeError('digest-hex', `'${s.slice(e.start, e.end)}' is not a hex digit`, e.start, e.end) : e;
}

/**
 * Scans a digest starting at `start` (just after its '@'): `algorithm:hex`,
 * where the algorithm is one the docker CLI knows and the hex is lowercase and
 * exactly as long as the algorithm's output. Runs to the end of the input.
 */
export function scanDigest(s: string, start: number): number | ReferenceError {
  const n = s.length;
  if (start >= n) {
    return start > 0 ? makeError('empty-digest', "digest is missing after '@'", start - 1, start) : makeError('empty-digest', 'digest is empty', 0, 0);
  }
  let i = skip(s, start, n, Cls.Algorithm);
  if (i === n) return makeError('digest-format', 'digest must be algorithm:hex, e.g. sha256:<64 hex digits>', start, n);
  const c = s.charCodeAt(i);
  if (c !== Ch.Colon) {
    if (c === Ch.At) return makeError('stray-at', i === start ? "unexpected second '@'" : "unexpected '@' in the digest", i, i + 1);
    return explainCharacter(s, i, 'digest algorithm');
  }
  if (i === start) return makeError('digest-format', "digest algorithm is missing before ':'", i, i + 1);
  const expected = digestHexLength(s, start, i);
  if (expected === 0) {
    const algorithm = s.slice(start, i);
    const lower = algorithm.toLowerCase();
    const message = digestHexLength(lower) !== 0 && lower !== algorithm
      ? `digest algorithm must be lowercase: ${lower}`
      : `unsupported digest algorithm '${quote(algorithm)}' (use sha256, sha384 or sha512)`;
    return makeError('digest-algorithm', message, start, i);
  }
  const hexStart = i + 1;
  i = skip(s, hexStart, n, Cls.Hex);
  if (i < n) return explainHexCharacter(s, i);
  const found = i - hexStart;
  if (found !== expected) {
    const algorithm = s.slice(start, hexStart - 1);
    const span = found === 0 ? [hexStart - 1, hexStart] : [hexStart, i];
    return makeError('digest-length', `${algorithm} digest needs ${expected} hex characters, found ${found}`, span[0], span[1]);
  }
  return i;
}
