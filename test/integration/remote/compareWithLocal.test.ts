import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { compareWithLocal } from '../../../src/engine/registry/remote/compareWithLocal';
import { deleteTag } from '../../../src/engine/registry/remote/deleteTag';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import { BASE_IMAGE, cleanup, testEngine } from '../../support/testEngine';
import { uniqueImage } from '../registry/registryTestKit';
import { account, pushedRepository, pushIndex, type PushedRepository } from './remoteKit';

const engine = testEngine();
let repo: PushedRepository;

before(async () => {
  repo = await pushedRepository(engine, ['a'], 'compare');
});
after(async () => {
  await repo?.remove();
});

async function compare() {
  const c = new RegistryClient(account.registry, { credentials: repo.cfg.options });
  try {
    return await compareWithLocal(engine, c, repo.path, 'a');
  } finally {
    c.close();
  }
}

test('compare with the local image: every layer present while the pushed image is here; once it is removed, only its own top layer is missing', async () => {
  const pushed = await engine.api.getImage(`${repo.repository}:a`).inspect();
  const base = await engine.api.getImage(BASE_IMAGE).inspect();
  const diffIds = pushed.RootFS.Layers ?? [];
  assert.equal(diffIds.length, (base.RootFS.Layers ?? []).length + 1, 'the test image is the base plus one layer');

  const here = await compare();
  assert.deepEqual(here.layers.map((l) => l.diffId), diffIds, 'diff IDs from the registry\'s config, bottom first, as the engine lists them');
  assert.ok(here.layers.every((l) => l.present && l.sameChain));
  assert.equal(here.presentCount, diffIds.length);
  assert.equal(here.missingBytes, 0);
  assert.deepEqual(here.localImage, { id: pushed.Id, same: true });
  assert.ok(here.layers.at(-1)!.heldBy.includes(`${repo.repository}:a`));
  assert.equal(`${here.platform.os}/${here.platform.architecture}`, `${pushed.Os}/${pushed.Architecture}`);

  await cleanup(engine, { images: [`${repo.repository}:a`] });
  const gone = await compare();
  assert.equal(gone.localImage, undefined, 'no local image under that name any more');
  assert.deepEqual(gone.layers.map((l) => [l.present, l.sameChain]), [...base.RootFS.Layers!.map(() => [true, true]), [false, false]]);
  assert.equal(gone.presentCount, diffIds.length - 1);
  assert.equal(gone.missingBytes, gone.layers.at(-1)!.size, 'a pull downloads just the top layer');
  assert.ok(gone.missingBytes > 0);
});

test('compare an image index: the entry for the engine\'s platform is compared (not the first), and the comparison says which one, from what the index offers', async () => {
  const multi = await pushedRepository(engine, ['native'], 'compare-index');
  const c = new RegistryClient(account.registry, { credentials: multi.cfg.options });
  const pushed: string[] = [];
  try {
    const version = await engine.api.version();
    const native = { os: version.Os, architecture: version.Arch };
    const foreign = version.Arch === 'amd64' ? { os: 'linux', architecture: 'arm64', variant: 'v8' } : { os: 'linux', architecture: 'amd64' };
    const nativeText = `${native.os}/${native.architecture}`;
    const foreignText = [foreign.os, foreign.architecture, foreign.variant].filter(Boolean).join('/');
    // Another image stands in for the other platform; it is then removed here, so its top layer is only in the registry.
    await uniqueImage(engine, multi.repository, 'other', 0);
    await pushImage(engine, `${multi.repository}:other`, { credentials: multi.cfg.options });
    pushed.push('other');
    await cleanup(engine, { images: [`${multi.repository}:other`] });
    const nativeImage = await engine.api.getImage(`${multi.repository}:native`).inspect();
    const nativeDigest = nativeImage.RepoDigests.find((d) => d.startsWith(`${multi.repository}@`))!.split('@')[1];

    // The other platform first: what a comparison of the index's first entry would take.
    const indexDigest = await pushIndex(multi, 'multi', [
      { tag: 'other', platform: foreign },
      { tag: 'native', platform: native },
      { tag: 'native', platform: { os: 'unknown', architecture: 'unknown' }, attestation: true },
    ]);
    pushed.push('multi');
    const r = await compareWithLocal(engine, c, multi.path, 'multi');
    assert.equal(r.digest, nativeDigest, 'the engine\'s platform\'s manifest');
    assert.deepEqual(r.index, { digest: indexDigest, offered: [foreignText, nativeText], chosen: nativeText });
    assert.equal(`${r.platform.os}/${r.platform.architecture}`, nativeText, 'the compared image\'s own config says the same platform');
    assert.deepEqual(r.layers.map((l) => l.diffId), nativeImage.RootFS.Layers);
    assert.equal(r.missingBytes, 0, 'the native image is here, so nothing to download');
    assert.deepEqual(r.localImage, undefined, 'no local image is named :multi');

    // An index with nothing for this engine: refused, naming what it offers (the attestation is no platform).
    await pushIndex(multi, 'foreign', [
      { tag: 'other', platform: foreign },
      { tag: 'other', platform: { os: 'unknown', architecture: 'unknown' }, attestation: true },
    ]);
    pushed.push('foreign');
    await assert.rejects(compareWithLocal(engine, c, multi.path, 'foreign'), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.message, `Could not compare ${multi.repository}:foreign with the local engine: ${multi.repository}:foreign has no image for this engine's platform ${nativeText} (it offers ${foreignText}).`);
      return true;
    });
  } finally {
    // Each index and the other image go by digest; the native one goes with the repository.
    for (const tag of pushed.reverse()) await deleteTag(c, multi.path, tag).catch(() => {});
    c.close();
    await multi.remove();
  }
});
