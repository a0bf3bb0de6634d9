import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { inspectTag } from '../../../src/engine/registry/remote/inspectTag';
import { headDigest } from '../../../src/engine/registry/remote/headDigest';
import { deleteTag } from '../../../src/engine/registry/remote/deleteTag';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { runTags } from '../../../src/cli/tagsCommand';
import { uniqueImage } from '../registry/registryTestKit';
import { testEngine } from '../../support/testEngine';
import { digestOf } from '../../support/tokenRegistry';
import { account, pushedRepository } from './remoteKit';

const engine = testEngine();
const INDEX = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_V2 = 'application/vnd.docker.distribution.manifest.v2+json';

function put(path: string, mediaType: string, body: Buffer): Promise<number> {
  const [host, port] = account.registry.split(':');
  return new Promise((resolve, reject) => {
    const r = request({ host, port: Number(port), path, method: 'PUT', auth: `${account.username}:${account.password}`, headers: { 'content-type': mediaType } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    r.on('error', reject);
    r.end(body);
  });
}

test('an image index assembled by the test from two pushed single-platform manifests: one row per platform with its digest and size', async () => {
  const repo = await pushedRepository(engine, ['amd'], 'index');
  const c = new RegistryClient(account.registry, { credentials: repo.cfg.options });
  let indexDigest = '';
  try {
    // A second image in the same repository, standing in for the other platform (the index only declares it).
    await uniqueImage(engine, repo.repository, 'arm', 0);
    await pushImage(engine, `${repo.repository}:arm`, { credentials: repo.cfg.options });
    const amd = await inspectTag(c, repo.path, 'amd');
    const arm = await inspectTag(c, repo.path, 'arm');
    assert.notEqual(amd.digest, arm.digest);
    const index = {
      schemaVersion: 2,
      mediaType: INDEX,
      manifests: [
        { mediaType: MANIFEST_V2, digest: amd.digest, size: 0, platform: { os: 'linux', architecture: 'amd64' } },
        { mediaType: MANIFEST_V2, digest: arm.digest, size: 0, platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
        // An attestation entry, as BuildKit writes them: not a platform.
        { mediaType: MANIFEST_V2, digest: amd.digest, size: 0, platform: { os: 'unknown', architecture: 'unknown' }, annotations: { 'vnd.docker.reference.type': 'attestation-manifest' } },
      ],
    };
    // The registry checks each entry's size against the manifest it names: the bytes it stores.
    const raw = async (tag: string) => {
      const c2 = new RegistryClient(account.registry, { credentials: repo.cfg.options });
      try {
        return (await c2.request(`/v2/${repo.path}/manifests/${tag}`, { what: 'read', accept: MANIFEST_V2, scope: `repository:${repo.path}:pull` })).body.length;
      } finally {
        c2.close();
      }
    };
    index.manifests[0].size = await raw('amd');
    index.manifests[1].size = await raw('arm');
    index.manifests[2].size = index.manifests[0].size;
    const body = Buffer.from(JSON.stringify(index));
    assert.equal(await put(`/v2/${repo.path}/manifests/multi`, INDEX, body), 201);
    indexDigest = digestOf(body);

    const head = await headDigest(c, repo.path, 'multi');
    assert.deepEqual(head, { digest: indexDigest, mediaType: INDEX });
    const multi = await inspectTag(c, repo.path, 'multi');
    assert.equal(multi.digest, indexDigest);
    assert.equal(multi.mediaType, INDEX);
    assert.deepEqual(multi.platforms, [
      { os: 'linux', architecture: 'amd64', digest: amd.digest, size: amd.size },
      { os: 'linux', architecture: 'arm64', variant: 'v8', digest: arm.digest, size: arm.size },
    ]);
    assert.equal(multi.size, amd.size! + arm.size!);

    let out = '';
    assert.equal(await runTags(['--json', repo.repository], { out: (t) => (out += t), err: () => {} }, repo.cfg.env), 0);
    const line = out.trimEnd().split('\n').map((l) => JSON.parse(l) as { tag: string; platforms: unknown }).find((l) => l.tag === 'multi');
    assert.deepEqual(line?.platforms, [{ os: 'linux', architecture: 'amd64', variant: null }, { os: 'linux', architecture: 'arm64', variant: 'v8' }]);
  } finally {
    c.close();
    const cleaner = new RegistryClient(account.registry, { credentials: repo.cfg.options });
    if (indexDigest) await deleteTag(cleaner, repo.path, 'multi').catch(() => {});
    await deleteTag(cleaner, repo.path, 'arm').catch(() => {});
    cleaner.close();
    await engine.api.getImage(`${repo.repository}:arm`).remove({ force: true }).catch(() => {});
    await repo.remove();
  }
});
