/**
 * Inputs that make backtracking matchers go quadratic or worse. Each must be
 * fully read by the scanner, which the error span proves: the span can only be
 * right if the scanner reached the far end. No wall-clock assertions; the
 * timeout only stops a hang from stalling the suite.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference } from '../../../src/reference';
import type { ReferenceMode } from '../../../src/reference';

const MB = 1 << 20;
const K100 = 100_000;

interface Case {
  name: string;
  input: string;
  mode?: ReferenceMode;
  code?: string;
  span?: [number, number];
}

const a = 'a'.repeat(MB);
const dashes = '-'.repeat(K100);
const colons = ':'.repeat(K100);
const dotted = 'a.'.repeat(MB / 2);

const cases: Case[] = [
  { name: '1 MB name', input: a, code: 'name-too-long', span: [0, MB] },
  { name: '1 MB name, strict', input: a, mode: 'strict', code: 'name-too-long', span: [0, MB] },
  { name: '1 MB name then a bad character', input: `${a}!`, code: 'invalid-char', span: [MB, MB + 1] },
  { name: '100k dashes', input: dashes, code: 'separator-position', span: [0, K100] },
  { name: 'a + 100k dashes', input: `a${dashes}`, code: 'separator-position', span: [1, K100 + 1] },
  { name: 'a + 100k dashes + b', input: `a${dashes}b`, code: 'name-too-long', span: [0, K100 + 2] },
  { name: 'a + 100k dashes + !', input: `a${dashes}!`, code: 'invalid-char', span: [K100 + 1, K100 + 2] },
  { name: '100k dashes after a slash', input: `x/a${dashes}/b`, code: 'separator-position', span: [3, K100 + 3] },
  { name: '100k colons', input: colons, code: 'missing-name', span: [0, 1] },
  { name: 'a + 100k colons', input: `a${colons}`, code: 'stray-colon', span: [2, 3] },
  { name: '100k colons then a slash', input: `${colons}/a`, mode: 'strict', code: 'host', span: [0, 1] },
  { name: 'host: + 100k colons + /a', input: `host${colons}/a`, code: 'port', span: [5, K100 + 4] },
  { name: 'a.a.a… (1 MB)', input: dotted, code: 'separator-position', span: [MB - 1, MB] },
  { name: 'a.a.a…a (1 MB)', input: `${dotted}a`, code: 'name-too-long', span: [0, MB + 1] },
  { name: 'a.a.a…a/b: a 1 MB registry host', input: `${dotted}a/b` },
  { name: 'a.a.a…a:x/b', input: `${dotted}a:x/b`, code: 'port', span: [MB + 2, MB + 3] },
  { name: 'a.a.a…_/b', input: `${dotted}_/b`, code: 'invalid-char', span: [MB, MB + 1] },
  { name: 'a/a/a… (1 MB)', input: 'a/'.repeat(MB / 2), code: 'empty-component', span: [MB - 1, MB] },
  { name: '[ + 1 MB of colons', input: `[${':'.repeat(MB)}`, code: 'ipv6', span: [0, MB + 1] },
  { name: '[ + 1 MB of colons + /a', input: `[${':'.repeat(MB)}/a`, code: 'ipv6', span: [0, MB + 1] },
  { name: '1 MB tag', input: `app:${a}`, code: 'tag-too-long', span: [4, MB + 4] },
  { name: '1 MB digest hex', input: `app@sha256:${'f'.repeat(MB)}`, code: 'digest-length', span: [11, MB + 11] },
  { name: '1 MB digest algorithm', input: `app@${a}`, code: 'digest-format', span: [4, MB + 4] },
  { name: '1 MB unclosed variable', input: `app:${'${'.repeat(MB / 2)}`, code: 'variable', span: [4, MB + 4] },
  { name: '1 MB of spaces inside', input: `a${' '.repeat(MB)}b`, code: 'whitespace', span: [1, MB + 1] },
  { name: '1 MB of __ pairs', input: `a${'__a'.repeat(K100)}`, code: 'name-too-long', span: [0, 3 * K100 + 1] },
  { name: '1 MB of ___', input: `a${'_'.repeat(MB)}b`, code: 'separator', span: [1, MB + 1] },
  { name: 'a.a.a…a/b strict', input: `${dotted}a/b`, mode: 'strict' },
  { name: 'a.a.a…a:x/b strict', input: `${dotted}a:x/b`, mode: 'strict', code: 'port', span: [MB + 2, MB + 3] },
  { name: '1 MB host with _ then /b, strict', input: `${dotted}_/b`, mode: 'strict', code: 'invalid-char', span: [MB, MB + 1] },
  { name: '1 MB registry host then /b, strict', input: `${a}/b`, mode: 'strict' },
  { name: '1 MB of a/ after an @, strict', input: `a@${'a/'.repeat(MB / 2)}`, mode: 'strict', code: 'invalid-char', span: [3, 4] },
];

for (const c of cases) {
  test(`linear: ${c.name}`, { timeout: 60_000 }, () => {
    const r = parseReference(c.input, c.mode ?? 'normalized');
    if (c.code === undefined) {
      assert.ok(r.valid, r.valid ? '' : `${r.error.code} ${r.error.message}`);
      return;
    }
    assert.ok(!r.valid, 'expected an error');
    assert.equal(r.error.code, c.code, r.error.message);
    assert.deepEqual([r.error.start, r.error.end], c.span);
    assert.ok(r.error.message.length < 200, 'messages stay short whatever the input');
  });
  test(`linear, other reading: ${c.name}`, { timeout: 60_000 }, () => {
    const r = parseReference(c.input, c.mode === 'strict' ? 'normalized' : 'strict');
    if (!r.valid) assert.ok(r.error.start >= 0 && r.error.start <= r.error.end && r.error.end <= c.input.length);
  });
}
