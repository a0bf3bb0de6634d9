import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyHelperError } from '../../../src/engine/credentials/classifyHelperError';

// The words are what the real helpers printed on this machine (golang-docker-credential-helpers 0.6, pass 1.7, gpg 2.2).
test('what docker-credential-pass and -secretservice say, classified', () => {
  assert.equal(classifyHelperError('pass not initialized: exit status 1: Error: password store is empty. Try "pass init".'), 'notSetUp');
  assert.equal(classifyHelperError('Cannot autolaunch D-Bus without X11 $DISPLAY'), 'unavailable');
  assert.equal(classifyHelperError('credentials not found in native keychain'), 'notFound');
  // `pass init` run with a key this gpg does not have:
  assert.equal(classifyHelperError("exit status 1: gpg: error retrieving 'nobody@example.invalid' via WKD: No name gpg: nobody@example.invalid: skipped: No name gpg: [stdin]: encryption failed: No name"), 'notSetUp');
  assert.equal(classifyHelperError('exit status 2: something else went wrong'), 'failed');
  assert.equal(classifyHelperError(''), 'failed');
});
