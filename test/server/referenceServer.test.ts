import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver-protocol';
import { buildBusyboxImage, cleanup, testEngine, uniqueName } from '../support/testEngine';
import { engineImages } from './engineImages';
import { ROOT, TestServer } from './startServer';

const WORKSPACE = join(ROOT, 'test', 'fixtures', 'workspace');
const uriOf = (rel: string) => pathToFileURL(join(WORKSPACE, rel)).href;

function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** `line:col-line:col` (1-based) and the text under each diagnostic, with its severity and rule. */
function describe_(text: string, diagnostics: Diagnostic[]): string[] {
  const lines = text.split('\n');
  return diagnostics.map((d) => {
    const { start, end } = d.range;
    const under = start.line === end.line ? lines[start.line].slice(start.character, end.character) : '…';
    return `${d.severity} ${d.code} @${start.line + 1}:${start.character + 1}-${end.line + 1}:${end.character + 1} ${JSON.stringify(under)}`;
  });
}

describe('the reference language server, over LSP, against the real engine', () => {
  const engine = testEngine();
  const repo = `stowage-test/${uniqueName('refcheck')}`;
  const absent = `stowage-test/${uniqueName('absent')}:1`;
  let imageId = '';
  let server: TestServer;

  before(async () => {
    imageId = await buildBusyboxImage(engine, `${repo}:1.0`);
    await engine.call('tag image', (d) => d.getImage(imageId).tag({ repo, tag: '2.0' }));
    server = new TestServer({ trusted: true, engineImages: () => engineImages(engine, 'stowage-test/') });
    await server.initialize(pathToFileURL(WORKSPACE).href);
  });

  after(async () => {
    await server?.stop();
    await cleanup(engine, { images: [`${repo}:1.0`, `${repo}:2.0`, `${repo}:3.0`] });
  });

  it('publishes diagnostics with exact ranges for every file kind on didOpen', async () => {
    const files: Array<[string, string, string[]]> = [
      ['compose.yaml', 'yaml', ['3 unpinned @5:12-5:29 "nginx:1.25-alpine"', '2 untagged @17:12-17:17 "redis"', '1 invalid @21:18-21:24 "Worker"']],
      ['app/Dockerfile', 'dockerfile', ['1 invalid @12:64-12:69 "Cache"', '3 latestTag @25:19-25:25 "latest"']],
      ['k8s/app.yaml', 'yaml', ['3 unpinned @21:16-21:53 "registry.example.com/shop/migrate:1.4"', '3 latestTag @25:24-25:30 "latest"', '3 unpinned @25:18-25:30 "nginx:latest"', '2 untagged @29:19-29:26 "busybox"', '3 unpinned @60:12-60:23 "alpine:3.19"', '1 invalid @63:20-63:27 "BusyBox"']],
      ['.devcontainer/devcontainer.json', 'jsonc', []],
      ['.github/workflows/ci.yml', 'yaml', ['3 latestTag @13:22-13:28 "latest"', '1 invalid @19:24-19:30 "Alpine"']],
      ['.gitlab-ci.yml', 'yaml', ['3 latestTag @16:48-16:54 "latest"', '2 untagged @29:10-29:16 "alpine"']],
    ];
    for (const [rel, languageId, expected] of files) {
      const text = readFileSync(join(WORKSPACE, rel), 'utf8');
      const published = server.diagnostics(uriOf(rel), 1);
      await server.open(uriOf(rel), languageId, text);
      assert.deepEqual(describe_(text, await published), expected, rel);
    }
    // Diagnostics never needed the engine.
    assert.equal(server.engineRequests, 0);
  });

  it('re-validates after an incremental one-character edit', async () => {
    const uri = uriOf('compose.yaml');
    const text = readFileSync(join(WORKSPACE, 'compose.yaml'), 'utf8');
    const at = positionAt(text, text.indexOf('shop/Worker') + 5);
    const published = server.diagnostics(uri, 2);
    await server.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: 'w' }],
    });
    const after = text.replace('shop/Worker', 'shop/worker');
    assert.deepEqual(describe_(after, await published), [
      '3 unpinned @5:12-5:29 "nginx:1.25-alpine"',
      '2 untagged @17:12-17:17 "redis"',
      '3 unpinned @21:13-21:28 "shop/worker:1.0"',
    ]);
  });

  it('reads settings per document through workspace/configuration, again after didChangeConfiguration', async () => {
    const uri = uriOf('app/Dockerfile');
    const asked = server.configurationRequests;
    server.options.settings = { rules: { latestTag: 'warning', untagged: 'off', unpinned: 'off' } };
    const published = server.diagnostics(uri, 1);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const text = readFileSync(join(WORKSPACE, 'app/Dockerfile'), 'utf8');
    assert.deepEqual(describe_(text, await published), ['1 invalid @12:64-12:69 "Cache"', '2 latestTag @25:19-25:25 "latest"']);
    assert.ok(server.configurationRequests > asked);
    const off = server.diagnostics(uri, 1);
    server.options.settings = { enable: false };
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await off, []);
    server.options.settings = undefined;
    const back = server.diagnostics(uri, 1);
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await back).length, 2);
  });

  describe('with an image the engine has', () => {
    const uri = uriOf('engine/compose.yaml');
    let text = '';
    const offsetOf = (s: string, delta = 0) => {
      const i = text.indexOf(s);
      assert.ok(i >= 0, s);
      return i + delta;
    };

    before(async () => {
      text = [
        'services:',
        '  present:',
        `    image: ${repo}:1.0`,
        '  untagged:',
        `    image: ${repo}`,
        '  absent:',
        `    image: ${absent}`,
        '  broken:',
        `    image: ${repo.replace('refcheck', 'RefCheck')}:1.0`,
        '  typing:',
        `    image: ${repo}:`,
        '  empty:',
        '    image:',
        '',
      ].join('\n');
      const published = server.diagnostics(uri, 1);
      await server.open(uri, 'yaml', text);
      await published;
    });

    it('hover takes the reference apart and shows what the engine knows', async () => {
      const hover = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: positionAt(text, offsetOf(`${repo}:1.0`, 3)),
      })) as Hover;
      const md = (hover.contents as { value: string }).value;
      assert.match(md, /\| registry \| `docker\.io` \(default\) \|/);
      assert.match(md, /\| namespace \| `stowage-test` \|/);
      assert.match(md, new RegExp(`\\| name \\| \`${repo.split('/')[1]}\` \\|`));
      assert.match(md, /\| tag \| `1\.0` \|/);
      assert.match(md, new RegExp(`Full form: \`docker\\.io/${repo}:1\\.0\``));
      assert.match(md, /\*\*In the engine\*\*/);
      assert.match(md, new RegExp(`ID: \`${imageId.slice(7, 19)}\``));
      assert.match(md, /Size: [\d.]+ MB/);
      assert.match(md, /Created: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
      // FROM scratch + COPY + RUN: two layers.
      assert.match(md, /Layers: 2/);
      // Other tags include :2.0 (and any other image the build cache made identical, such as the shared base).
      assert.match(md, new RegExp(`Other tags: .*\`${repo}:2\\.0\``));
      assert.doesNotMatch(md, new RegExp(`\`${repo}:1\\.0\`, `));
      assert.deepEqual(hover.range?.start, positionAt(text, offsetOf(`${repo}:1.0`)));
      assert.equal(server.engineRequests, 1);
    });

    it('quick fixes: add a tag the engine has, pull what it lacks, lowercase; no digest to pin for a local build', async () => {
      const actions = async (needle: string) =>
        (await server.connection.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: positionAt(text, offsetOf(needle)), end: positionAt(text, offsetOf(needle)) },
          context: { diagnostics: [] },
        })) as CodeAction[];
      const untagged = await actions(`${repo}\n`);
      // No tag means latest, which the engine does not have: so pulling is offered too.
      assert.deepEqual(
        untagged.map((a) => [a.title, a.edit?.changes?.[uri]?.[0].newText ?? a.command?.command]),
        [
          ['Add tag :1.0', ':1.0'],
          ['Add tag :2.0', ':2.0'],
          [`Pull ${repo}`, 'stowage.pullImage'],
        ],
      );
      assert.deepEqual(untagged[0].edit?.changes?.[uri]?.[0].range.start, positionAt(text, offsetOf(`${repo}\n`) + repo.length));
      const pull = await actions(absent);
      assert.deepEqual(
        pull.map((a) => [a.title, a.command?.command, a.command?.arguments]),
        [[`Pull ${absent}`, 'stowage.pullImage', [absent]]],
      );
      const broken = await actions('RefCheck');
      assert.deepEqual(
        broken.map((a) => a.title),
        [`Lowercase the repository: ${repo}:1.0`],
      );
      // Built here, never pushed or pulled: the engine has no RepoDigests for it, so nothing to pin.
      const present = await actions(`${repo}:1.0`);
      assert.deepEqual(present, []);
    });

    it('completion offers the engine repositories, then the tags after the colon', async () => {
      const complete = async (offset: number) =>
        (await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionAt(text, offset) })) as CompletionItem[];
      const tags = await complete(offsetOf(`${repo}:\n`, repo.length + 1));
      assert.deepEqual(
        tags.map((i) => i.label),
        ['1.0', '2.0'],
      );
      const repos = await complete(offsetOf('  empty:\n    image:', '  empty:\n    image:'.length));
      const mine = repos.find((i) => i.label === repo);
      assert.ok(mine, `completion lists ${repo}`);
      assert.equal((mine.textEdit as { newText: string }).newText, ` ${repo}`);
    });

    it('after stowage/engineChanged the server asks the engine again', async () => {
      await engine.call('tag image', (d) => d.getImage(imageId).tag({ repo, tag: '3.0' }));
      const asked = server.engineRequests;
      await server.connection.sendNotification('stowage/engineChanged');
      const tags = (await server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri },
        position: positionAt(text, offsetOf(`${repo}:\n`, repo.length + 1)),
      })) as CompletionItem[];
      assert.deepEqual(
        tags.map((i) => i.label),
        ['1.0', '2.0', '3.0'],
      );
      assert.equal(server.engineRequests, asked + 1);
    });
  });

  it('Dockerfile completion offers earlier build stages after --from=', async () => {
    const uri = uriOf('app/Dockerfile.completion');
    const text = 'FROM alpine:3.19 AS base\nFROM base AS build\nCOPY --from=b /x /y\n';
    const published = server.diagnostics(uri, 1);
    await server.open(uri, 'dockerfile', text);
    await published;
    const items = (await server.connection.sendRequest('textDocument/completion', {
      textDocument: { uri },
      position: positionAt(text, text.indexOf('--from=b') + 8),
    })) as CompletionItem[];
    assert.deepEqual(
      items.filter((i) => i.detail === 'build stage').map((i) => i.label),
      ['base', 'build'],
    );
  });
});

describe('the reference language server in an untrusted workspace', () => {
  it('still checks syntax but never asks for engine data', async () => {
    const server = new TestServer({ trusted: false, engineImages: () => Promise.reject(new Error('must not be asked')) });
    try {
      await server.initialize(pathToFileURL(WORKSPACE).href);
      const uri = uriOf('compose.yaml');
      const text = readFileSync(join(WORKSPACE, 'compose.yaml'), 'utf8');
      const published = server.diagnostics(uri, 1);
      await server.open(uri, 'yaml', text);
      assert.equal((await published).filter((d) => d.code === 'invalid').length, 1);
      const hover = (await server.connection.sendRequest('textDocument/hover', {
        textDocument: { uri },
        position: positionAt(text, text.indexOf('redis\n') + 1),
      })) as Hover;
      const md = (hover.contents as { value: string }).value;
      assert.match(md, /Full form: `docker\.io\/library\/redis:latest`/);
      assert.doesNotMatch(md, /engine/i);
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: positionAt(text, text.indexOf('redis\n')), end: positionAt(text, text.indexOf('redis\n')) },
        context: { diagnostics: [] },
      })) as CodeAction[];
      assert.deepEqual(actions, []);
      assert.equal(server.engineRequests, 0);
    } finally {
      await server.stop();
    }
  });
});
