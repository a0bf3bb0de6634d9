import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { commitContainer } from '../../src/engine/commit/commitContainer';
import { InputError } from '../../src/engine/images/InputError';
import { BASE_IMAGE, cleanup, ensureBaseImage, runTestContainer, testEngine, uniqueName } from '../support/testEngine';

/**
 * Defect 14: changes the engine refuses passed Stowage's check, and a lone
 * surrogate was sent on. Each case is first sent raw to the real engine (as any
 * HTTP client would encode it), to show what the engine does with it, then
 * through Stowage, which must refuse it first, at the right character, and
 * leave no image behind.
 */
describe('fault: commit changes the engine refuses', () => {
  const engine = testEngine();
  const container = uniqueName('fault-commit');
  const repository = `${uniqueName('stowage-fault')}/commit`;
  const made: { containers: string[]; images: string[] } = { containers: [container], images: [] };

  before(async () => {
    await ensureBaseImage(engine);
    await runTestContainer(engine, BASE_IMAGE, container);
  });
  after(() => cleanup(engine, made));

  /** POST /commit with the query encoded by URLSearchParams (a lone surrogate becomes U+FFFD there). */
  function rawCommit(query: Record<string, string | string[]>): Promise<{ status: number; body: string }> {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) q.append(k, one);
    const socketPath = engine.endpoint.socketPath;
    assert.ok(socketPath, 'these fault cases talk to a unix-socket engine');
    return new Promise((resolve, reject) => {
      const req = request({ socketPath, method: 'POST', path: `/v1.41/commit?${q}`, headers: { 'content-type': 'application/json' } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end('{}');
    });
  }

  async function stowageRefuses(options: { changes?: string[]; message?: string }, field: string, start: number, problem: RegExp): Promise<void> {
    await assert.rejects(
      commitContainer(engine, container, { repository, tag: 'refused', pause: false, ...options }),
      (e: unknown) => e instanceof InputError && e.field === field && e.start === start && problem.test(e.problem),
    );
    await assert.rejects(engine.api.getImage(`${repository}:refused`).inspect(), /no such image|404/i, 'nothing was committed');
  }

  const refusedChanges: Array<[string, string, number, RegExp, RegExp]> = [
    ['U+2028 after the instruction', 'CMD\u2028sleep 1', 3, /U\+2028/, /not a valid change command/],
    ['a no-break space after the instruction', 'CMD\u00a0sleep 1', 3, /U\+00A0/, /not a valid change command/],
    ['a no-break space in a legacy ENV', 'ENV A\u00a0B', 5, /U\+00A0/, /ENV must have two arguments/],
    ['a byte order mark on a later change', '\ufeffENV A=1', 0, /U\+FEFF/, /not a valid change command/],
    ['a 200 KB WORKDIR', `WORKDIR /${'a'.repeat(200_000)}`, 65535, /65,535 bytes/, /line greater than max allowed size of 65535/],
    ['a 65,536-byte WORKDIR (one past the limit)', `WORKDIR /${'a'.repeat(65_527)}`, 65535, /65,535 bytes/, /line greater than max allowed size of 65535/],
  ];
  for (const [what, line, start, problem, engineSays] of refusedChanges) {
    test(`${what}: the engine answers 400, Stowage refuses it first at character ${start + 1}`, async () => {
      // A first, ordinary change puts the case on a later line, where the engine forgives nothing.
      const raw = await rawCommit({ container, pause: 'false', changes: ['CMD x', line] });
      assert.equal(raw.status, 400, raw.body.slice(0, 200));
      assert.match(raw.body, engineSays);
      await stowageRefuses({ changes: ['CMD x', line] }, 'change 2', start, problem);
    });
  }

  test('the longest change the engine takes (65,535 bytes) commits through Stowage', async () => {
    made.images.push(`${repository}:longest`);
    const line = `WORKDIR /${'a'.repeat(65_526)}`;
    const id = await commitContainer(engine, container, { repository, tag: 'longest', pause: false, changes: ['CMD x', line] });
    assert.equal((await engine.api.getImage(id).inspect()).Config.WorkingDir, line.slice('WORKDIR '.length));
  });

  test('a lone surrogate: sent raw, the engine stores U+FFFD in its place; Stowage refuses it at its position', async () => {
    const raw = await rawCommit({ container, pause: 'false', comment: 'hi \ud800 there' });
    assert.equal(raw.status, 201, raw.body);
    const id = (JSON.parse(raw.body) as { Id: string }).Id;
    made.images.push(id);
    assert.equal((await engine.api.getImage(id).inspect()).Comment, 'hi \ufffd there', 'the text was changed without a word');
    await stowageRefuses({ message: 'hi \ud800 there' }, 'message', 3, /surrogate/);
    await stowageRefuses({ changes: ['LABEL a=\ud83d'] }, 'change 1', 8, /U\+D83D/);
  });

  test('a message past the engine\'s 1 MiB request limit: the engine answers 431, Stowage refuses it first', async () => {
    const message = 'x'.repeat(1_100_000);
    const raw = await rawCommit({ container, pause: 'false', comment: message });
    assert.equal(raw.status, 431);
    await assert.rejects(
      commitContainer(engine, container, { repository, tag: 'refused', pause: false, message }),
      (e: unknown) => e instanceof InputError && e.field === 'message' && e.start < message.length && /431/.test(e.problem),
    );
  });
});
