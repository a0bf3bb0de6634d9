import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { inspectTag } from '../../../src/engine/registry/remote/inspectTag';
import { headDigest } from '../../../src/engine/registry/remote/headDigest';
import { deleteTag } from '../../../src/engine/registry/remote/deleteTag';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { runTags } from '../../../src/cli/tagsCommand';
import { uniqueImage } from '../registry/registryTestKit';
import { testEngine } from '../../support/testEngine';
import { account, pushedRepository, pushIndex } from './remoteKit';

const engine = testEngine();
const INDEX = 'application/vnd.oci.image.index.v1+json';

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
    indexDigest = await pushIndex(repo, 'multi', [
      { tag: 'amd', platform: { os: 'linux', architecture: 'amd64' } },
      { tag: 'arm', platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } },
      // An attestation entry, as BuildKit writes them: not a platform.
      { tag: 'amd', platform: { os: 'unknown', architecture: 'unknown' }, attestation: true },
    ]);

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
