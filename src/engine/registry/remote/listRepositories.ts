import { RegistryError } from '../RegistryError';
import type { RegistryClient } from './RegistryClient';
import { errorCode, isInsufficientScope } from './checkAnswer';
import { listPaged } from './listPaged';

/**
 * Every repository the registry lists in `/v2/_catalog`, `pageSize` per request.
 * A registry that does not offer the catalog (Docker Hub, most hosted ones: 404,
 * 405, `UNSUPPORTED`, or a token without the catalog scope) says so as
 * `catalogUnsupported`, so the caller can fall back to what it knows. Registries
 * cap `n` (distribution: 1,000; more is a 400), so ask at most that.
 */
export async function listRepositories(client: RegistryClient, pageSize = 100): Promise<string[]> {
  const req = { what: `list the repositories of ${client.host.domain}`, scope: 'registry:catalog:*' };
  const first = await client.request(`/v2/_catalog?n=${pageSize}`, req);
  if (first.status === 404 || first.status === 405 || errorCode(first) === 'UNSUPPORTED' || (first.status === 403 && client.host.domain === 'docker.io') || (first.status === 401 && isInsufficientScope(first))) {
    throw new RegistryError(
      `${client.host.domain} does not list its repositories (its catalog is not offered: ${first.status}); add a repository by name instead.`,
      'notFound',
      req.what,
      'catalogUnsupported',
      client.host.domain,
    );
  }
  return listPaged(client, `/v2/_catalog?n=${pageSize}`, 'repositories', req, {}, undefined, first);
}
