import { convertToHostname } from './convertToHostname';

/** Where Docker Hub's credentials are filed in config.json and in credential helpers, for historical reasons. */
export const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';

/** The names Docker Hub goes by: a reference's domain, the index, and the v2 endpoint. */
const HUB_HOSTS = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/**
 * The key a registry's credentials are filed under, as the docker CLI files them:
 * Docker Hub as `https://index.docker.io/v1/`, every other registry as host[:port].
 * Takes a reference's domain (`docker.io`, `127.0.0.1:5000`) or what a user types
 * at login (`http://127.0.0.1:5000`, `https://index.docker.io/v1/`).
 */
export function registryKey(registry: string): string {
  const host = convertToHostname(registry);
  if (host === '' || HUB_HOSTS.has(host.toLowerCase())) return DOCKER_HUB_KEY;
  return host;
}
