import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toTerminalNewlines } from '../../../src/terminal/toTerminalNewlines';

test('each bare line feed becomes CR LF; a CR LF, a lone CR and other bytes stay as they are', () => {
  const cases: Array<[string, string]> = [
    ['', ''],
    ['no newline', 'no newline'],
    ['a\nb\n', 'a\r\nb\r\n'],
    ['\n\n', '\r\n\r\n'],
    ['dos\r\nline\r\n', 'dos\r\nline\r\n'],
    ['progress 10%\rprogress 20%\r\n', 'progress 10%\rprogress 20%\r\n'],
    ['mixed\r\nthen\nbare\n', 'mixed\r\nthen\r\nbare\r\n'],
    ['héllo → 世界 🐳\n', 'héllo → 世界 🐳\r\n'],
  ];
  for (const [input, want] of cases) assert.equal(toTerminalNewlines(Buffer.from(input)).toString(), want, JSON.stringify(input));
});

test('agrees with the regular expression it replaced on every byte value', () => {
  const all = Buffer.from(Array.from({ length: 256 * 3 }, (_, n) => (n * 37) % 256));
  const want = all.toString('latin1').replace(/\r?\n/g, '\r\n');
  assert.equal(toTerminalNewlines(all).toString('latin1'), want);
});
