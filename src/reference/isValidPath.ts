import { scanPath } from './scanPath';

/** True when `s` is a repository path (`library/ubuntu`): path components joined by '/', 255 characters at most. */
export function isValidPath(s: string): boolean {
  if (s.length > 255) return false;
  const scan = scanPath(s, 0);
  return 'lastSlash' in scan && scan.end === s.length;
}
