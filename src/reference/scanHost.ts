import type { ReferenceError } from './types';
import { Ch, Cls, is, skip } from './charClass';
import { explainCharacter } from './explainCharacter';
import { makeError } from './makeError';

const WHERE = 'registry host name';

/** Hex digits and two or more colons: someone wrote an IPv6 address without its brackets. */
function looksLikeBareIpv6(s: string, start: number, end: number): boolean {
  let colons = 0;
  for (let j = start; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c === Ch.Colon) colons++;
    else if (!is(c, Cls.Ipv6)) return false;
  }
  return colons >= 2;
}

function scanPort(s: string, start: number, colon: number, end: number): ReferenceError | undefined {
  const i = skip(s, colon + 1, end, Cls.Digit);
  if (i === end && i > colon + 1) return undefined;
  if (colon + 1 === end) return makeError('port', "port must be a number (nothing follows the ':')", colon, colon + 1);
  if (looksLikeBareIpv6(s, start, end)) {
    return makeError('ipv6', 'an IPv6 registry address must be written in brackets, e.g. [fd00::1]:5000', start, end);
  }
  return makeError('port', 'port must be a number', colon + 1, end);
}

function scanBracketed(s: string, start: number, end: number): number | ReferenceError {
  const i = skip(s, start + 1, end, Cls.Ipv6);
  if (i === end) return makeError('ipv6', "IPv6 address has no closing ']'", start, end);
  const c = s.charCodeAt(i);
  if (c === Ch.RBracket) {
    if (i === start + 1) return makeError('ipv6', 'IPv6 address is empty', start, i + 1);
    return i + 1;
  }
  if (c === Ch.Percent) {
    const close = s.indexOf(']', i);
    return makeError('ipv6', 'IPv6 zone identifiers are not allowed in a registry address', i, close > i && close < end ? close : end);
  }
  if (c === Ch.Dot) return makeError('ipv6', 'IPv6 addresses with an embedded IPv4 part are not allowed in a registry address', i, i + 1);
  return explainCharacter(s, i, 'IPv6 address');
}

/**
 * Checks that s[start, end) is `host[:port]`: dot-separated components of
 * letters, digits and inner hyphens, or a bracketed IPv6 address. Returns
 * undefined when it is, else what is wrong. Nothing checks a port's range (Go doesn't).
 */
export function scanHost(s: string, start: number, end: number): ReferenceError | undefined {
  if (start === end) return makeError('host', 'registry host name is empty', start, start);
  let i = start;
  if (s.charCodeAt(i) === Ch.LBracket) {
    const r = scanBracketed(s, start, end);
    if (typeof r !== 'number') return r;
    i = r;
  } else {
    for (;;) {
      if (i === end) return makeError('host', 'empty component in registry host name', i - 1, i);
      const c = s.charCodeAt(i);
      if (!is(c, Cls.HostAlnum)) {
        if (c === Ch.Dash) return makeError('host', "registry host name component must not start with '-'", i, i + 1);
        if (c === Ch.Dot) return makeError('host', 'empty component in registry host name', i, i + 1);
        if (c === Ch.Colon) {
          if (i === start) return makeError('host', "registry host name is missing before ':'", i, i + 1);
          return makeError('host', 'empty component in registry host name', i - 1, i);
        }
        return explainCharacter(s, i, WHERE);
      }
      i = skip(s, i + 1, end, Cls.HostInner);
      if (s.charCodeAt(i - 1) === Ch.Dash) {
        let dashes = i - 1;
        while (s.charCodeAt(dashes - 1) === Ch.Dash) dashes--;
        return makeError('host', "registry host name component must not end with '-'", dashes, i);
      }
      if (i < end && s.charCodeAt(i) === Ch.Dot) {
        i++;
        continue;
      }
      break;
    }
  }
  if (i === end) return undefined;
  if (s.charCodeAt(i) === Ch.Colon) return scanPort(s, start, i, end);
  if (s.charCodeAt(start) === Ch.LBracket) return makeError('host', "expected ':port' or '/' after the IPv6 address", i, i + 1);
  return explainCharacter(s, i, WHERE);
}
