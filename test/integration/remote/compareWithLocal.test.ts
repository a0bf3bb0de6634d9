import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { RegistryClient } from '../../../src/engine/registry/remote/RegistryClient';
import { compareWithLocal } from '../../../src/engine/registry/remote/compareWithLocal';
import { BASE_IMAGE, cleanup, testEngine } from '../../support/testEngine';
import { account, pushedRepository, type PushedRepository } from './remoteKit';

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
