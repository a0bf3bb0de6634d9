/**
 * scanPath and scanTag read the common shapes themselves and hand every other
 * one to their full scans (scanPathFully, scanTagFully). The shortcut must
 * never change an answer: on every input both give the same end, the same
 * last '/', the same error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pathError, pathLastSlash, scanPath, scanPathFully } from '../../../src/reference/scanPath';
import { scanTag, scanTagFully } from '../../../src/reference/scanTag';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function generate(next: () => number, alphabet: string[], max: number): string {
  let s = '';
  for (let i = Math.floor(next() * max); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
  return s;
}

type PathAnswer = { end: number; lastSlash?: number; error?: unknown };

function pathAnswer(scan: (s: string, start: number) => number, s: string, start: number): PathAnswer {
  const end = scan(s, start);
  return end < 0 ? { end, error: pathError() } : { end, lastSlash: pathLastSlash() };
}

test('scanPath answers as scanPathFully on 100 000 generated near-paths, from the start and after a registry', () => {
  const next = random(11);
  const alphabet = [...'ab09ab09._-/:@A ä'];
  let valid = 0;
  for (let k = 0; k < 100_000; k++) {
    const s = generate(next, alphabet, 14);
    for (const [text, start] of [[s, 0], [`reg.io/${s}`, 7]] as const) {
      const fast = pathAnswer(scanPath, text, start);
      const full = pathAnswer(scanPathFully, text, start);
      assert.deepEqual(fast, full, JSON.stringify(text));
      if (fast.end >= 0) valid++;
    }
  }
  assert.ok(valid > 5_000, `enough valid paths generated (${valid})`);
});

test('scanTag answers as scanTagFully on 100 000 generated near-tags, and at the 128-character limit', () => {
  const next = random(5);
  const alphabet = [...'aZ09_.-@:/ ä'];
  let valid = 0;
  for (let k = 0; k < 100_000; k++) {
    const text = `app:${generate(next, alphabet, 10)}`;
    const fast = scanTag(text, 4);
    assert.deepEqual(fast, scanTagFully(text, 4), JSON.stringify(text));
    if (typeof fast === 'number') valid++;
  }
  for (const length of [127, 128, 129]) {
    for (const text of [`app:${'t'.repeat(length)}`, `app:${'t'.repeat(length)}@sha256:x`]) {
      assert.deepEqual(scanTag(text, 4), scanTagFully(text, 4), `tag of ${length}`);
    }
  }
  assert.equal(scanTag(`app:${'t'.repeat(128)}`, 4), 132);
  assert.equal(typeof scanTag(`app:${'t'.repeat(129)}`, 4), 'object');
  assert.ok(valid > 5_000, `enough valid tags generated (${valid})`);
});
