import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseNameList } from '../../../src/model/parseNameList';

test('several names, separated by spaces, commas or both, each with where it was typed', () => {
  const input = ' walk/app:1.0,walk/app  127.0.0.1:5000/walk/app:2.0 , busybox ';
  const list = parseNameList(input);
  assert.equal(list.error, undefined);
  assert.deepEqual(
    list.names!.map((n) => [n.text, n.reference, n.canonical, input.slice(n.start, n.end)]),
    [
      ['walk/app:1.0', 'walk/app:1.0', 'docker.io/walk/app:1.0', 'walk/app:1.0'],
      ['walk/app', 'walk/app:latest', 'docker.io/walk/app:latest', 'walk/app'],
      ['127.0.0.1:5000/walk/app:2.0', '127.0.0.1:5000/walk/app:2.0', '127.0.0.1:5000/walk/app:2.0', '127.0.0.1:5000/walk/app:2.0'],
      ['busybox', 'busybox:latest', 'docker.io/library/busybox:latest', 'busybox'],
    ],
  );
});

test('one name is a list of one', () => {
  assert.deepEqual(parseNameList('walk/app:1.0').names?.map((n) => n.reference), ['walk/app:1.0']);
});

test('the first bad name is reported with its place in the list and its position in the whole input', () => {
  const input = 'walk/app:1.0, walk/App:2.0';
  const list = parseNameList(input);
  assert.ok(list.error);
  assert.match(list.error.message, /^name 2 \("walk\/App:2\.0"\): .*uppercase.*at character 20$/);
  assert.equal(input.slice(list.error.start, list.error.end), 'A');

  const tagError = parseNameList('a:1 b:2 c:bad!tag');
  assert.ok(tagError.error);
  assert.match(tagError.error.message, /^name 3 /);
  assert.equal('a:1 b:2 c:bad!tag'.slice(tagError.error.start, tagError.error.end), '!');
});

test('a digest, the same name twice (however written), or no name at all are refused with a position', () => {
  const digest = `a:1 b@sha256:${'a'.repeat(64)}`;
  const d = parseNameList(digest);
  assert.match(d.error!.message, /^name 2 .*digest/);
  assert.equal(d.error!.start, digest.indexOf('@'));

  const twice = parseNameList('walk/app docker.io/walk/app:latest');
  assert.match(twice.error!.message, /name 2 .* is the same name as name 1 \(docker\.io\/walk\/app:latest\), at character 10/);
  assert.equal(twice.error!.start, 9);

  for (const empty of ['', '   ', ' , ,, ']) assert.match(parseNameList(empty).error!.message, /one or more names/);
});

test('a long hostile list stays linear and names the bad entry', () => {
  const many = Array.from({ length: 20_000 }, (_, i) => `r/app:t${i}`).join(',');
  const t0 = performance.now();
  assert.equal(parseNameList(many).names?.length, 20_000);
  assert.ok(performance.now() - t0 < 2000);
  assert.match(parseNameList(`${many},x:`).error!.message, /^name 20001 /);
});
