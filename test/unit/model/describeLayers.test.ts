import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeLayers, instructionOf } from '../../../src/model/describeLayers';
import type { LayerEntry } from '../../../src/engine/types';

const entry = (createdBy: string, size: number, extra: Partial<LayerEntry> = {}): LayerEntry => ({ id: null, created: 1_700_000_000, createdBy, tags: [], size, comment: '', ...extra });

test('instructions are read from the classic builder, BuildKit and commits', () => {
  assert.equal(instructionOf('/bin/sh -c #(nop)  CMD ["/bin/sh"]'), 'CMD ["/bin/sh"]');
  assert.equal(instructionOf('/bin/sh -c #(nop) COPY file:abc in /bin/busybox '), 'COPY file:abc in /bin/busybox');
  assert.equal(instructionOf('/bin/sh -c echo hi > /x'), 'RUN echo hi > /x');
  assert.equal(instructionOf('RUN /bin/sh -c make # buildkit'), 'RUN /bin/sh -c make');
  // exec-form RUN and commit both record a bare command; a commit message tells them apart
  assert.equal(instructionOf('/bin/busybox --install -s /bin'), '/bin/busybox --install -s /bin');
  assert.equal(instructionOf('/bin/sh', 'serve the site'), '(commit) /bin/sh');
  assert.equal(instructionOf('', 'snapshot'), '(commit)');
  assert.equal(instructionOf('/bin/true', 'buildkit.dockerfile.v0'), '/bin/true');
});

test('empty layers are marked, diff IDs are matched oldest-first, and the base image boundary is found', () => {
  // newest first, as the engine returns history
  const history = [
    entry('/bin/sh -c #(nop)  CMD ["/bin/sh"]', 0, { id: 'sha256:top', tags: ['me/app:v1'] }),
    entry('/bin/sh -c dd if=/dev/zero of=/blob bs=1k count=1', 1024),
    entry('/bin/sh -c #(nop)  CMD ["/bin/sh"]', 0, { id: 'sha256:base', tags: ['stowage-test/busybox:latest'] }),
    entry('RUN /bin/busybox --install -s /bin # buildkit', 0),
    entry('/bin/sh -c #(nop) COPY file:abc in /bin/busybox ', 1_000_000),
  ];
  const rows = describeLayers(history, ['sha256:l-copy', 'sha256:l-install', 'sha256:l-dd'], ['me/app:v1']);
  assert.deepEqual(rows.map((r) => r.empty), [true, false, true, false, false]);
  assert.deepEqual(rows.map((r) => r.diffId), [null, 'sha256:l-dd', null, 'sha256:l-install', 'sha256:l-copy']);
  assert.deepEqual(rows.map((r) => r.baseImage), [null, null, 'stowage-test/busybox:latest', null, null]);
  assert.equal(rows[1].instruction, 'RUN dd if=/dev/zero of=/blob bs=1k count=1');
});

test('long instructions are shortened for the label, whole in fullInstruction', () => {
  const long = `/bin/sh -c ${'x'.repeat(200)}`;
  const [row] = describeLayers([entry(long, 5)], ['sha256:a'], []);
  assert.equal(row.instruction.length, 60);
  assert.ok(row.instruction.endsWith('…'));
  assert.equal(row.fullInstruction, `RUN ${'x'.repeat(200)}`);
});

test('when the counts disagree, no diff ID is guessed', () => {
  const rows = describeLayers([entry('/bin/sh -c a', 1), entry('/bin/sh -c b', 1)], ['sha256:only-one'], []);
  assert.deepEqual(rows.map((r) => r.diffId), [null, null]);
});
