import { Cls, is } from './charClass';

/** True for a bare image ID: exactly 64 lowercase hex digits (Go's anchored identifier pattern). */
export function isValidIdentifier(s: string): boolean {
  if (s.length !== 64) return false;
  for (let i = 0; i < 64; i++) if (!is(s.charCodeAt(i), Cls.Hex)) return false;
  return true;
}
