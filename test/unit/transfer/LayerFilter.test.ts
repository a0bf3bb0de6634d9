import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { chainIds } from '../../../src/engine/transfer/chainIds';
import { LayerFilter } from '../../../src/engine/transfer/LayerFilter';
import { legacyLayerChain } from '../../../src/engine/transfer/legacyLayerChain';
import { topLevelMembers } from '../../../src/engine/transfer/topLevelMembers';
import { END, entry, header, pax } from '../images/tarFixture';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/** A `<v1 id>/json` and the folder name the engine's save would give it for `chain`, as Moby's CreateID computes it. */
function legacyFolder(chain: string, parent?: string): { folder: string; json: string } {
  const members: Record<string, string> = { container_config: '{"Env":null,"Cmd":null}', created: '"1970-01-01T00:00:00Z"', layer_id: JSON.stringify(chain) };
  if (parent) members.parent = JSON.stringify(`sha256:${parent}`);
  const hashed = `{${Object.keys(members).sort().map((k) => `"${k}":${members[k]}`).join(',')}}`;
  const folder = sha(hashed);
  const json = `{"id":"${folder}",${parent ? `"parent":"${parent}",` : ''}"created":"1970-01-01T00:00:00Z","container_config":{"Env":null,"Cmd":null},"os":"linux"}`;
  return { folder, json };
}

async function filtered(archive: Buffer, chains: string[], present: Set<string>): Promise<{ out: string; filter: LayerFilter }> {
  const filter = new LayerFilter(chains, present, new Set());
  const out = text(Readable.from([archive.subarray(0, 700), archive.subarray(700, 5000), archive.subarray(5000)]).pipe(filter));
  return { out: await out, filter };
}

test('chain IDs: the first is the diff ID, each next one hashes the previous and the diff ID', () => {
  const [a, b] = [`sha256:${'a'.repeat(64)}`, `sha256:${'b'.repeat(64)}`];
  assert.deepEqual(chainIds([a, b]), [a, `sha256:${sha(`${a} ${b}`)}`]);
  assert.deepEqual(chainIds([]), []);
});

test('top-level members keep each value as written, and refuse what is not one object', () => {
  assert.deepEqual([...topLevelMembers('{"a":{"x":[1,"}"]},"b":"\\u003c" , "c":null}')!], [['a', '{"x":[1,"}"]}'], ['b', '"\\u003c"'], ['c', 'null']]);
  for (const bad of ['[]', '{"a":1', '{"a":}', '{"a":1}x', '']) assert.equal(topLevelMembers(bad), undefined, bad);
});

test('a legacy layer folder is identified by its hash, and by no other chain', () => {
  const chains = chainIds([`sha256:${'1'.repeat(64)}`, `sha256:${'2'.repeat(64)}`]);
  const first = legacyLayerChain(legacyFolder(chains[0]).folder, legacyFolder(chains[0]).json, chains);
  assert.equal(first, chains[0]);
  const second = legacyFolder(chains[1], legacyFolder(chains[0]).folder);
  assert.equal(legacyLayerChain(second.folder, second.json, chains), chains[1]);
  assert.equal(legacyLayerChain(second.folder, second.json, [chains[0]]), undefined);
});

test('the filter leaves out present layers with their PAX header, and keeps every other entry byte for byte', async () => {
  const chains = chainIds([`sha256:${'1'.repeat(64)}`, `sha256:${'2'.repeat(64)}`]);
  const l1 = legacyFolder(chains[0]);
  const l2 = legacyFolder(chains[1], l1.folder);
  const [d1, d2] = [l1.folder < l2.folder ? l1 : l2, l1.folder < l2.folder ? l2 : l1];
  const layerOf = (l: typeof l1) => (l === l1 ? 'BASE'.repeat(300) : 'TOP!'.repeat(200));
  const parts = (l: typeof l1, withPax: boolean) => [
    entry(`${l.folder}/json`, l.json),
    ...(withPax ? [pax({ path: `${l.folder}/layer.tar` })] : []),
    entry(`${l.folder}/layer.tar`, layerOf(l)),
  ];
  const manifest = entry('manifest.json', '[{"Config":"c.json","RepoTags":["a:b"],"Layers":[]}]');
  const archive = Buffer.concat([...parts(d1, true), ...parts(d2, true), manifest, END]);

  const none = await filtered(archive, chains, new Set());
  assert.equal(none.out, archive.toString());
  assert.equal(none.filter.bytesSkipped, 0);
  assert.equal(none.filter.bytesSent, 1200 + 800);
  assert.match(none.filter.manifest!, /RepoTags/);

  const base = await filtered(archive, chains, new Set([chains[0]]));
  const expected = Buffer.concat([...parts(d1, true).slice(0, d1 === l1 ? 1 : 3), ...parts(d2, true).slice(0, d2 === l1 ? 1 : 3), manifest, END]);
  assert.equal(base.out, expected.toString());
  assert.equal(base.filter.bytesSkipped, 1200);
  assert.equal(base.filter.bytesSent, 800);
});

test('an archive that breaks off, or where the engine wrote its error, fails with what happened', async () => {
  const cut = Buffer.concat([header('x/layer.tar', 4096), Buffer.alloc(1000)]);
  await assert.rejects(filtered(cut, [], new Set()), /ended at byte 1512 before tar's end marker/);
  const said = Buffer.concat([entry('a/json', '{}'), Buffer.from('{"errorDetail":{"message":"boom"},"error":"boom"}'.padEnd(512, ' ')), END]);
  await assert.rejects(filtered(said, [], new Set()), /no valid tar header at byte 1024: the export broke off \(the engine says: boom\)/);
});
