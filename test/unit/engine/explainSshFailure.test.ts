import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainSshFailure } from '../../../src/engine/ssh/explainSshFailure';

test("ssh's CR LF line ends do not reach the message: one line, words apart", () => {
  // As ssh writes it to a pipe when it refuses an unknown host key.
  const stderr = 'No ED25519 host key is known for [127.0.0.1]:2222 and you have requested strict checking.\r\nHost key verification failed.\r\n';
  const err = explainSshFailure('ssh://root@127.0.0.1:2222', stderr, 255);
  assert.doesNotMatch(err.message, /[\r\n]/);
  assert.match(err.message, /\(ssh said: No ED25519 host key is known for \[127\.0\.0\.1\]:2222 and you have requested strict checking\. Host key verification failed\.\)$/);
  assert.match(err.message, /host key is not known/);
});

test('control characters a remote writes are not passed on', () => {
  const err = explainSshFailure('ssh://u@h', 'Permission denied (publickey).\r\n\u001b[31mhidden\u001b[0m\r\n', 255);
  assert.doesNotMatch(err.message, /[\u0000-\u001f\u007f]/);
});
