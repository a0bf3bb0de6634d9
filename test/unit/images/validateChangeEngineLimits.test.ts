import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_QUERY_BYTES, commitQuery } from '../../../src/engine/commit/commitQuery';
import { MAX_CHANGE_BYTES, validateChange } from '../../../src/engine/commit/validateChange';
import { InputError } from '../../../src/engine/images/InputError';

/** Refused at exactly [start, end), with a message matching `message`. */
function refusedAt(line: string, start: number, end: number, message: RegExp): void {
  const check = validateChange(line);
  assert.ok(check.error, `${JSON.stringify(line.slice(0, 40))} should be refused`);
  assert.match(check.error.message, message);
  assert.deepEqual([check.error.start, check.error.end], [start, end], check.error.message);
}

test('a blank other than an ASCII space or tab after the instruction is refused where it is, as the engine refuses the change', () => {
  refusedAt('CMD\u00a0sleep 1', 3, 4, /ordinary space after CMD: U\+00A0 \(no-break space\)/);
  refusedAt('CMD\u2028sleep', 3, 4, /U\+2028 \(line separator\)/);
  refusedAt('CMD\u2029x', 3, 4, /U\+2029/);
  refusedAt('CMD\u0085x', 3, 4, /U\+0085/);
  refusedAt('CMD\ufeffx', 3, 4, /U\+FEFF/);
  refusedAt('EXPOSE\u00a080', 6, 7, /after EXPOSE/);
  refusedAt('ONBUILD\u00a0RUN x', 7, 8, /after ONBUILD/);
  refusedAt('ONBUILD RUN\u3000x', 11, 12, /after RUN: U\+3000/);
});

test('a byte order mark before the instruction is refused (the engine forgives it on the first change only)', () => {
  refusedAt('\ufeffENV A=1', 0, 1, /U\+FEFF \(byte order mark\) before the instruction/);
});

test('the legacy KEY VALUE form needs an ASCII blank between key and value, as the engine splits it', () => {
  refusedAt('ENV A\u00a0B', 5, 6, /ordinary space between the key and the value/);
  refusedAt('LABEL a\u2028b', 7, 8, /U\+2028/);
  assert.equal(validateChange('ENV A B').error, undefined);
  assert.equal(validateChange('ENV A\tB').error, undefined);
});

test('what the engine accepts with such characters still passes: leading, trailing, inside arguments, KEY=VALUE pairs', () => {
  for (const line of ['\u00a0CMD x', '\u2028CMD x', 'CMD sleep\u00a01', 'CMD sleep 1\u2028', 'WORKDIR /a\u2028b', 'ENV A=1\u00a0B=2', 'CMD\u000bx', 'CMD\fx', 'CMD x\ufeffy']) {
    assert.equal(validateChange(line).error, undefined, JSON.stringify(line));
  }
});

test('a change past 65,535 UTF-8 bytes is refused from the character that crosses the limit', () => {
  const fits = `WORKDIR /${'a'.repeat(MAX_CHANGE_BYTES - 9)}`;
  assert.equal(Buffer.byteLength(fits), 65535);
  assert.equal(validateChange(fits).error, undefined);
  refusedAt(`${fits}a`, 65535, 65536, /at most 65,535 bytes \(UTF-8\), this one is 65,536/);
  const big = `WORKDIR /${'a'.repeat(200_000)}`;
  refusedAt(big, 65535, big.length, /this one is 200,009/);
  // Two bytes a character: the limit falls in characters, not code units.
  const accents = `WORKDIR /${'é'.repeat(32763)}`;
  assert.equal(Buffer.byteLength(accents), 65535);
  assert.equal(validateChange(accents).error, undefined);
  refusedAt(`${accents}é`, accents.length, accents.length + 1, /65,537/);
});

test('a lone surrogate is refused at its position, never sent to become U+FFFD', () => {
  refusedAt('LABEL a=\ud83d', 8, 9, /U\+D83D \(half of a surrogate pair/);
  refusedAt('CMD x\ude00y', 5, 6, /U\+DE00/);
  assert.equal(validateChange('LABEL a="\ud83d\ude00"').error, undefined, 'a whole pair is a character like any other');
});

test('commit: a lone surrogate in the message or the author is an InputError at its position', () => {
  for (const [field, options] of [
    ['message', { message: 'hi \ud800 there' }],
    ['author', { author: 'Jane \udfff' }],
  ] as const) {
    assert.throws(
      () => commitQuery('b1', options),
      (e: unknown) => e instanceof InputError && e.field === field && e.start === (field === 'message' ? 3 : 5) && /surrogate/.test(e.problem),
    );
  }
});

test('commit: text that would pass the engine\'s 1 MiB request limit is refused in the longest field, from where it no longer fits', () => {
  const message = 'x'.repeat(1_100_000);
  assert.throws(
    () => commitQuery('b1', { message, changes: ['CMD x'] }),
    (e: unknown) => e instanceof InputError && e.field === 'message' && e.start > 990_000 && e.start < MAX_QUERY_BYTES && e.end === message.length && /431/.test(e.problem) && e.message.length < 400,
  );
  assert.equal(commitQuery('b1', { message: 'x'.repeat(900_000) }).comment?.length, 900_000);
});
