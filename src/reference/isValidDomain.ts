import { scanHost } from './scanHost';

/** True when `s` is a registry `host[:port]` (Go's anchored domainAndPort pattern). */
export function isValidDomain(s: string): boolean {
  return s.length > 0 && scanHost(s, 0, s.length) === undefined;
}
