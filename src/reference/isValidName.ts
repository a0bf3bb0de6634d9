import { parseReference } from './parseReference';

/** True when `s` is `[domain/]path` as written, with no tag or digest (Go's anchored name pattern plus the length limit). */
export function isValidName(s: string): boolean {
  const r = parseReference(s, 'strict');
  return r.valid && r.tag === null && r.digest === null;
}
