import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadImages } from '../../src/engine/images/loadImages';
import { imageIdOrUndefined } from '../integration/images/imagesKit';
import { TEST_LABEL, testEngine, uniqueName } from '../support/testEngine';
import { TAR_END, tarEntry } from './support/hostileArchives';

// Issue 9, defect 2 (last part): an archive in the legacy format (`repositories` and
// layer folders, no manifest.json) was loaded by the engine, which moved a tag to the
// new image, while Stowage reported that nothing was loaded: Engine 20.10 names
// nothing it loads from that format. Built here, loaded into the real engine.

const engine = testEngine();
const repo = `${uniqueName('stowage-fault-legacy')}/old`;
const dir = mkdtempSync(join(tmpdir(), 'stowage-fault-legacy-'));
const loadedIds: string[] = [];

before(() => {});
after(async () => {
  await engine.api.getImage(`${repo}:v1`).remove({ force: true }).catch(() => {});
  for (const id of loadedIds) await engine.api.getImage(id).remove({ force: true }).catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

/** A one-layer image in the pre-1.10 `docker save` layout, tagged `<repo>:v1`; `marker` makes each one a different image. */
function legacyArchive(marker: string): Buffer {
  const layer = Buffer.concat([tarEntry('marker.txt', marker), TAR_END]);
  const id = createHash('sha256').update(`${repo}:${marker}`).digest('hex');
  const json = JSON.stringify({ id, created: '2020-01-01T00:00:00Z', config: { Labels: { [TEST_LABEL]: '1' }, Cmd: ['/marker.txt'] }, architecture: 'amd64', os: 'linux' });
  return Buffer.concat([
    tarEntry(`${id}/`, '', '5'),
    tarEntry(`${id}/VERSION`, '1.0'),
    tarEntry(`${id}/json`, json),
    tarEntry(`${id}/layer.tar`, layer),
    tarEntry('repositories', JSON.stringify({ [repo]: { v1: id } })),
    TAR_END,
  ]);
}

test('a legacy archive: the names it set are reported, and a name it moved from another image says so', async () => {
  const first = join(dir, 'first.tar');
  writeFileSync(first, legacyArchive('first'));
  const one = await loadImages(engine, first);
  assert.equal(one.archive.format, 'legacy');
  const firstId = await imageIdOrUndefined(engine, `${repo}:v1`);
  assert.ok(firstId, 'the engine loaded it');
  loadedIds.push(firstId);
  assert.deepEqual(one.references, [`${repo}:v1`]);
  assert.deepEqual(one.ids, [firstId]);
  assert.deepEqual(one.moved, []);

  const second = join(dir, 'second.tar');
  writeFileSync(second, legacyArchive('second'));
  const two = await loadImages(engine, second);
  const secondId = await imageIdOrUndefined(engine, `${repo}:v1`);
  assert.ok(secondId && secondId !== firstId, 'the engine moved the name to the new image');
  loadedIds.push(secondId);
  assert.deepEqual(two.references, [`${repo}:v1`]);
  assert.deepEqual(two.ids, [secondId]);
  assert.deepEqual(two.moved, [{ reference: `${repo}:v1`, from: firstId }]);
});
