import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../../src/engine/EngineError';
import { login } from '../../../src/engine/registry/login';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import type { TransferProgress } from '../../../src/engine/registry/TransferOptions';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { registryAccount, registryTags, tempDockerConfig, uniqueImage } from './registryTestKit';

const account = registryAccount();

async function loggedIn(engine: ReturnType<typeof testEngine>, cfg: ReturnType<typeof tempDockerConfig>): Promise<void> {
  await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
}

test('push without a login fails clearly and the registry gets nothing', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('nologin')}`;
  const ref = `${account.registry}/${path}:v1`;
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    await assert.rejects(pushImage(engine, ref, { credentials: cfg.options }), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.reason, 'noCredentials');
      assert.equal(err.kind, 'unauthorized');
      assert.equal(err.message, `Could not push ${ref}: ${account.registry} wants a login and none is stored for it: log in to ${account.registry} first.`);
      return true;
    });
    assert.deepEqual(await registryTags(account, path), []);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('after a Stowage login, push succeeds with per-layer progress and the registry has the tag', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('push')}`;
  const ref = `${account.registry}/${path}:v1`;
  const updates: TransferProgress[] = [];
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1');
    await loggedIn(engine, cfg);
    const result = await pushImage(engine, ref, { credentials: cfg.options, onProgress: (u) => updates.push(u) });
    assert.equal(result.repository, `${account.registry}/${path}`);
    assert.deepEqual(result.pushed.map((p) => p.tag), ['v1']);
    assert.match(result.pushed[0].digest, /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(await registryTags(account, path), ['v1']);
    // The new layer (our random payload) was really uploaded; the base's were pushed, mounted or already there.
    const phases = new Set(updates.flatMap((u) => u.transfer.layers.map((l) => l.phase)));
    assert.ok(phases.has('preparing'), [...phases].join());
    assert.ok(phases.has('pushing') && phases.has('pushed'), [...phases].join());
    assert.ok(result.transfer.layers.every((l) => ['pushed', 'exists', 'mounted'].includes(l.phase)));
    assert.equal(updates.at(-1)!.fraction, 1);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('push of a whole repository sends every tag, as docker push --all-tags (no tag to the engine)', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('alltags')}`;
  const repository = `${account.registry}/${path}`;
  try {
    await uniqueImage(engine, repository, 'one');
    await engine.api.getImage(`${repository}:one`).tag({ repo: repository, tag: 'two' });
    await loggedIn(engine, cfg);
    const result = await pushImage(engine, { repository, allTags: true }, { credentials: cfg.options });
    assert.deepEqual(result.pushed.map((p) => p.tag).sort(), ['one', 'two']);
    assert.deepEqual(await registryTags(account, path), ['one', 'two']);
  } finally {
    await cleanup(engine, { images: [`${repository}:one`, `${repository}:two`] });
    cfg.remove();
  }
});

test('a name with no registry part goes to Docker Hub: the error says so and names the retag for the registry we are logged in to', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const name = uniqueName('stowage-test-hub');
  try {
    await uniqueImage(engine, name, 'v1');
    await loggedIn(engine, cfg);
    await assert.rejects(pushImage(engine, `${name}:v1`, { credentials: cfg.options }), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.reason, 'dockerHub');
      assert.equal(err.retag, `${account.registry}/${name}:v1`);
      assert.match(err.message, /has no registry part, so it names Docker Hub \(docker\.io\)/);
      assert.ok(err.message.endsWith(`To push to ${account.registry}, tag it ${account.registry}/${name}:v1 first.`), err.message);
      return true;
    });
  } finally {
    await cleanup(engine, { images: [`${name}:v1`] });
    cfg.remove();
  }
});

test('a bad reference or a digest is refused before the engine is asked', async () => {
  const engine = testEngine();
  const count = engine.requestCount;
  await assert.rejects(pushImage(engine, '127.0.0.1:5000/Bad//name:v1'), (err: unknown) => err instanceof EngineError && err.kind === 'badRequest' && /not a valid image reference/.test(err.message));
  await assert.rejects(pushImage(engine, `127.0.0.1:5000/app@sha256:${'a'.repeat(64)}`), /a digest names content/);
  await assert.rejects(pushImage(engine, { repository: '127.0.0.1:5000/app:v1', allTags: true }), /without a tag/);
  assert.equal(engine.requestCount, count);
});

test('cancel in the middle of a push: the call rejects as cancelled, progress says so, the engine is fine after', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const path = `stowage-test/${uniqueName('cancel')}`;
  const ref = `${account.registry}/${path}:v1`;
  const controller = new AbortController();
  const updates: TransferProgress[] = [];
  try {
    await uniqueImage(engine, `${account.registry}/${path}`, 'v1', 64);
    await loggedIn(engine, cfg);
    await assert.rejects(
      pushImage(engine, ref, {
        credentials: cfg.options,
        signal: controller.signal,
        onProgress: (u) => {
          updates.push(u);
          if (updates.length === 1) controller.abort();
        },
      }),
      (err: unknown) => {
        assert.ok(err instanceof EngineError, String(err));
        assert.equal(err.kind, 'cancelled');
        assert.equal(err.message, `Cancelled: push ${ref}.`);
        return true;
      },
    );
    assert.ok(updates.length >= 2);
    assert.equal(updates.at(-1)!.message, 'Cancelled');
    // An abort before the start never reaches the engine.
    const count = engine.requestCount;
    await assert.rejects(pushImage(engine, ref, { credentials: cfg.options, signal: controller.signal }), (err: unknown) => err instanceof EngineError && err.kind === 'cancelled');
    assert.equal(engine.requestCount, count);
    // The engine and the registry are fine: the same push, not cancelled, completes.
    const again = await pushImage(engine, ref, { credentials: cfg.options });
    assert.deepEqual(again.pushed.map((p) => p.tag), ['v1']);
    assert.deepEqual(await registryTags(account, path), ['v1']);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});
