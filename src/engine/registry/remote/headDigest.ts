import { createHash } from 'node:crypto';
import type { RegistryClient } from './RegistryClient';
import { checkAnswer } from './checkAnswer';
import { ACCEPT_MANIFESTS } from './manifestTypes';

/** What a tag points to now, by HEAD (no body): its digest and media type. */
export interface TagDigest {
  readonly digest: string;
  readonly mediaType: string;
}

/**
 * The digest a tag (or digest) resolves to in the registry: one HEAD request
 * accepting every manifest kind, read from `Docker-Content-Digest`. Only a
 * registry that leaves that header out costs a GET, hashed here.
 */
export async function headDigest(client: RegistryClient, path: string, reference: string): Promise<TagDigest> {
  const req = { what: `look up ${client.host.domain}/${path}${reference.includes(':') ? '@' : ':'}${reference}`, scope: `repository:${path}:pull`, accept: ACCEPT_MANIFESTS };
  const url = `/v2/${path}/manifests/${reference}`;
  const res = await checkAnswer(client, await client.request(url, { ...req, method: 'HEAD' }), req, { repository: path, tag: reference });
  const digest = res.headers['docker-content-digest'];
  const mediaType = (res.headers['content-type'] ?? '').split(';')[0].trim();
  if (typeof digest === 'string' && /^sha256:[0-9a-f]{64}$/.test(digest)) return { digest, mediaType };
  const full = await checkAnswer(client, await client.request(url, req), req, { repository: path, tag: reference });
  return { digest: `sha256:${createHash('sha256').update(full.body).digest('hex')}`, mediaType };
}
