import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';
import { startSlowListingProxy, type SlowListingProxy } from '../support/slowListingProxy';
import { buildProbeVsix } from './support/buildProbeVsix';
import { useE2eSession } from './support/e2eSession';
import type { TreeRow } from './support/TreeRow';
import { waitFor } from './support/waitFor';

// A view refreshed by an engine event while a right-click command runs on one of its rows.
// VS Code forgets a view's rows from the change event until the provider answers, so if
// the provider waited on the engine there, the command got no row (and asked which
// container instead). The engine is made slow to list containers, through a relay.

/** How long the relay holds a container listing: far longer than a right-click and a menu click take. */
const HOLD_MS = 8_000;

describe('a tree refresh during a context-menu command', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  const name = `stowage-e2e-refresh-${run}`;
  const stormed = `stowage-e2e-refresh-storm-${run}`;
  const withFile = `stowage-e2e-refresh-file-${run}`;
  let proxy: SlowListingProxy | undefined;
  let probeReport = '';

  const s = useE2eSession({
    prefix: 'tree-refresh',
    setup: async ({ engine, labels, removeAtEnd, atEnd, addEnv }) => {
      removeAtEnd({ containers: [name, stormed, withFile] });
      for (const n of [name, stormed, withFile]) {
        // One of them writes a file into its writable layer: a row below the container for the last case.
        const Cmd = n === withFile ? ['/bin/sh', '-c', 'echo written before the refresh > /note.txt && exec sleep 3600'] : ['/bin/sleep', '3600'];
        const container = await engine.api.createContainer({ Image: 'stowage-test/busybox:latest', name: n, Cmd, Labels: labels });
        await container.start();
      }
      const endpoint = resolveEndpoint({ env: process.env });
      assert.equal(endpoint.kind, 'unix', `the test engine is at ${endpoint.url}, not a local socket the relay can sit in front of`);
      proxy = await startSlowListingProxy(endpoint.socketPath!, /^\/(v[\d.]+\/)?containers\/json/, HOLD_MS);
      atEnd(() => proxy?.stop());
      const probeDir = mkdtempSync(join(tmpdir(), 'stowage-e2e-probe-'));
      atEnd(() => rmSync(probeDir, { recursive: true, force: true }));
      probeReport = join(probeDir, 'report.json');
      // The probe runs the provider-level checks (test/electron/suite/treeRefreshSuite) in this extension host.
      addEnv({ DOCKER_HOST: proxy.host, STOWAGE_E2E_PROBE_OUT: probeReport, STOWAGE_E2E_PROBE_SUITE: join(__dirname, '../electron/suite/treeRefreshSuite.js') });
    },
    codeServer: { vsixes: [buildProbeVsix] },
  });

  it('the tree providers, in this extension host, answer during a refresh from the rows shown and fire after the listing', () =>
    s.check('probe', async () => {
      const text = await waitFor("the probe extension's report", () => existsSync(probeReport) && readFileSync(probeReport, 'utf8'), { timeoutMs: 60_000 });
      const report = JSON.parse(text) as { error?: string; suite: { name: string; ok: boolean; error?: string }[] };
      assert.equal(report.error, undefined);
      assert.ok(report.suite.length > 0, 'the probe ran no checks');
      for (const c of report.suite) console.log(`probe: ${c.ok ? 'ok' : 'not ok'} - ${c.name}`);
      const failed = report.suite.filter((c) => !c.ok).map((c) => `${c.name}: ${c.error}`);
      assert.deepEqual(failed, []);
    }));

  it('Inspect, chosen on a container row while an engine event relists the view, inspects that container', () =>
    s.check('inspect-during-refresh', async () => {
      const { wb, engine } = s;
      await wb.focusSection('Containers');
      await wb.revealRow('Containers', name);
      proxy!.slowDown(true);
      try {
        // A signal the container ignores: one container event, so one refresh of the view.
        await engine.api.getContainer(name).kill({ signal: 'SIGWINCH' });
        await waitFor('the refresh to be listing the containers', () => proxy!.held() > 0, { timeoutMs: 30_000 });
        await wb.openContextMenu('Containers', name);
        await wb.clickMenuItem('Inspect');
        // Otherwise the command ran after the window this test is about, and proves nothing.
        assert.ok(proxy!.held() > 0, `the listing ended before the command ran (held ${HOLD_MS} ms): the race was not exercised`);
        const title = await waitFor(
          `an Inspect editor for ${name} (not a quick pick asking which container)`,
          async () => {
            const asked = await wb.quickInputTitle();
            if (asked !== undefined) throw new Error(`the command asked "${asked}": it got no row`);
            const editor = await wb.activeEditorTitle().catch(() => '');
            return editor.includes(name) ? editor : undefined;
          },
          { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() },
        );
        assert.match(title, /\.json$/);
      } finally {
        proxy!.slowDown(false);
      }
      await wb.screenshot(join(s.shots, 'inspect-during-refresh.png'));
    }));

  it('Inspect on a container row during a storm of its events (listings back to back) inspects that container', () =>
    s.check('inspect-during-storm', async () => {
      const { wb, engine } = s;
      await wb.focusSection('Containers');
      await wb.revealRow('Containers', stormed);
      // A listing still held from the test before would open the window without the storm.
      await waitFor('no listing held from before', () => proxy!.held() === 0, { timeoutMs: 2 * HOLD_MS });
      proxy!.slowDown(true);
      let storming = true;
      let events = 0;
      // Signals the container ignores, one after another at the engine's pace, until the command has run.
      const storm = (async () => {
        while (storming) {
          await engine.api.getContainer(stormed).kill({ signal: 'SIGWINCH' });
          events++;
        }
      })();
      try {
        await waitFor('the storm to have the view listing the containers', () => proxy!.held() > 0, { timeoutMs: 30_000 });
        await wb.openContextMenu('Containers', stormed);
        await wb.clickMenuItem('Inspect');
        assert.ok(proxy!.held() > 0, 'no listing was held when the command ran: the race was not exercised');
        await waitFor(
          `an Inspect editor for ${stormed} (not a quick pick asking which container)`,
          async () => {
            const asked = await wb.quickInputTitle();
            if (asked !== undefined) throw new Error(`the command asked "${asked}": it got no row`);
            return (await wb.activeEditorTitle().catch(() => '')).includes(stormed);
          },
          { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() },
        );
      } finally {
        storming = false;
        await storm;
        proxy!.slowDown(false);
      }
      assert.ok(events > 10, `only ${events} events: not a storm`);
    }));

  it("Open File from Container, chosen on a file of an expanded container while the view refreshes, opens that file", () =>
    s.check('container-file-during-refresh', async () => {
      const { wb, engine } = s;
      await wb.focusSection('Containers');
      const row = await wb.expandRow('Containers', withFile);
      const isFiles = (r: TreeRow) => r.label === 'Files' && r.level === row.level + 1;
      await wb.expandRow('Containers', isFiles);
      const isNote = (r: TreeRow) => r.label === 'note.txt' && r.level === row.level + 2;
      await wb.childRows('Containers', isFiles, (c) => c.some(isNote));
      await waitFor('no listing held from before', () => proxy!.held() === 0, { timeoutMs: 2 * HOLD_MS });
      // Not the listing this time: what the expanded rows show (the container's change list,
      // read for its own rows and for its Files), which a redraw asks for below the container.
      proxy!.slowDown(true, /^\/(v[\d.]+\/)?containers\/[0-9a-f]{64}\/changes/);
      try {
        await engine.api.getContainer(withFile).kill({ signal: 'SIGWINCH' });
        await waitFor("the refresh to be reading the expanded container's changes", () => proxy!.held() > 0, { timeoutMs: 30_000 });
        await wb.openContextMenu('Containers', isNote);
        await wb.clickMenuItem('Open File from Container');
        assert.ok(proxy!.held() > 0, `the changes were read before the command ran (held ${HOLD_MS} ms): the race was not exercised`);
        await waitFor(
          'note.txt open from the container (not a question or an error for want of a row)',
          async () => {
            const asked = await wb.quickInputTitle();
            if (asked !== undefined) throw new Error(`the command asked "${asked}": it got no row`);
            return (await wb.activeEditorTitle().catch(() => '')) === 'note.txt';
          },
          { timeoutMs: 30_000, lastSeen: () => wb.describeQuickInput() },
        );
        await wb.waitForEditorText(/^written before the refresh\s*$/);
      } finally {
        proxy!.slowDown(false);
      }
    }));
});
