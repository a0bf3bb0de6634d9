import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';

/** Where the engine looks for a registry's own CAs: `<dir>/<host[:port]>/*.crt`. */
export const DOCKER_CERTS_DIR = '/etc/docker/certs.d';

/**
 * The CAs to trust for a registry: the system's (Node's bundle), plus the
 * `*.crt` files the engine reads for that host. Undefined when the folder has
 * none, so Node's defaults apply unchanged.
 */
export function registryCas(apiHost: string, certsDir = DOCKER_CERTS_DIR): string[] | undefined {
  let names: string[];
  try {
    names = readdirSync(join(certsDir, apiHost));
  } catch {
    return undefined;
  }
  const own = names.filter((n) => n.endsWith('.crt')).map((n) => readFileSync(join(certsDir, apiHost, n), 'utf8'));
  return own.length ? [...rootCertificates, ...own] : undefined;
}
