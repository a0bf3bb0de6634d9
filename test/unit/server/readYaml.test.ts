import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readSimpleYaml } from '../../../src/server/yaml/readSimpleYaml';
import { readYamlWithLibrary } from '../../../src/server/yaml/readYamlWithLibrary';
import { splitYamlDocuments } from '../../../src/server/yaml/splitYamlDocuments';
import type { YNode } from '../../../src/server/yaml/YNode';
import { fixture, WORKSPACE } from './siteHelpers';

/**
 * The lib tree as the fast reader should have it: a flow collection the fast reader keeps
 * opaque (it holds no image) may be anything in the library's tree, and the two place an
 * empty value's slot differently on purpose, so null offsets are not compared.
 */
function comparable(node: YNode | undefined | null, like?: YNode | null): unknown {
  if (!node) return node;
  if (like?.kind === 'other') return 'other';
  switch (node.kind) {
    case 'map':
      return { map: node.pairs.map((p, i) => [p.key, p.keyStart, comparable(p.value, like?.kind === 'map' ? like.pairs[i]?.value : undefined)]) };
    case 'seq':
      return { seq: node.items.map((n, i) => comparable(n, like?.kind === 'seq' ? like.items[i] : undefined)) };
    case 'scalar':
      return [node.value, node.start, node.end];
    default:
      return node.kind;
  }
}

function yamlFixtures(dir = WORKSPACE): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFixtures(path);
    return /\.ya?ml$/.test(name) ? [relative(WORKSPACE, path)] : [];
  });
}

test('the fast reader and the yaml library agree on every fixture document the fast reader accepts', () => {
  let accepted = 0;
  let declined = 0;
  for (const rel of yamlFixtures()) {
    for (const chunk of splitYamlDocuments(fixture(rel))) {
      const fast = readSimpleYaml(chunk.text, chunk.start);
      if (fast === undefined) {
        declined++;
        continue;
      }
      accepted++;
      const lib = readYamlWithLibrary(chunk.text, chunk.start);
      assert.deepEqual(comparable(fast), comparable(lib[0] ?? null, fast), `${rel} @${chunk.start}`);
    }
  }
  // k8s/anchors.yml (an anchor) is the only document left to the library.
  assert.equal(declined, 1);
  assert.equal(accepted, 9);
});

test('the fast reader handles block scalars, compact sequences, flow collections, comments', () => {
  const text = [
    'a: 1 # c',
    'list:',
    '- x',
    '- "y" # q',
    "- 'z'",
    'flow: {k: v, l: [1, 2]}',
    'script: |',
    '  image: not-a-key',
    '',
    '  - nope',
    'nested:',
    '  - - inner',
    '    - inner2',
    '  - k: v',
    '    k2:',
    '  - ~',
    'end: x:y',
  ].join('\n');
  const fast = readSimpleYaml(text);
  assert.ok(fast);
  assert.deepEqual(comparable(fast), comparable(readYamlWithLibrary(text)[0], fast));
});

test('the fast reader declines what it does not handle, rather than guessing', () => {
  for (const text of ['a: &x 1', 'a: *x', 'a: !!str x', 'a: "multi\n  line"', 'a: plain\n  continued', '%YAML 1.2\n---\na: 1', 'a: {image: }', 'a: [x,\n  y]', '<<: {a: 1}', 'a: |2\n   x', '? complex\n: key', 'a:\n\t- tab', 'a: b: c']) {
    assert.equal(readSimpleYaml(text), undefined, JSON.stringify(text));
  }
});

test('splitYamlDocuments cuts at --- lines only, keeping offsets', () => {
  const text = '# head\n---\na: 1\n--- # two\nb: "---"\nc: |\n  ---x\n---\n';
  const chunks = splitYamlDocuments(text);
  assert.deepEqual(
    chunks.map((c) => [c.start, c.text]),
    [
      [0, '# head\n'],
      [7, '---\na: 1\n'],
      [16, '--- # two\nb: "---"\nc: |\n  ---x\n'],
      [47, '---\n'],
    ],
  );
  assert.equal(chunks.map((c) => c.text).join(''), text);
});
