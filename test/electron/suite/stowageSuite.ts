import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { StowageApi } from '../../../src/extension';
import { BASE_IMAGE, ensureBaseImage, testEngine } from '../../support/testEngine';
import type { SuiteCase } from './SuiteCase';

const EXTENSION_ID = 'stowage.stowage';

async function stowage(): Promise<{ extension: vscode.Extension<StowageApi | undefined>; api: StowageApi }> {
  const extension = vscode.extensions.getExtension<StowageApi | undefined>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not among the loaded extensions`);
  const api = await extension.activate();
  assert.ok(api, 'activate() returned no API');
  return { extension, api };
}

/** The desktop checks: activation, commands, and the Images view's provider against the real engine. */
export const stowageSuite: SuiteCase[] = [
  {
    name: 'the extension activates and returns its API',
    run: async () => {
      const { extension, api } = await stowage();
      assert.equal(extension.isActive, true);
      assert.equal(typeof api.viewRows, 'function');
      assert.match(api.endpoint(), /\S/);
    },
  },
  {
    name: 'every command the manifest contributes is registered',
    run: async () => {
      const { extension } = await stowage();
      const contributed = ((extension.packageJSON as { contributes?: { commands?: { command: string }[] } }).contributes?.commands ?? []).map(
        (c) => c.command,
      );
      assert.ok(contributed.length > 0, 'the manifest contributes no commands');
      const registered = new Set(await vscode.commands.getCommands(true));
      assert.deepEqual(contributed.filter((c) => !registered.has(c)), []);
    },
  },
  {
    name: "the Images view's tree provider lists the engine's images",
    run: async () => {
      const { api } = await stowage();
      const engine = testEngine();
      await ensureBaseImage(engine);
      const repository = BASE_IMAGE.slice(0, BASE_IMAGE.lastIndexOf(':'));
      const rows = await api.viewRows('images');
      assert.ok(rows.includes(repository), `Images rows ${JSON.stringify(rows)} lack ${repository}`);
      // Every tagged repository the engine lists shows as a row. Other test runs may add or
      // remove images meanwhile, so only repositories present both before and after count.
      const listed = await tagged(engine);
      const shown = new Set(await api.viewRows('images'));
      const stillListed = await tagged(engine);
      const missing = [...listed].filter((r) => stillListed.has(r) && !shown.has(r));
      assert.deepEqual(missing, [], 'repositories the engine lists but the Images view does not show');
    },
  },
];

/** The repositories of the engine's tagged images. */
async function tagged(engine: ReturnType<typeof testEngine>): Promise<Set<string>> {
  const images = await engine.api.listImages();
  const tags = images.flatMap((i) => i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return new Set(tags.map((t) => t.slice(0, t.lastIndexOf(':'))));
}
