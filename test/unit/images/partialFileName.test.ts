import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partialFileName, partialFileWriter } from '../../../src/engine/images/partialFileName';

test('the temporary name carries the writer\'s pid, and only that pattern is recognised', () => {
  const name = partialFileName('two-images.tar.gz', 4242);
  assert.match(name, /^\.two-images\.tar\.gz\.4242\.[0-9a-f]{12}\.partial$/);
  assert.equal(partialFileWriter(name), 4242);
  assert.equal(partialFileWriter(partialFileName('x.tar')), process.pid);
  for (const other of ['.x.tar.0123456789ab.partial', 'x.tar.42.0123456789ab.partial', '.x.tar.42.0123456789AB.partial', '.x.tar.0.0123456789ab.partial', '.x.tar.42.0123456789ab.partial.bak', 'notes.txt']) {
    assert.equal(partialFileWriter(other), undefined, other);
  }
});
