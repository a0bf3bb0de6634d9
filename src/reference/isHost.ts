import { Ch, Cls, is, skip } from './charClass';

/**
 * True when s[start, end) is `host[:port]`: the same grammar as scanHost, but
 * only the verdict. Nearly every host a parse meets is valid, or is invalid in
 * a way another part of the reference explains better, so the question is
 * asked here without building an error, and scanHost is called only when its
 * explanation is shown. A test holds the two to the same answers.
 */
export function isHost(s: string, start: number, end: number): boolean {
  let i = start;
  if (i === end) return false;
  if (s.charCodeAt(i) === Ch.LBracket) {
    i = skip(s, i + 1, end, Cls.Ipv6);
    if (i === start + 1 || i === end || s.charCodeAt(i) !== Ch.RBracket) return false;
    i++;
  } else {
    for (;;) {
      if (i === end || !is(s.charCodeAt(i), Cls.HostAlnum)) return false;
      i = skip(s, i + 1, end, Cls.HostInner);
      if (s.charCodeAt(i - 1) === Ch.Dash) return false;
      if (i === end || s.charCodeAt(i) !== Ch.Dot) break;
      i++;
    }
  }
  if (i === end) return true;
  if (s.charCodeAt(i) !== Ch.Colon) return false;
  const digits = skip(s, i + 1, end, Cls.Digit);
  return digits === end && digits > i + 1;
}
