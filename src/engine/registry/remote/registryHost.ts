import { DEFAULT_DOMAIN, LEGACY_DOMAIN } from '../../../reference/dockerHub';

/** Where a registry's HTTP API answers, and how to reach it. */
export interface RegistryHost {
  /** The registry as references name it: `127.0.0.1:5000`, `docker.io`. */
  readonly domain: string;
  /** host[:port] of the API: `registry-1.docker.io` for Docker Hub, else the domain. */
  readonly apiHost: string;
  readonly secure: boolean;
}

/**
 * The API host and scheme the docker CLI and engine would use for a registry:
 * Docker Hub's domains go to `registry-1.docker.io`; plain HTTP only for
 * localhost, 127.0.0.0/8 and the registries the engine lists as insecure
 * (host[:port] or a CIDR of IPv4 addresses), HTTPS for every other.
 */
export function registryHost(domain: string, insecureRegistries: readonly string[] = []): RegistryHost {
  const lower = domain.toLowerCase();
  if (lower === DEFAULT_DOMAIN || lower === LEGACY_DOMAIN || lower === 'registry-1.docker.io') {
    return { domain: DEFAULT_DOMAIN, apiHost: 'registry-1.docker.io', secure: true };
  }
  return { domain, apiHost: domain, secure: !isInsecure(lower, insecureRegistries) };
}

function hostOnly(domain: string): string {
  if (domain.startsWith('[')) return domain.slice(1, domain.indexOf(']'));
  const colon = domain.lastIndexOf(':');
  return colon === -1 ? domain : domain.slice(0, colon);
}

function isInsecure(domain: string, insecure: readonly string[]): boolean {
  const host = hostOnly(domain);
  if (host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  for (const entry of insecure) {
    const e = entry.toLowerCase();
    if (e === domain || e === host) return true;
    if (e.includes('/') && inCidr(host, e)) return true;
  }
  return false;
}

function ipv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0;
}

function inCidr(host: string, cidr: string): boolean {
  const [net, bitsText] = cidr.split('/');
  const addr = ipv4(host);
  const base = ipv4(net);
  const bits = Number(bitsText);
  if (addr === undefined || base === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (addr & mask) === (base & mask);
}
