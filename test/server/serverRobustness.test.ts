import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { TestServer } from './startServer';

/** Thirty ARGs each twice the last: building $a29 is 2^29 characters, past what a string can hold. */
const DOUBLING = ['ARG a0=x', ...Array.from({ length: 29 }, (_, i) => `ARG a${i + 1}=\${a${i}}\${a${i}}`), 'FROM busybox:$a29', 'FROM Busybox:1.36', ''].join('\n');

function deepCompose(levels: number): string {
  let text = 'services:\n  web:\n    image: nginx:1.27\n    x-deep:\n';
  for (let i = 0; i < levels; i++) text += `${'  '.repeat(i + 3)}k:\n`;
  return text;
}

describe('the language server keeps answering whatever one document does', () => {
  let server: TestServer;

  before(async () => {
    server = new TestServer({ trusted: false, engineImages: async () => ({ available: false, reason: 'not asked', images: [] }) });
    await server.initialize('file:///robust');
  });

  after(async () => {
    await server?.stop();
  });

  it('a doubling-ARG Dockerfile and a 3,000-level compose file get no bogus diagnostics, and the next document is still checked', async () => {
    const doubling = 'file:///robust/Dockerfile';
    const deep = 'file:///robust/compose.yaml';
    const plain = 'file:///robust/app/Dockerfile';
    await server.open(doubling, 'dockerfile', DOUBLING);
    await server.open(deep, 'yaml', deepCompose(3000));
    await server.open(plain, 'dockerfile', 'FROM Alpine:3.19\n');

    // $a29 is left unchecked (never built); the line after it is checked as usual.
    const d1 = await server.diagnostics(doubling, 1);
    assert.deepEqual(d1.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}`), ['invalid 32:6']);
    // However the reader copes with that depth, nothing is reported on a file with one valid, tagged image.
    const d2 = await server.diagnostics(deep, 1);
    assert.equal(d2.filter((d) => d.severity === 1).length, 0);
    const d3 = await server.diagnostics(plain, 1);
    assert.deepEqual(d3.map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.character + 1}`), ['invalid 1:6-12']);

    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: doubling }, position: { line: 30, character: 16 } })) as Hover | null;
    assert.match((hover?.contents as { value: string }).value, /a29 \(longer than 4096 characters\)/);
    const again = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: deep }, position: { line: 2, character: 14 } })) as Hover | null;
    assert.ok(again === null || typeof again === 'object');
  });
});
