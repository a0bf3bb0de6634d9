import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ImageSummary } from '../../../src/engine/types';
import { containerCopyText, imageCopyText } from '../../../src/model/copyText';

const id = 'sha256:' + 'ab'.repeat(32);
const image: ImageSummary = { id, repoTags: ['reg:5000/a/b:v1', 'c:latest'], repoDigests: ['c@sha256:' + '11'.repeat(32), 'reg:5000/a/b@sha256:' + '22'.repeat(32)], created: 0, size: 0, containers: 0, labels: {}, parentId: '' };

test("image values: short and full ID, the reference, and the digest of the reference's own repository", () => {
  assert.equal(imageCopyText('shortId', 'c:latest', image), 'abababababab');
  assert.equal(imageCopyText('fullId', 'c:latest', image), id);
  assert.equal(imageCopyText('reference', 'reg:5000/a/b:v1', image), 'reg:5000/a/b:v1');
  assert.equal(imageCopyText('digest', 'reg:5000/a/b:v1', image), 'reg:5000/a/b@sha256:' + '22'.repeat(32));
  assert.equal(imageCopyText('digest', 'c:latest', image), 'c@sha256:' + '11'.repeat(32));
  assert.equal(imageCopyText('digest', 'c:latest', { ...image, repoDigests: [] }), undefined);
});

test('container values', () => {
  const c = { id: 'f'.repeat(64), name: 'web', image: 'i', imageId: id, state: 'running', status: 'Up', created: 0, ports: [], labels: {} };
  assert.equal(containerCopyText('containerId', c), 'f'.repeat(64));
  assert.equal(containerCopyText('containerName', c), 'web');
});
