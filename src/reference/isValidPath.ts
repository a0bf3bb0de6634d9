import { scanPath } from './scanPath';

/** True when `s` is a repository path (`library/ubuntu`): path components joined by '/', 255 characters at most. */
export function isValidPath(s: string): boolean {
  return s.length <= 255 && scanPath(s, 0) === s.length;
}
