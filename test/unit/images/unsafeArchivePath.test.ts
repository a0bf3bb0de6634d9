import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unsafeArchivePath } from '../../../src/engine/images/unsafeArchivePath';

test('paths that stay inside the archive', () => {
  for (const p of ['manifest.json', 'abc/layer.tar', './abc/json', 'a/../b', 'a//b/', 'blobs/sha256/x', '..a/b', 'a/..b']) assert.equal(unsafeArchivePath(p), undefined, p);
  // Docker 25's layout: <id>/layer.tar is a symlink to ../blobs/sha256/<digest>, from its own folder.
  assert.equal(unsafeArchivePath('../blobs/sha256/x', 'abc'), undefined);
});

test('absolute paths and ../ that climbs out are named', () => {
  assert.equal(unsafeArchivePath('/etc/passwd'), 'is an absolute path');
  for (const p of ['../x', '..', 'a/../../x', './../x', 'a/b/../../..']) assert.equal(unsafeArchivePath(p), 'climbs out of the archive with ../', p);
  assert.equal(unsafeArchivePath('../../x', 'abc'), 'climbs out of the archive with ../');
});
