import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ARCHIVE_EXTENSIONS, saveArchiveTarget } from '../../../src/model/saveArchiveTarget';

test('the name chosen is the file written, compressed when the name says so', () => {
  assert.deepEqual(saveArchiveTarget('/tmp/two-images.tar.gz'), { path: '/tmp/two-images.tar.gz', gzip: true });
  assert.deepEqual(saveArchiveTarget('/tmp/x.tgz'), { path: '/tmp/x.tgz', gzip: true });
  assert.deepEqual(saveArchiveTarget('/tmp/x.TAR.GZ'), { path: '/tmp/x.TAR.GZ', gzip: true });
  assert.deepEqual(saveArchiveTarget('/tmp/x.gz'), { path: '/tmp/x.gz', gzip: true });
  assert.deepEqual(saveArchiveTarget('/tmp/x.tar'), { path: '/tmp/x.tar', gzip: false });
  assert.deepEqual(saveArchiveTarget('/tmp/images'), { path: '/tmp/images', gzip: false }, 'no extension is added');
  assert.deepEqual(saveArchiveTarget('/tmp/x.tar.tar'), { path: '/tmp/x.tar.tar', gzip: false });
});

test('a .tar a dialog appended to a compressed name is taken off', () => {
  assert.deepEqual(saveArchiveTarget('/tmp/two-images.tar.gz.tar'), { path: '/tmp/two-images.tar.gz', gzip: true });
  assert.deepEqual(saveArchiveTarget('/tmp/x.tgz.tar'), { path: '/tmp/x.tgz', gzip: true });
});

/** What VS Code's simple file dialog does with a typed name (addPostfix): the last extension against the filter. */
function dialogResult(typed: string, extensions: readonly string[]): string {
  const last = /\.([^./]*)$/.exec(typed)?.[1] ?? '';
  return extensions.includes(last) || extensions.includes('*') ? typed : `${typed}.${extensions[0]}`;
}

test('every archive name typed passes the dialog\'s last-extension filter unchanged', () => {
  for (const typed of ['/tmp/a.tar', '/tmp/a.tar.gz', '/tmp/a.tgz']) assert.equal(dialogResult(typed, ARCHIVE_EXTENSIONS), typed, typed);
  // The list this replaces: the bug of issue 9.
  assert.equal(dialogResult('/tmp/a.tar.gz', ['tar', 'tar.gz', 'tgz']), '/tmp/a.tar.gz.tar');
});
