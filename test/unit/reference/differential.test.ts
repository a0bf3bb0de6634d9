/**
 * The scanner against an independent oracle: the Go regular expressions,
 * ported as they are (scripts/bench/referenceRegexp.ts). Seeded random inputs
 * built from the grammar's own characters and from mutated vectors, so
 * near-misses are common; every answer and every part must agree.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseReference } from '../../../src/reference';
import type { ReferenceMode } from '../../../src/reference';
import { parseWithRegexp } from '../../../scripts/bench/referenceRegexp';

function vectorInputs(): string[] {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const vectors = JSON.parse(readFileSync(join(dir, 'test/fixtures/reference/refvectors.json'), 'utf8')) as Array<{ input: string }>;
  return vectors.map((v) => v.input);
}

function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1103515245) + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

const ALPHABETS = ['aab0z9.._-_/:@AZ[]f::/-.ebcd', 'a.-_/:1[]', 'a/:.@A', 'ab-.:/[]1F%$ {}'];
const PIECES = ['docker.io', 'index.docker.io', 'localhost', 'library', 'sha256:', 'sha512:', 'a'.repeat(64), 'f'.repeat(32), '[::1]', ':5000', '/', '@', '__', '--', '.', 'Foo', 'x_y.com', 'a'.repeat(250)];
const FIELDS = ['domain', 'path', 'namespace', 'name', 'tag', 'digest', 'string', 'fullName', 'familiarName', 'familiar'] as const;

test('parseReference agrees with the Go regular expressions on 40 000 generated inputs', () => {
  const next = random(20240601);
  const corpus = vectorInputs();
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const generate = (): string => {
    const r = next();
    let s = '';
    if (r < 0.35) {
      const alphabet = pick(ALPHABETS);
      for (let i = 1 + Math.floor(next() * 14); i > 0; i--) s += pick([...alphabet]);
    } else if (r < 0.6) {
      for (let i = 1 + Math.floor(next() * 5); i > 0; i--) s += pick(PIECES);
    } else {
      s = pick(corpus);
      for (let i = 1 + Math.floor(next() * 3); i > 0; i--) {
        const at = Math.floor(next() * (s.length + 1));
        const c = pick([...ALPHABETS[0]]);
        const op = next();
        s = op < 0.4 ? s.slice(0, at) + c + s.slice(at) : op < 0.8 ? s.slice(0, at) + s.slice(at + 1) : s.slice(0, at) + c + s.slice(at + 1);
      }
    }
    return s;
  };
  let valid = 0;
  for (let i = 0; i < 20_000; i++) {
    const input = generate();
    for (const mode of ['strict', 'normalized'] as ReferenceMode[]) {
      const ours = parseReference(input, mode);
      const oracle = parseWithRegexp(input, mode);
      assert.equal(ours.valid, oracle.valid, `${mode} ${JSON.stringify(input)}: ${ours.valid ? 'we accept' : `we refuse (${ours.error.message})`}`);
      if (!ours.valid || !oracle.valid) {
        if (!ours.valid) assert.ok(ours.error.start >= 0 && ours.error.end <= input.length && ours.error.start <= ours.error.end);
        continue;
      }
      valid++;
      for (const field of FIELDS) assert.equal(ours[field], oracle[field], `${mode} ${JSON.stringify(input)}: ${field}`);
    }
  }
  assert.ok(valid > 5_000, `enough valid inputs to compare parts (${valid})`);
});
