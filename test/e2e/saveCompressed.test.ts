import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { buildUniqueImage } from '../integration/images/imagesKit';
import { uniqueName } from '../support/testEngine';
import { useE2eSession } from './support/e2eSession';
import { readTar } from './support/readTar';
import type { TreeRow } from './support/TreeRow';

// Issue 9, defect 1: in code-server's save dialog, typing `two-images.tar.gz` for two
// images wrote `two-images.tar.gz.tar`, a plain tar (the dialog checked the last
// extension against the filter `tar`, `tar.gz`, `tgz` and appended `.tar`). A person
// right-clicks a repository of two images, Save to Tar…, types a .tar.gz name.

describe('Save to a .tar.gz in code-server writes exactly that file, gzip-compressed', { timeout: 5 * 60_000 }, () => {
  const repo = `stowage-e2e-gz/${uniqueName('gz')}`;
  const refs = [`${repo}:a`, `${repo}:b`];
  const s = useE2eSession({
    prefix: 'save-gz',
    setup: async ({ engine, removeAtEnd }) => {
      removeAtEnd({ images: refs });
      for (const ref of refs) await buildUniqueImage(engine, ref, 50_000);
    },
  });

  it('types /…/two-images.tar.gz in the save dialog; that file appears, gzip, holding both images', async () => {
    await s.check('save-gz', async () => {
      const { server, wb } = s;
      await wb.focusSection('Images');
      await wb.openContextMenu('Images', (row: TreeRow) => row.label === repo || row.ariaLabel.startsWith(`${repo},`) || row.ariaLabel === repo);
      await wb.clickMenuItem('Save to Tar…');
      const path = join(server.workspace, 'two-images.tar.gz');
      await wb.submitInput('Save 2 images', path);
      await wb.waitForNotification(new RegExp(`^Saved (${refs.map(escapeRegExp).join(', ')}|${[...refs].reverse().map(escapeRegExp).join(', ')}) to ${escapeRegExp(path)}\\.`), 60_000);

      assert.deepEqual(readdirSync(server.workspace), ['two-images.tar.gz'], 'exactly the file typed, nothing appended, no temporary file');
      assert.ok(existsSync(path));
      const bytes = readFileSync(path);
      assert.deepEqual([...bytes.subarray(0, 2)], [0x1f, 0x8b], 'gzip magic bytes');
      const manifest = JSON.parse(readTar(gunzipSync(bytes)).get('manifest.json')!.toString('utf8')) as Array<{ RepoTags: string[] }>;
      assert.deepEqual(manifest.flatMap((m) => m.RepoTags).sort(), [...refs].sort());
    });
  });
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
