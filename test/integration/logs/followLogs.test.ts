import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { followLogs } from '../../../src/engine/logs/followLogs';
import type { LogChunk } from '../../../src/engine/logs/LogFrameSplitter';
import { BASE_IMAGE, TEST_LABEL, cleanup, ensureBaseImage, testEngine, uniqueName } from '../../support/testEngine';

describe('followLogs against a real engine', () => {
  const engine = testEngine();
  const made: string[] = [];
  const start = async (cmd: string[], tty = false) => {
    const name = uniqueName('logs');
    made.push(name);
    const c = await engine.api.createContainer({ Image: BASE_IMAGE, name, Cmd: cmd, Tty: tty, Labels: { [TEST_LABEL]: '1' } });
    await c.start();
    return c;
  };
  before(() => ensureBaseImage(engine));
  after(() => cleanup(engine, { containers: made }));

  test('stdout and stderr told apart, the last N lines first, then new lines followed; close stops the stream', async () => {
    const c = await start(['/bin/sh', '-c', 'for i in 1 2 3 4 5; do echo out$i; done; while [ ! -f /go ]; do sleep 0.05; done; echo later; echo err1 >&2; sleep 3600']);
    await waitFor(async () => (await c.logs({ stdout: true, stderr: true, follow: false })).toString().includes('out5'));
    const follow = await followLogs(engine, c.id, { tail: 3, timestamps: false });
    const seen = { stdout: '', stderr: '' };
    follow.chunks.on('data', (ch: LogChunk) => (seen[ch.stream] += ch.data.toString()));
    await waitFor(() => seen.stdout.includes('out5'));
    // "later" is written only now, after the tail was read: it must arrive by following.
    const exec = await c.exec({ Cmd: ['/bin/touch', '/go'] });
    await exec.start({});
    await waitFor(() => seen.stdout.includes('later') && seen.stderr.includes('err1'));
    assert.equal(seen.stdout, 'out3\nout4\nout5\nlater\n');
    assert.equal(seen.stderr, 'err1\n');
    const ended = new Promise((r) => follow.chunks.on('end', r));
    follow.close();
    await ended;
  });

  test('timestamps on demand; a TTY container comes through as one stream', async () => {
    const c = await start(['/bin/sh', '-c', 'echo tty-line; echo tty-err >&2; sleep 3600'], true);
    const follow = await followLogs(engine, c.id, { timestamps: true });
    let text = '';
    follow.chunks.on('data', (ch: LogChunk) => {
      assert.equal(ch.stream, 'stdout');
      text += ch.data.toString();
    });
    await waitFor(() => text.includes('tty-err'));
    assert.match(text, /^\d{4}-\d\d-\d\dT[\d:.]+Z tty-line/m);
    follow.close();
  });

  test('a stopped container: the stream ends at the end of its log', async () => {
    const c = await start(['/bin/sh', '-c', 'echo done-now']);
    await c.wait();
    const follow = await followLogs(engine, c.id, { timestamps: false });
    let text = '';
    follow.chunks.on('data', (ch: LogChunk) => (text += ch.data.toString()));
    await new Promise((r) => follow.chunks.on('end', r));
    assert.equal(text, 'done-now\n');
  });
});

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
