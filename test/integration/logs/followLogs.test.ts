import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../../src/engine/Engine';
import { parseHost } from '../../../src/engine/resolveEndpoint';
import { followLogs, type LogFollow } from '../../../src/engine/logs/followLogs';
import { getOverHttp10 } from '../../../src/engine/logs/getOverHttp10';
import type { LogChunk } from '../../../src/engine/logs/LogDemuxer';
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
    each(follow, (ch) => (seen[ch.stream] += ch.data.toString()));
    await waitFor(() => seen.stdout.includes('out5'));
    // "later" is written only now, after the tail was read: it must arrive by following.
    const exec = await c.exec({ Cmd: ['/bin/touch', '/go'] });
    await exec.start({});
    await waitFor(() => seen.stdout.includes('later') && seen.stderr.includes('err1'));
    assert.equal(seen.stdout, 'out3\nout4\nout5\nlater\n');
    assert.equal(seen.stderr, 'err1\n');
    const closed = new Promise((r) => follow.on('close', () => r(undefined)));
    follow.close();
    await closed;
  });

  test('timestamps on demand; a TTY container comes through as one stream', async () => {
    const c = await start(['/bin/sh', '-c', 'echo tty-line; echo tty-err >&2; sleep 3600'], true);
    const follow = await followLogs(engine, c.id, { timestamps: true });
    let text = '';
    each(follow, (ch) => {
      assert.equal(ch.stream, 'stdout');
      text += ch.data.toString();
    });
    await waitFor(() => text.includes('tty-err'));
    assert.match(text, /^\d{4}-\d\d-\d\dT[\d:.]+Z tty-line/m);
    follow.close();
  });

  test('a log of many short lines arrives whole, in order, in far fewer pieces than lines', async () => {
    // The engine flushes each line as its own HTTP/1.1 chunk: read through Node's HTTP
    // parser that was one piece per line (20,000 here), each an object, a decode and a write.
    const lines = 20_000;
    const c = await start(['/bin/sh', '-c', `seq 1 ${lines}; echo on-stderr >&2`]);
    await c.wait();
    const follow = await followLogs(engine, c.id, { timestamps: false });
    const seen = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let pieces = 0;
    let reads = 0;
    follow.on('readable', () => {
      for (let runs = follow.read(); runs; runs = follow.read()) {
        reads++;
        for (const ch of runs) pieces++, seen[ch.stream].push(ch.data);
      }
    });
    await new Promise((r) => follow.on('end', () => r(undefined)));
    assert.equal(Buffer.concat(seen.stdout).toString(), Array.from({ length: lines }, (_, n) => `${n + 1}\n`).join(''));
    assert.equal(Buffer.concat(seen.stderr).toString(), 'on-stderr\n');
    assert.ok(pieces < lines / 4 && pieces <= reads + 2, `${pieces} pieces in ${reads} reads for ${lines} lines`);
  });

  test("the engine's refusal comes back with its status and words, as through dockerode", async () => {
    const missing = uniqueName('no-such-container');
    await assert.rejects(getOverHttp10(engine.endpoint.socketPath!, `/containers/${missing}/logs?stdout=1`), (err: Error & { statusCode?: number }) => {
      assert.equal(err.statusCode, 404);
      assert.match(err.message, new RegExp(`No such container: ${missing}`));
      return true;
    });
    await assert.rejects(getOverHttp10('/nonexistent/docker.sock', '/containers/x/logs'), /ENOENT/);
  });

  test('the answer limit is on the start of the answer only: a followed log quiet for longer goes on', async () => {
    // The logs request must start its answer within the engine's answer limit (a frozen
    // engine never answers); the log itself may be quiet for hours and must not be cut.
    const quick = new Engine(engine.endpoint, () => {}, process.env, { answerTimeoutMs: 300 });
    const c = await start(['/bin/sh', '-c', 'echo before; while [ ! -f /go ]; do sleep 0.05; done; echo after; sleep 3600']);
    const follow = await followLogs(quick, c.id, { timestamps: false });
    let text = '';
    let failed: Error | undefined;
    follow.on('error', (e) => (failed = e));
    each(follow, (ch) => (text += ch.data.toString()));
    await waitFor(() => text.includes('before'));
    // What is tested here is time itself: the log stays quiet for 3 answer limits.
    const quietSince = Date.now();
    await waitFor(() => Date.now() - quietSince > 900);
    assert.equal(failed, undefined);
    const exec = await c.exec({ Cmd: ['/bin/touch', '/go'] });
    await exec.start({});
    await waitFor(() => text.includes('after'));
    assert.equal(text, 'before\nafter\n');
    follow.close();
  });

  test('Podman answers a followed log only with its first line: a quiet container is waited for, not called a frozen engine', { timeout: 60_000 }, async () => {
    // Podman's Docker API sends the status line and headers of a followed log with the
    // log's first line. A limit on the answer's start alone failed Show Logs of any
    // Podman container that had printed nothing yet, saying the engine did not answer.
    const podman = new Engine(parseHost('unix:///run/stowage-podman/podman.sock', 'setting'), () => {}, process.env, { answerTimeoutMs: 400 });
    await ensureBaseImage(podman);
    const name = uniqueName('logs-quiet-podman');
    const c = await podman.api.createContainer({ Image: BASE_IMAGE, name, Cmd: ['/bin/sh', '-c', "trap 'echo after' USR1; while true; do sleep 0.05; done"], Labels: { [TEST_LABEL]: '1' } });
    try {
      await c.start();
      let outcome: string | undefined;
      const opened = followLogs(podman, c.id, { timestamps: false }).then(
        (f) => ((outcome = 'open'), f),
        (e: Error) => ((outcome = e.message), undefined),
      );
      // What is tested here is time itself: no answer for 4 answer limits.
      const since = Date.now();
      await waitFor(() => outcome !== undefined || Date.now() - since > 1_600);
      assert.equal(outcome, undefined, 'the request is still waiting for the first line');
      // A signal, not an exec: Podman keeps an exec's connection open, which kept the test process alive.
      await c.kill({ signal: 'SIGUSR1' });
      const follow = await opened;
      assert.ok(follow, `followLogs failed: ${outcome}`);
      let text = '';
      each(follow, (ch) => (text += ch.data.toString()));
      await waitFor(() => text.includes('after'));
      assert.equal(text, 'after\n');
      follow.close();
    } finally {
      await c.remove({ force: true }).catch(() => {});
    }
  });

  test('a stopped container: the stream ends at the end of its log', async () => {
    const c = await start(['/bin/sh', '-c', 'echo done-now']);
    await c.wait();
    const follow = await followLogs(engine, c.id, { timestamps: false });
    let text = '';
    each(follow, (ch) => (text += ch.data.toString()));
    await new Promise((r) => follow.on('end', () => r(undefined)));
    assert.equal(text, 'done-now\n');
  });
});

/** Calls `take` for every run of the log as it arrives, reading whatever has arrived each time. */
function each(follow: LogFollow, take: (ch: LogChunk) => void): void {
  follow.on('readable', () => {
    for (let runs = follow.read(); runs; runs = follow.read()) runs.forEach(take);
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
