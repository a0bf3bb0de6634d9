import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { runTags } from '../../../src/cli/tagsCommand';
import { testEngine } from '../../support/testEngine';
import { tempDockerConfig } from '../registry/registryTestKit';
import { account, pushedRepository, type PushedRepository } from './remoteKit';

const engine = testEngine();
let repo: PushedRepository;

before(async () => {
  repo = await pushedRepository(engine, ['latest', '1.10', '1.2', '2.0'], 'cli');
});
after(async () => {
  await repo?.remove();
});

async function tags(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runTags(args, { out: (t) => (out += t), err: (t) => (err += t) }, env);
  return { code, out, err };
}

test('stowage tags --json: one object per tag, sorted as versions, with the digest the push reported and the platform', async () => {
  const local = await engine.api.getImage(`${repo.repository}:latest`).inspect();
  const digest = local.RepoDigests.find((d) => d.startsWith(`${repo.repository}@`))!.split('@')[1];
  const { code, out, err } = await tags(['--json', repo.repository], repo.cfg.env);
  assert.equal(err, '');
  assert.equal(code, 0);
  const lines = out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    lines,
    ['1.2', '1.10', '2.0', 'latest'].map((tag) => ({
      reference: `${repo.repository}:${tag}`,
      tag,
      digest,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      platforms: [{ os: local.Os, architecture: local.Architecture, variant: null }],
    })),
  );
});

test('stowage tags: exit 1 for a repository the registry does not have, and without a login', async () => {
  const missing = await tags([`${account.registry}/s9reg/not-there`], repo.cfg.env);
  assert.equal(missing.code, 1);
  assert.equal(missing.out, '');
  assert.equal(missing.err, `stowage tags: Could not list the tags of ${account.registry}/s9reg/not-there: ${account.registry} has no repository s9reg/not-there (404 Not Found).\n`);
  const anonymous = tempDockerConfig();
  try {
    const refused = await tags([repo.repository], anonymous.env);
    assert.equal(refused.code, 1);
    assert.match(refused.err, /wants a login and none is stored for it \(401 Unauthorized\): log in to 127\.0\.0\.1:5000 first\.\n$/);
  } finally {
    anonymous.remove();
  }
});

test('stowage tags: exit 2 for usage errors, before any request', async () => {
  for (const args of [[], ['a', 'b'], ['--jsn', 'a'], [`${account.registry}/app:1.0`], [`${account.registry}/App`]]) {
    const r = await tags(args, { PATH: '/nonexistent' });
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.out, '');
    assert.match(r.err, /^stowage tags: .+\n\nUsage: stowage tags/);
  }
});
