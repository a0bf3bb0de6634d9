import type { RegistryClient } from './RegistryClient';
import { listPaged } from './listPaged';

/** Every tag of `path` (`team/app`, `library/busybox`) in the registry's order, `pageSize` per request. */
export function listTags(client: RegistryClient, path: string, pageSize = 100): Promise<string[]> {
  const repository = `${client.host.domain}/${path}`;
  return listPaged(client, `/v2/${path}/tags/list?n=${pageSize}`, 'tags', { what: `list the tags of ${repository}`, scope: `repository:${path}:pull` }, { repository: path });
}
