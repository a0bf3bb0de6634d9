/**
 * isHost (the verdict a parse asks for) and scanHost (the explanation shown
 * when the verdict is no) are two readings of one grammar: they must agree on
 * every input, or a parse would refuse a host and then find nothing to say.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isHost } from '../../../src/reference/isHost';
import { scanHost } from '../../../src/reference/scanHost';

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const HOSTS = ['localhost', 'docker.io', 'ghcr.io', 'a', '127.0.0.1:5000', '[::1]:5000', '[fd00:1:2::3]', 'xn--n3h.com', 'my-registry.example.com:443', 'A.b-C.d'];
const NOT_HOSTS = ['', '-a', 'a-', 'a..b', '.a', 'a.', 'a:', ':5000', 'a:50x', '[]', '[::1', '[::1]x', '[fe80::1%eth0]', '[::ffff:1.2.3.4]', 'a_b', 'a b', 'a/b', 'ä.com'];

test('isHost says yes exactly where scanHost finds nothing wrong: known hosts and non-hosts', () => {
  for (const s of HOSTS) {
    assert.equal(isHost(s, 0, s.length), true, s);
    assert.equal(scanHost(s, 0, s.length), undefined, s);
  }
  for (const s of NOT_HOSTS) {
    assert.equal(isHost(s, 0, s.length), false, JSON.stringify(s));
    assert.notEqual(scanHost(s, 0, s.length), undefined, JSON.stringify(s));
  }
});

test('isHost and scanHost agree on 50 000 generated near-hosts, also inside a longer string', () => {
  const next = random(7);
  const alphabet = [...'aZ09-.:[]f%_/b'];
  let yes = 0;
  for (let k = 0; k < 50_000; k++) {
    let s = '';
    for (let i = Math.floor(next() * 12); i > 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
    // Judged as a slice [1, 1 + length) of a longer text, as a parse judges the text before the first '/'.
    const text = `x${s}/y`;
    const verdict = isHost(text, 1, 1 + s.length);
    const error = scanHost(text, 1, 1 + s.length);
    assert.equal(verdict, error === undefined, `${JSON.stringify(s)}: isHost ${verdict}, scanHost ${error ? error.message : 'no error'}`);
    if (error) assert.ok(error.start >= 1 && error.end <= 1 + s.length && error.start <= error.end, `${JSON.stringify(s)}: span inside the host`);
    if (verdict) yes++;
  }
  assert.ok(yes > 1_000, `enough valid hosts generated (${yes})`);
});
