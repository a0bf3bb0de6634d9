import type { ReferenceError } from './types';
import { makeError } from './makeError';
import { scanHost } from './scanHost';

/** A reference that starts with an IPv6 '[' but has no '/' after it: what is wrong with the address, or that the path is missing. */
export function bracketError(s: string): ReferenceError {
  const at = s.indexOf('@');
  const end = at < 0 ? s.length : at;
  return scanHost(s, 0, end) ?? makeError('missing-path', "an IPv6 registry address must be followed by '/' and a repository name", 0, end);
}
