import { isHost } from './isHost';

/** True when `s` is a registry `host[:port]` (Go's anchored domainAndPort pattern). */
export function isValidDomain(s: string): boolean {
  return isHost(s, 0, s.length);
}
