import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLoadAnswer } from '../../../src/engine/images/parseLoadAnswer';

test('names and IDs from the engine answer, quiet or not', () => {
  const quiet = '{"stream":"Loaded image: me/busybox:v0.2\\n"}\n{"stream":"Loaded image ID: sha256:' + 'a'.repeat(64) + '\\n"}\r\n';
  assert.deepEqual(parseLoadAnswer(quiet), { references: ['me/busybox:v0.2'], ids: ['sha256:' + 'a'.repeat(64)], error: undefined, moved: [] });
  const loud =
    '{"status":"Loading layer","progressDetail":{"current":32768,"total":1984512},"progress":"[>   ] 32.77kB/1.985MB","id":"2b1c08de701a"}' +
    '{"stream":"Loaded image: a:1\\n"}\n{"stream":"Loaded image: b:2\\n"}\n';
  assert.deepEqual(parseLoadAnswer(loud).references, ['a:1', 'b:2']);
});

test('an error in the stream is the answer', () => {
  const r = parseLoadAnswer('{"errorDetail":{"message":"invalid diffID for layer 2"},"error":"invalid diffID for layer 2"}\n');
  assert.equal(r.error, 'invalid diffID for layer 2');
  assert.deepEqual(r.references, []);
});

test('a name the load moved from another image is reported with that image', () => {
  const r = parseLoadAnswer('{"stream":"The image me/app:1 already exists, renaming the old one with ID sha256:abc to empty string\\n"}\n{"stream":"Loaded image: me/app:1\\n"}\n');
  assert.deepEqual(r.moved, [{ reference: 'me/app:1', from: 'sha256:abc' }]);
  assert.deepEqual(r.references, ['me/app:1']);
});
