import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../src/server/analyzeDocument';
import { checkReferences } from '../../../src/server/check/checkReferences';
import { DEFAULT_SETTINGS } from '../../../src/server/check/ReferenceSettings';
import { EngineIndex } from '../../../src/server/features/EngineIndex';
import { quickFixes } from '../../../src/server/features/quickFixes';
import { PULL_IMAGE_COMMAND } from '../../../src/shared/protocol';

const toRange = (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } });
const LOCAL = 'sha256:' + '1'.repeat(64);
const ENGINE = new EngineIndex({
  available: true,
  images: [{ id: 'sha256:' + 'f'.repeat(64), repoTags: ['localhost:5000/shop/api:2.3', 'localhost:5000/shop/api:2.4'], repoDigests: [`localhost:5000/shop/api@${LOCAL}`], size: 1, created: 0 }],
});

function fixesFor(text: string, engine: EngineIndex | undefined, disabledSupport = true) {
  const analysis = new DocumentAnalyzer('dockerfile').analyze(text);
  return quickFixes({ uri: 'u', analyzed: analysis.sites[0], diagnostics: [], engine, toRange, disabledSupport }).map((f) => ({
    title: f.title,
    newText: f.edit?.changes?.u[0].newText,
    disabled: f.disabled?.reason,
    command: f.command?.command,
  }));
}

test('a malformed digest: remove it, or pin to the digest the engine has for that name', () => {
  const text = 'FROM localhost:5000/shop/api:2.3@sha256:abc\n';
  assert.deepEqual(fixesFor(text, ENGINE), [
    { title: 'Remove the malformed digest: localhost:5000/shop/api:2.3', newText: 'localhost:5000/shop/api:2.3', disabled: undefined, command: undefined },
    { title: `Pin to the digest the engine has for localhost:5000/shop/api:2.3: ${LOCAL.slice(0, 19)}…`, newText: `localhost:5000/shop/api:2.3@${LOCAL}`, disabled: undefined, command: undefined },
  ]);
  // Without an engine only the removal is offered.
  assert.deepEqual(fixesFor(text, undefined).map((f) => f.newText), ['localhost:5000/shop/api:2.3']);
});

test('an untagged reference: the engine`s tags of that repository, or a disabled action saying there are none (Pull kept)', () => {
  assert.deepEqual(fixesFor('FROM localhost:5000/shop/api\n', ENGINE).map((f) => f.title), ['Add tag :2.3', 'Add tag :2.4', 'Pull localhost:5000/shop/api']);
  assert.deepEqual(fixesFor('FROM localhost:5000/shop/web\n', ENGINE), [
    { title: 'Add a tag', newText: undefined, disabled: 'the local engine has no tag of localhost:5000/shop/web: pull one, or write the tag', command: undefined },
    { title: 'Pull localhost:5000/shop/web', newText: undefined, disabled: undefined, command: PULL_IMAGE_COMMAND },
  ]);
  // A client that cannot show disabled actions is not given one that does nothing.
  assert.deepEqual(fixesFor('FROM localhost:5000/shop/web\n', ENGINE, false).map((f) => f.title), ['Pull localhost:5000/shop/web']);
});

test('an invalid reference is marked on its whole component, and the message names the character', () => {
  const text = 'FROM Ubuntu:22.04\nFROM shop/myApp:1\nFROM alpine:3.19@sha256:abc\n';
  const analysis = new DocumentAnalyzer('dockerfile').analyze(text);
  assert.deepEqual(
    checkReferences(analysis, DEFAULT_SETTINGS).map((f) => [text.slice(f.start, f.end), f.message]),
    [
      ['Ubuntu', "'Ubuntu:22.04': uppercase letter in repository name ('U' in 'Ubuntu')"],
      ['myApp', "'shop/myApp:1': uppercase letter in repository name ('A' in 'myApp')"],
      ['abc', "'alpine:3.19@sha256:abc': sha256 digest needs 64 hex characters, found 3"],
    ],
  );
});
