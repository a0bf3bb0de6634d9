import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddedRegistries, type KeyValueStore } from '../../../../src/model/registries/AddedRegistries';
import { parseRegistryAddress } from '../../../../src/model/registries/parseRegistryAddress';
import { parseRepositoryPath } from '../../../../src/model/registries/parseRepositoryPath';

function memory(initial?: unknown): KeyValueStore & { value: unknown } {
  const s = {
    value: initial,
    get: <T>() => s.value as T,
    update: async (_k: string, v: unknown) => void (s.value = JSON.parse(JSON.stringify(v))),
  };
  return s;
}

test('registry addresses: host[:port] as references name registries; Docker Hub\'s other names read as docker.io', () => {
  for (const [typed, domain] of [
    ['registry.example.com', 'registry.example.com'],
    ['  127.0.0.1:5000 ', '127.0.0.1:5000'],
    ['localhost', 'localhost'],
    ['[fd00::1]:5000', '[fd00::1]:5000'],
    ['index.docker.io', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
  ]) {
    assert.deepEqual(parseRegistryAddress(typed), { ok: true, domain }, typed);
  }
});

test('registry addresses: each mistake said, and where it is in what was typed', () => {
  const cases: Array<[string, RegExp, number, number]> = [
    ['', /it is empty/, 0, 0],
    ['https://registry.example.com', /without "https:\/\/"/, 0, 8],
    ['registry.example.com/team/app', /host\[:port\] alone/, 20, 29],
    ['registry.example.com:port', /port/, 21, 25],
    ['reg_istry.example.com', /registry host name/, 3, 4],
    ['myregistry', /Docker Hub namespace.*myregistry\.local or myregistry:5000/, 0, 10],
    ['Registry.Example.com', /lowercase/, 0, 20],
    ['fd00::1:5000', /IPv6.*brackets/, 0, 12],
  ];
  for (const [typed, problem, start, end] of cases) {
    const r = parseRegistryAddress(typed);
    assert.equal(r.ok, false, typed);
    if (r.ok) continue;
    assert.match(r.error.problem, problem, typed);
    assert.deepEqual([r.error.start, r.error.end], [start, end], `${typed}: ${r.error.problem}`);
  }
});

test('repository paths: relative or with the registry in front; Docker Hub\'s official images under library/', () => {
  assert.deepEqual(parseRepositoryPath('127.0.0.1:5000', 'team/app'), { ok: true, path: 'team/app' });
  assert.deepEqual(parseRepositoryPath('127.0.0.1:5000', '127.0.0.1:5000/team/app'), { ok: true, path: 'team/app' });
  assert.deepEqual(parseRepositoryPath('docker.io', 'busybox'), { ok: true, path: 'library/busybox' });
  assert.deepEqual(parseRepositoryPath('registry.example.com', 'a_b-c/d--e/f__g.h'), { ok: true, path: 'a_b-c/d--e/f__g.h' });
  assert.deepEqual(parseRepositoryPath('registry.example.com', 'registry.example.com/a.b/c'), { ok: true, path: 'a.b/c' }, 'a first component with a dot, kept by writing the registry in front');
});

test('repository paths: odd characters, a tag, another registry, pointed at where they were typed', () => {
  const bad = (domain: string, typed: string) => {
    const r = parseRepositoryPath(domain, typed);
    assert.equal(r.ok, false, typed);
    return r.ok ? undefined! : r.error;
  };
  const upper = bad('127.0.0.1:5000', 'team/App');
  assert.match(upper.problem, /uppercase/);
  assert.deepEqual([upper.start, upper.end], [5, 6]);
  const space = bad('127.0.0.1:5000', '127.0.0.1:5000/te am');
  assert.deepEqual([space.start, space.end], [17, 18], space.problem);
  const tag = bad('127.0.0.1:5000', 'team/app:1.4');
  assert.match(tag.problem, /without a tag or digest/);
  assert.deepEqual([tag.start, tag.end], [8, 12]);
  const other = bad('127.0.0.1:5000', 'other.example.com/team/app');
  assert.match(other.problem, /names registry other\.example\.com, not 127\.0\.0\.1:5000/);
  assert.deepEqual([other.start, other.end], [0, 17]);
  assert.match(bad('127.0.0.1:5000', '').problem, /empty/);
  assert.match(bad('127.0.0.1:5000', 'team//app').problem, /.+/);
  assert.match(bad('127.0.0.1:5000', 'te\u0000am').problem, /.+/);
});

test('added registries: add, add again (no duplicate), repositories sorted under their registry, remove one, remove the registry', async () => {
  const store = memory();
  const added = new AddedRegistries(store);
  assert.deepEqual(added.list(), []);
  assert.equal(await added.addRegistry('registry.example.com'), true);
  assert.equal(await added.addRegistry('registry.example.com'), false);
  assert.equal(await added.addRepository('registry.example.com', 'team/b'), true);
  assert.equal(await added.addRepository('registry.example.com', 'team/a'), true);
  assert.equal(await added.addRepository('registry.example.com', 'team/a'), false);
  assert.equal(await added.addRepository('127.0.0.1:5000', 'x/y'), true, 'a repository under a registry not added yet brings its registry');
  assert.deepEqual(added.list(), [
    { domain: 'registry.example.com', repositories: ['team/a', 'team/b'] },
    { domain: '127.0.0.1:5000', repositories: ['x/y'] },
  ]);
  await added.removeRepository('registry.example.com', 'team/a');
  assert.deepEqual(added.repositories('registry.example.com'), ['team/b']);
  await added.removeRegistry('registry.example.com');
  assert.deepEqual(added.list(), [{ domain: '127.0.0.1:5000', repositories: ['x/y'] }]);
});

test('added registries: a damaged stored value is read as what can be trusted of it, never thrown', () => {
  assert.deepEqual(new AddedRegistries(memory('nonsense')).list(), []);
  assert.deepEqual(new AddedRegistries(memory([null, 3, { domain: 7 }, { domain: 'a.example', repositories: ['ok', 5] }, { domain: 'b.example' }])).list(), [
    { domain: 'a.example', repositories: ['ok'] },
    { domain: 'b.example', repositories: [] },
  ]);
});
