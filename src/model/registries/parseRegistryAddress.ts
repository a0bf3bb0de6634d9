import { DEFAULT_DOMAIN, LEGACY_DOMAIN } from '../../reference/dockerHub';
import { scanHost } from '../../reference/scanHost';

/** What is wrong with an address typed by hand, and where ([start, end) in the text as typed). */
export interface EntryProblem {
  readonly problem: string;
  readonly start: number;
  readonly end: number;
}

export type RegistryAddress = { readonly ok: true; readonly domain: string } | { readonly ok: false; readonly error: EntryProblem };

/**
 * A registry as a reference names it, `host[:port]` (`registry.example.com`,
 * `127.0.0.1:5000`, `[fd00::1]:5000`), checked before anything is stored or
 * asked. Docker Hub's other names are read as `docker.io`, as the docker CLI does.
 * A name with no dot, no port and not `localhost` is refused: in a reference it
 * would be a Docker Hub namespace, so images could never name that registry.
 */
export function parseRegistryAddress(text: string): RegistryAddress {
  const fail = (problem: string, start: number, end: number): RegistryAddress => ({ ok: false, error: { problem, start, end } });
  const lead = text.length - text.trimStart().length;
  const host = text.trim();
  if (!host) return fail('it is empty: give the registry as host[:port], e.g. registry.example.com or 127.0.0.1:5000', 0, text.length);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(host);
  if (scheme) return fail(`give the registry as host[:port], without "${scheme[0]}" (Stowage uses HTTPS, or HTTP where the engine does)`, lead, lead + scheme[0].length);
  const slash = host.indexOf('/');
  if (slash >= 0) return fail('a registry is host[:port] alone; add a repository under the registry once it is added', lead + slash, lead + host.length);
  const error = scanHost(host, 0, host.length);
  if (error) return fail(error.message, lead + error.start, lead + Math.max(error.end, error.start + 1));
  const lower = host.toLowerCase();
  if (lower === LEGACY_DOMAIN || lower === 'registry-1.docker.io' || lower === DEFAULT_DOMAIN) return { ok: true, domain: DEFAULT_DOMAIN };
  if (host !== host.toLowerCase() && !host.startsWith('[')) return fail('uppercase letters: references name registries in lowercase', lead, lead + host.length);
  if (!host.includes('.') && !host.includes(':') && host !== 'localhost') {
    return fail(`"${host}" would be read as a Docker Hub namespace in an image name: give a name with a dot or a port (e.g. ${host}.local or ${host}:5000), or localhost`, lead, lead + host.length);
  }
  return { ok: true, domain: host };
}
