import { request } from 'node:http';
import type { Engine } from '../../../src/engine/Engine';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { digestOf } from '../../support/tokenRegistry';
import { login } from '../../../src/engine/registry/login';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { cleanup, uniqueName } from '../../support/testEngine';
import { deleteRegistryTag } from '../../e2e/support/deleteRegistryTag';
import { registryAccount, tempDockerConfig, uniqueImage, type TempDockerConfig } from '../registry/registryTestKit';

export const account = registryAccount();

/** A repository of this test's own in the test registry, under `s9reg/`, holding `tags` (one image, several names). */
export interface PushedRepository {
  readonly path: string;
  readonly repository: string;
  readonly tags: string[];
  readonly cfg: TempDockerConfig;
  readonly remove: () => Promise<void>;
}

export async function pushedRepository(engine: Engine, tags: string[], label = 'repo'): Promise<PushedRepository> {
  const cfg = tempDockerConfig();
  const path = `s9reg/${uniqueName(label)}`;
  const repository = `${account.registry}/${path}`;
  const remove = async () => {
    for (const tag of tags) await deleteRegistryTag(account, path, tag).catch(() => {});
    await cleanup(engine, { images: tags.map((t) => `${repository}:${t}`) });
    cfg.remove();
  };
  try {
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await uniqueImage(engine, repository, tags[0], 0);
    for (const tag of tags.slice(1)) await engine.api.getImage(`${repository}:${tags[0]}`).tag({ repo: repository, tag });
    await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
    return { path, repository, tags, cfg, remove };
  } catch (err) {
    await remove();
    throw err;
  }
}

const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

/** An entry of an index pushed by pushIndex: a tag of the repository, declared for a platform (attestation: as BuildKit writes them). */
export interface IndexEntrySpec {
  readonly tag: string;
  readonly platform: { os: string; architecture: string; variant?: string };
  readonly attestation?: boolean;
}

/**
 * An OCI image index assembled from single-platform images already pushed to `repo`, put under
 * `tag` with the test account; its digest. The registry checks each entry's size against the
 * manifest it names, so each is read as stored. Deleting it (by tag) takes it out again.
 */
export async function pushIndex(repo: PushedRepository, tag: string, entries: readonly IndexEntrySpec[]): Promise<string> {
  const c = new RegistryClient(account.registry, { credentials: repo.cfg.options });
  try {
    const manifests = [];
    for (const e of entries) {
      const res = await c.request(`/v2/${repo.path}/manifests/${e.tag}`, { what: `read ${e.tag}`, accept: MANIFEST_V2, scope: `repository:${repo.path}:pull` });
      if (res.status !== 200) throw new Error(`reading ${repo.repository}:${e.tag} for the index: ${res.status}`);
      manifests.push({ mediaType: MANIFEST_V2, digest: digestOf(res.body), size: res.body.length, platform: e.platform, ...(e.attestation ? { annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } } : {}) });
    }
    const body = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: INDEX, manifests }));
    const status = await putManifest(repo.path, tag, INDEX, body);
    if (status !== 201) throw new Error(`PUT of the index ${repo.repository}:${tag}: ${status}`);
    return digestOf(body);
  } finally {
    c.close();
  }
}

function putManifest(path: string, tag: string, mediaType: string, body: Buffer): Promise<number> {
  const [host, port] = account.registry.split(':');
  return new Promise((resolve, reject) => {
    const r = request({ host, port: Number(port), path: `/v2/${path}/manifests/${tag}`, method: 'PUT', auth: `${account.username}:${account.password}`, headers: { 'content-type': mediaType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(body);
  });
}
