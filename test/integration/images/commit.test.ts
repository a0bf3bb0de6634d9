import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { commitContainer } from '../../../src/engine/commit/commitContainer';
import { commitQuery } from '../../../src/engine/commit/commitQuery';
import { InputError } from '../../../src/engine/images/InputError';
import { BASE_IMAGE, TEST_LABEL, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName } from '../../support/testEngine';
import { containerEvents, execIn, httpGetWhenUp } from './imagesKit';

describe('commit against a real engine', () => {
  const engine = testEngine();
  const ns = uniqueName('stowage-commit');
  const b1 = uniqueName('b1');
  const b2 = uniqueName('b2');
  const made: { containers: string[]; images: string[] } = { containers: [b1, b2], images: [] };

  before(async () => {
    await ensureBaseImage(engine);
    const c = await runTestContainer(engine, BASE_IMAGE, b1);
    const page = '<h1>Served from a committed image</h1>';
    assert.equal(await execIn(c, ['/bin/sh', '-c', `mkdir -p /data/html && echo '${page}' > /data/html/index.html`]), 0);
  });
  after(() => cleanup(engine, made));

  test("the article's example: commit b1 with an author and a CMD change, run it, and it serves the file over HTTP", async () => {
    const since = Date.now() / 1000;
    const options = {
      repository: `${ns}/busybox`,
      tag: 'v0.2',
      author: 'Stowage Test <test@example.invalid>',
      message: 'httpd serving /data/html',
      changes: ['CMD ["/bin/httpd","-f","-h","/data/html"]'],
    };
    made.images.push(`${ns}/busybox:v0.2`);
    const id = await commitContainer(engine, b1, options);
    const until = Date.now() / 1000 + 0.001;

    assert.match(id, /^sha256:[0-9a-f]{64}$/);
    const info = await engine.api.getImage(`${ns}/busybox:v0.2`).inspect();
    assert.equal(info.Id, id);
    assert.equal(info.Author, options.author);
    assert.equal(info.Comment, options.message);
    assert.deepEqual(info.Config.Cmd, ['/bin/httpd', '-f', '-h', '/data/html']);
    assert.equal(info.Config.Labels?.[TEST_LABEL], '1', 'the base image label carries over, so cleanup finds it');

    // pause defaults to true: the query says so, and the engine's own event log shows it paused b1.
    assert.equal(commitQuery(b1, options).pause, 'true');
    assert.deepEqual(await containerEvents(engine, b1, since, until, ['pause', 'unpause']), ['pause', 'unpause']);

    const server = await runTestContainer(engine, `${ns}/busybox:v0.2`, b2, []);
    const ip = (await server.inspect()).NetworkSettings.Networks.bridge?.IPAddress;
    assert.ok(ip, 'the container has a bridge address');
    const answer = await httpGetWhenUp(ip);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.trim(), '<h1>Served from a committed image</h1>');
  });

  test('without a repository the image has no tags (<none>:<none>); pause:false does not pause', async () => {
    const since = Date.now() / 1000;
    const id = await commitContainer(engine, b1, { pause: false });
    made.images.push(id);
    const until = Date.now() / 1000 + 0.001;
    const info = await engine.api.getImage(id).inspect();
    assert.deepEqual(info.RepoTags, []);
    const listed = (await engine.api.listImages()).find((i) => i.Id === id);
    assert.ok(listed, 'the untagged image is listed');
    assert.ok((listed.RepoTags ?? ['<none>:<none>']).every((t) => t === '<none>:<none>'), `tags: ${listed.RepoTags}`);
    assert.deepEqual(await containerEvents(engine, b1, since, until, ['pause']), [], 'no pause event');
  });

  test('a bad change, name or tag is refused before any engine call', async () => {
    const before = engine.requestCount;
    await assert.rejects(
      commitContainer(engine, b1, { repository: `${ns}/busybox`, tag: 'v1', changes: ['CMD ["/bin/sh"]', "ENTRYPOINT ['/bin/sh']"] }),
      (err: unknown) => err instanceof InputError && err.field === 'change 2' && /double quotes/.test(err.message) && err.start === 12,
    );
    await assert.rejects(commitContainer(engine, b1, { repository: `${ns}/BusyBox` }), (err: unknown) => err instanceof InputError && err.field === 'repository');
    await assert.rejects(commitContainer(engine, b1, { repository: `${ns}/busybox`, tag: 'v:1' }), (err: unknown) => err instanceof InputError && err.field === 'tag' && err.start === 1);
    assert.equal(engine.requestCount, before, 'no request reached the engine');
  });

  test('an unknown container is the engine’s clear "no such container"', async () => {
    await assert.rejects(commitContainer(engine, uniqueName('missing')), (err: Error) => err.name === 'EngineError' && /No such container/i.test(err.message));
  });
});
