import { test } from 'node:test';
import assert from 'node:assert/strict';
import { insecureRegistries } from '../../../src/engine/registry/remote/insecureRegistries';
import { registryHost } from '../../../src/engine/registry/remote/registryHost';
import { testEngine } from '../../support/testEngine';

test('the engine\'s insecure registries, as its info lists them, decide HTTP as the engine does', async () => {
  const engine = testEngine();
  const listed = await insecureRegistries(engine);
  // Engine 20.10 always lists loopback as insecure.
  assert.ok(listed.includes('127.0.0.0/8'), listed.join(', '));
  assert.equal(registryHost('127.0.0.1:5000', listed).secure, false);
  assert.equal(registryHost('registry.example:5000', listed).secure, !listed.includes('registry.example:5000'));
});
