import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EngineError } from '../../../src/engine/EngineError';
import { login } from '../../../src/engine/registry/login';
import { pullImage } from '../../../src/engine/registry/pullImage';
import { pushImage } from '../../../src/engine/registry/pushImage';
import { RegistryError } from '../../../src/engine/registry/RegistryError';
import type { TransferProgress } from '../../../src/engine/registry/TransferOptions';
import { cleanup, testEngine, uniqueName } from '../../support/testEngine';
import { closedPort, registryAccount, tempDockerConfig, uniqueImage } from './registryTestKit';

const account = registryAccount();

test('pull back an image after removing it locally: same ID, per-layer progress, the engine\'s name for it', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const repository = `${account.registry}/stowage-test/${uniqueName('pull')}`;
  const ref = `${repository}:v1`;
  const updates: TransferProgress[] = [];
  try {
    const id = await uniqueImage(engine, repository, 'v1');
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await pushImage(engine, ref, { credentials: cfg.options });
    await engine.api.getImage(ref).remove();
    await assert.rejects(engine.api.getImage(ref).inspect(), 'gone locally');

    const pulled = await pullImage(engine, ref, { credentials: cfg.options, onProgress: (u) => updates.push(u) });
    assert.equal(pulled.id, id);
    assert.equal(pulled.reference, ref);
    assert.equal(pulled.updated, true);
    assert.match(pulled.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    const phases = new Set(updates.flatMap((u) => u.transfer.layers.map((l) => l.phase)));
    assert.ok(phases.has('downloading') && phases.has('extracting'), [...phases].join());
    assert.ok(pulled.transfer.layers.some((l) => l.phase === 'pulled'), 'our own layer came down');
    assert.ok(pulled.transfer.layers.every((l) => l.phase === 'pulled' || l.phase === 'exists'));

    const again = await pullImage(engine, ref, { credentials: cfg.options });
    assert.equal(again.updated, false, 'Image is up to date');
    assert.equal(again.id, id);

    // By digest, too: the engine names it by digest.
    const byDigest = await pullImage(engine, `${repository}@${pulled.digest}`, { credentials: cfg.options });
    assert.equal(byDigest.id, id);
    assert.equal(byDigest.reference, `${repository}@${pulled.digest}`);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});

test('a bad reference is refused before any engine call', async () => {
  const engine = testEngine();
  const count = engine.requestCount;
  await assert.rejects(pullImage(engine, '127.0.0.1:5000/Bad//Ref:v1'), (err: unknown) => {
    assert.ok(err instanceof EngineError);
    assert.equal(err.kind, 'badRequest');
    assert.match(err.message, /"127\.0\.0\.1:5000\/Bad\/\/Ref:v1" is not a valid image reference: .+ \(characters \d+–\d+\)\./);
    return true;
  });
  await assert.rejects(pullImage(engine, '   '), /an image reference is needed/);
  await assert.rejects(pullImage(engine, `app@sha256:${'a'.repeat(63)}`), (err: unknown) => err instanceof EngineError && err.kind === 'badRequest');
  assert.equal(engine.requestCount, count);
});

test('pull of a tag the registry does not have: not found, in plain words', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const ref = `${account.registry}/stowage-test/${uniqueName('missing')}:nope`;
  try {
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await assert.rejects(pullImage(engine, ref, { credentials: cfg.options }), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.reason, 'notFound');
      assert.equal(err.kind, 'notFound');
      assert.equal(err.message, `Could not pull ${ref}: ${account.registry} has no ${ref}: check the name and the tag.`);
      return true;
    });
  } finally {
    cfg.remove();
  }
});

test('pull without a login, and from a registry that is not there', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const down = `127.0.0.1:${await closedPort()}`;
  try {
    await assert.rejects(pullImage(engine, `${account.registry}/stowage-test/anything:v1`, { credentials: cfg.options }), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.reason, 'noCredentials');
      assert.match(err.message, new RegExp(`log in to ${account.registry.replace(/\./g, '\\.')} first`));
      return true;
    });
    await assert.rejects(pullImage(engine, `${down}/stowage-test/anything:v1`, { credentials: cfg.options }), (err: unknown) => {
      assert.ok(err instanceof RegistryError, String(err));
      assert.equal(err.reason, 'unreachable');
      assert.ok(err.message.includes(`No registry answers at ${down} (connection refused)`), err.message);
      return true;
    });
  } finally {
    cfg.remove();
  }
});

test('cancel a pull before it starts: no engine call', async () => {
  const engine = testEngine();
  const controller = new AbortController();
  controller.abort();
  const cfg = tempDockerConfig();
  try {
    const count = engine.requestCount;
    await assert.rejects(pullImage(engine, `${account.registry}/stowage-test/anything:v1`, { signal: controller.signal, credentials: cfg.options }), (err: unknown) => err instanceof EngineError && err.kind === 'cancelled');
    assert.equal(engine.requestCount, count);
  } finally {
    cfg.remove();
  }
});

test('cancel in the middle of a pull: rejects as cancelled; the same pull then completes', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig();
  const repository = `${account.registry}/stowage-test/${uniqueName('pull-cancel')}`;
  const ref = `${repository}:v1`;
  const controller = new AbortController();
  const updates: TransferProgress[] = [];
  try {
    const id = await uniqueImage(engine, repository, 'v1', 64);
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await pushImage(engine, ref, { credentials: cfg.options });
    await engine.api.getImage(ref).remove();
    await assert.rejects(
      pullImage(engine, ref, {
        credentials: cfg.options,
        signal: controller.signal,
        onProgress: (u) => {
          updates.push(u);
          if (updates.length === 1) controller.abort();
        },
      }),
      (err: unknown) => err instanceof EngineError && err.kind === 'cancelled' && err.message === `Cancelled: pull ${ref}.`,
    );
    assert.equal(updates.at(-1)!.message, 'Cancelled');
    const pulled = await pullImage(engine, ref, { credentials: cfg.options });
    assert.equal(pulled.id, id);
  } finally {
    await cleanup(engine, { images: [ref] });
    cfg.remove();
  }
});
