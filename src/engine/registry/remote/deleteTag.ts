import type { RegistryClient } from './RegistryClient';
import { checkAnswer } from './checkAnswer';
import { headDigest } from './headDigest';

/**
 * Deletes the manifest a tag points to: every tag that points to that digest
 * goes with it (the registry deletes manifests, not tags). A registry without
 * deletion enabled answers 405 (`UNSUPPORTED`), said in words.
 */
export async function deleteTag(client: RegistryClient, path: string, tag: string): Promise<{ digest: string }> {
  const { digest } = await headDigest(client, path, tag);
  const req = { what: `delete ${client.host.domain}/${path}:${tag}`, scope: `repository:${path}:delete`, method: 'DELETE' as const };
  const res = await client.request(`/v2/${path}/manifests/${digest}`, req);
  if (res.status === 405) throw client.fail(req, 'denied', 'engine', `${client.host.domain} does not allow deleting manifests (405: deletion is not enabled there).`);
  await checkAnswer(client, res, req, { repository: path, tag });
  return { digest };
}
