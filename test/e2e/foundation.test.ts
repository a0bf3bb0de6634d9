import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildBusyboxImage } from '../support/testEngine';
import { buildProbeVsix } from './support/buildProbeVsix';
import { OWNER_LABEL, useE2eSession } from './support/e2eSession';
import { execIn } from './support/execIn';
import { waitFor } from './support/waitFor';

// The real extension, packaged as a .vsix, in a real VS Code (code-server), driven in a real
// browser against the real engine: what a person sees after installing Stowage.

describe('Stowage in VS Code, in a browser, against the real engine', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  const repo = `stowage-e2e/app-${run}`;
  const tags = ['1.0', 'latest'];
  const containerName = `stowage-e2e-${run}`;
  const marker = '/etc/e2e-marker';
  const created = '/srv/created-by-e2e.txt';
  let containerId = '';
  let probeReport = '';

  const s = useE2eSession({
    prefix: 'foundation',
    setup: async ({ engine, labels, removeAtEnd, atEnd, addEnv }) => {
      removeAtEnd({ containers: [containerName], images: tags.map((t) => `${repo}:${t}`) });
      // One image under two tags, with a layer of its own that the Images view must show.
      await buildBusyboxImage(engine, `${repo}:${tags[0]}`, {
        extra: [`RUN echo stowage-e2e > ${marker}`],
        labels: { [OWNER_LABEL]: labels[OWNER_LABEL] },
      });
      await engine.api.getImage(`${repo}:${tags[0]}`).tag({ repo, tag: tags[1] });

      // A running container that has changed one file of the image and created another.
      const container = await engine.api.createContainer({
        Image: `${repo}:${tags[0]}`,
        name: containerName,
        Cmd: ['/bin/sleep', '3600'],
        Labels: labels,
      });
      await container.start();
      containerId = container.id;
      await execIn(container, `echo changed >> ${marker} && mkdir -p /srv && echo hello > ${created}`);

      // The probe runs the desktop suite (test/electron/suite, compiled beside this file) in
      // code-server's extension host and writes what it found to probeReport.
      const probeDir = mkdtempSync(join(tmpdir(), 'stowage-e2e-probe-'));
      atEnd(() => rmSync(probeDir, { recursive: true, force: true }));
      probeReport = join(probeDir, 'report.json');
      addEnv({ STOWAGE_E2E_PROBE_OUT: probeReport, STOWAGE_E2E_PROBE_SUITE: join(__dirname, '../electron/suite/stowageSuite.js') });
    },
    // Packaged while the engine is being prepared, beside Stowage's own package.
    codeServer: { vsixes: [buildProbeVsix] },
  });

  it('the Stowage view container shows its sections', () =>
    s.check('sections', async () => {
      const { wb } = s;
      const sections = await wb.sectionTitles();
      for (const s of ['Images', 'Containers']) assert.ok(sections.includes(s), `sections: ${sections.join(', ')}`);
    }));

  it('the Images view lists the repository, its tags, and a tag\'s layers', () =>
    s.check('images', async () => {
      const { wb } = s;
      await wb.focusSection('Images');
      const repoRow = await wb.expandRow('Images', repo);
      assert.match(repoRow.description, /2 tags/);
      const tagRows = await wb.childRows('Images', repo, (c) => tags.every((t) => c.some((r) => r.label === t)));
      assert.deepEqual(tagRows.map((r) => r.label).sort(), [...tags].sort());
      // The tag's description starts with the image's short ID.
      const tagRow = tagRows.find((r) => r.label === tags[0])!;
      assert.match(tagRow.description, /^[0-9a-f]{12} · /);

      const isTag = (r: { label: string; level: number }) => r.label === tags[0] && r.level === repoRow.level + 1;
      await wb.expandRow('Images', (r) => isTag(r) && r.index > repoRow.index);
      const layers = await wb.childRows('Images', (r) => isTag(r) && r.index > repoRow.index, (c) => c.some((r) => r.label.includes(marker)));
      assert.ok(layers.length >= 2, `layers: ${layers.map((l) => l.label).join(' | ')}`);
      const own = layers.find((l) => l.label.includes(marker))!;
      assert.match(own.label, /echo stowage-e2e/);
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'images-view.png'));
    }));

  it('the Containers view shows the container and its writable-layer changes', () =>
    s.check('containers', async () => {
      const { wb } = s;
      await wb.focusSection('Containers');
      const row = await wb.expandRow('Containers', containerName);
      assert.match(row.description, new RegExp(`${escapeRegExp(repo)}:${tags[0]} · running`));
      const changes = await wb.childRows('Containers', containerName, (c) => c.some((r) => r.label === created));
      const byPath = new Map(changes.map((c) => [c.label, c.description]));
      assert.equal(byPath.get(created), 'Added');
      assert.equal(byPath.get(marker), 'Changed');
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'containers-view.png'));
    }));

  it('the container\'s context menu offers Inspect and Open Shell', () =>
    s.check('container-menu', async () => {
      const { wb } = s;
      const items = await wb.openContextMenu('Containers', containerName);
      assert.ok(items.includes('Inspect'), `menu: ${items.join(', ')}`);
      assert.ok(items.includes('Open Shell'), `menu: ${items.join(', ')}`);
      await wb.screenshot(join(s.shots, 'container-menu.png'));
    }));

  it('Inspect opens a JSON document showing the container\'s Id', () =>
    s.check('inspect', async () => {
      const { wb } = s;
      await wb.clickMenuItem('Inspect');
      const title = await wb.waitForActiveEditor(new RegExp(escapeRegExp(containerName)));
      assert.match(title, /\.json$/);
      const text = await wb.waitForEditorText(new RegExp(`"Id": "${containerId}"`));
      assert.match(text, new RegExp(`"Name": "/${escapeRegExp(containerName)}"`));
      await wb.moveMouseAway();
      await wb.screenshot(join(s.shots, 'inspect.png'));
    }));

  it('the desktop suite (test/electron) passes in this VS Code, against the installed extension', () =>
    s.check('probe', async () => {
      const text = await waitFor('the probe extension\'s report', () => existsSync(probeReport) && readFileSync(probeReport, 'utf8'), { timeoutMs: 60_000 });
      const report = JSON.parse(text) as {
        error?: string;
        stowage: { active?: boolean; exports?: string[] };
        suite: { name: string; ok: boolean; error?: string }[];
      };
      assert.equal(report.error, undefined);
      assert.equal(report.stowage.active, true);
      assert.ok(report.stowage.exports?.includes('viewRows'), `exports: ${report.stowage.exports?.join(', ')}`);
      assert.ok(report.suite.length > 0, 'the probe ran no checks');
      const failed = report.suite.filter((c) => !c.ok).map((c) => `${c.name}: ${c.error}`);
      assert.deepEqual(failed, []);
    }));
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
