import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { Engine } from '../../../src/engine/Engine';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { readImageExport } from '../../../src/engine/layers/readImageExport';
import { stackLayers } from '../../../src/model/layers/stackLayers';
import { cleanup, uniqueName } from '../../support/testEngine';
import { BIG, buildKnownImage } from './layersKit';

const SOCKET = '/run/stowage-podman/podman.sock';

/** The same known image, built and exported by Podman through its Docker-compatible API. */
describe('layer analysis against Podman', { skip: existsSync(SOCKET) ? false : `no Podman socket at ${SOCKET}` }, () => {
  const podman = new Engine(parseHost(`unix://${SOCKET}`, 'setting'));
  const tag = `stowage-pm/${uniqueName('layers')}:v1`;

  before(async () => {
    await buildKnownImage(podman, tag);
  });
  after(async () => {
    await cleanup(podman, { images: [tag] });
  });

  test("Podman's export gives the same two layers of changes and the same hidden bytes", async () => {
    const image = await readImageExport(podman, tag);
    const inspect = await podman.api.getImage(tag).inspect();
    assert.deepEqual(image.layers.map((l) => l.diffId), inspect.RootFS.Layers);
    const r = stackLayers(image.layers.map((l) => l.index));
    const [adding, changing] = r.layers.slice(-2);
    assert.deepEqual(adding, { sizeBytes: BIG + 24, added: 8, modified: 0, removed: 0 });
    assert.deepEqual(changing, { sizeBytes: 14, added: 1, modified: 1, removed: 3 });
    assert.equal(r.hiddenBytes, BIG + 18);
    assert.deepEqual(r.largestHidden[0], { path: 'data/big', bytes: BIG, layers: [image.layers.length - 2] });
  });
});
