import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Engine } from '../../src/engine/Engine';
import { buildBusyboxImage, cleanup, ensureBaseImage, TEST_LABEL, testEngine } from '../support/testEngine';
import { buildProbeVsix } from './support/buildProbeVsix';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import { waitFor } from './support/waitFor';
import { Workbench } from './support/Workbench';

// The real extension, packaged as a .vsix, in a real VS Code (code-server), driven in a real
// browser against the real engine: what a person sees after installing Stowage.

/** Marks what this run made, so a later run can tell leftovers of dead runs from live ones. */
const OWNER_LABEL = 'stowage.e2e.owner';
/** The screenshots the README shows, overwritten each run. */
const SHOTS = 'media/screenshots';
/** Screenshots of failures: for looking at, not for committing (test-results/ is gitignored). */
const FAILURES = 'test-results/e2e';

describe('Stowage in VS Code, in a browser, against the real engine', { timeout: 10 * 60_000 }, () => {
  const run = Math.random().toString(36).slice(2, 7);
  const repo = `stowage-e2e/app-${run}`;
  const tags = ['1.0', 'latest'];
  const containerName = `stowage-e2e-${run}`;
  const marker = '/etc/e2e-marker';
  const created = '/srv/created-by-e2e.txt';
  let engine: Engine;
  let containerId = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let shots = '';
  let failures = '';
  let probeDir = '';
  let probeReport = '';

  before(async () => {
    const tools = e2eTools();
    shots = join(tools.root, SHOTS);
    failures = join(tools.root, FAILURES);
    mkdirSync(shots, { recursive: true });
    // Packaging (esbuild + vsce) runs while the engine is being prepared.
    const vsixBuilt = Promise.all([buildVsix(tools.root), buildProbeVsix(tools.root)]);
    vsixBuilt.catch(() => {}); // awaited below; this only keeps an early failure elsewhere from going unhandled
    engine = testEngine();
    await removeLeftoversOfDeadRuns(engine);
    await ensureBaseImage(engine);

    // One image under two tags, with a layer of its own that the Images view must show.
    await buildBusyboxImage(engine, `${repo}:${tags[0]}`, {
      extra: [`RUN echo stowage-e2e > ${marker}`],
      labels: { [OWNER_LABEL]: String(process.pid) },
    });
    await engine.api.getImage(`${repo}:${tags[0]}`).tag({ repo, tag: tags[1] });

    // A running container that has changed one file of the image and created another.
    const container = await engine.api.createContainer({
      Image: `${repo}:${tags[0]}`,
      name: containerName,
      Cmd: ['/bin/sleep', '3600'],
      Labels: { [TEST_LABEL]: '1', [OWNER_LABEL]: String(process.pid) },
    });
    await container.start();
    containerId = container.id;
    await execIn(container, `echo changed >> ${marker} && mkdir -p /srv && echo hello > ${created}`);

    // The probe runs the desktop suite (test/electron/suite, compiled beside this file) in
    // code-server's extension host and writes what it found to probeReport.
    probeDir = mkdtempSync(join(tmpdir(), 'stowage-e2e-probe-'));
    probeReport = join(probeDir, 'report.json');
    server = await startCodeServer(tools, {
      vsixes: await vsixBuilt,
      env: { STOWAGE_E2E_PROBE_OUT: probeReport, STOWAGE_E2E_PROBE_SUITE: join(__dirname, '../electron/suite/stowageSuite.js') },
    });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.openStowage(server!.url));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
    if (probeDir) rmSync(probeDir, { recursive: true, force: true });
    if (engine) await cleanup(engine, { containers: [containerName], images: tags.map((t) => `${repo}:${t}`) });
  });

  /** Runs a check; on failure, adds what the extension host logged and a screenshot to look at. */
  async function check(name: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (err) {
      const shot = join(failures, `${name}.png`);
      mkdirSync(failures, { recursive: true });
      await wb?.screenshot(shot).catch(() => {});
      (err as Error).message += `\n(screenshot: ${shot})\n${server?.diagnostics() ?? ''}`;
      throw err;
    }
  }

  it('the Stowage view container shows its sections', () =>
    check('sections', async () => {
      const sections = await wb.sectionTitles();
      for (const s of ['Images', 'Containers']) assert.ok(sections.includes(s), `sections: ${sections.join(', ')}`);
    }));

  it('the Images view lists the repository, its tags, and a tag\'s layers', () =>
    check('images', async () => {
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
      await wb.screenshot(join(shots, 'images-view.png'));
    }));

  it('the Containers view shows the container and its writable-layer changes', () =>
    check('containers', async () => {
      await wb.focusSection('Containers');
      const row = await wb.expandRow('Containers', containerName);
      assert.match(row.description, new RegExp(`${escapeRegExp(repo)}:${tags[0]} · running`));
      const changes = await wb.childRows('Containers', containerName, (c) => c.some((r) => r.label === created));
      const byPath = new Map(changes.map((c) => [c.label, c.description]));
      assert.equal(byPath.get(created), 'Added');
      assert.equal(byPath.get(marker), 'Changed');
      await wb.moveMouseAway();
      await wb.screenshot(join(shots, 'containers-view.png'));
    }));

  it('the container\'s context menu offers Inspect and Open Shell', () =>
    check('container-menu', async () => {
      const items = await wb.openContextMenu('Containers', containerName);
      assert.ok(items.includes('Inspect'), `menu: ${items.join(', ')}`);
      assert.ok(items.includes('Open Shell'), `menu: ${items.join(', ')}`);
      await wb.screenshot(join(shots, 'container-menu.png'));
    }));

  it('Inspect opens a JSON document showing the container\'s Id', () =>
    check('inspect', async () => {
      await wb.clickMenuItem('Inspect');
      const title = await wb.waitForActiveEditor(new RegExp(escapeRegExp(containerName)));
      assert.match(title, /\.json$/);
      const text = await wb.waitForEditorText(new RegExp(`"Id": "${containerId}"`));
      assert.match(text, new RegExp(`"Name": "/${escapeRegExp(containerName)}"`));
      await wb.moveMouseAway();
      await wb.screenshot(join(shots, 'inspect.png'));
    }));

  it('the desktop suite (test/electron) passes in this VS Code, against the installed extension', () =>
    check('probe', async () => {
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

/** Runs a shell command in the container and fails unless it exits 0. */
async function execIn(container: Dockerode.Container, script: string): Promise<void> {
  const exec = await container.exec({ Cmd: ['/bin/sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
  const { ExitCode } = await exec.inspect();
  assert.equal(ExitCode, 0, `exec "${script}" in the test container exited ${ExitCode}`);
}

/** Removes what earlier runs left when they were killed before their cleanup (their process is gone). */
async function removeLeftoversOfDeadRuns(engine: Engine): Promise<void> {
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const dead = (labels: Record<string, string> | undefined | null) => {
    const pid = Number(labels?.[OWNER_LABEL]);
    return pid > 0 && pid !== process.pid && !alive(pid);
  };
  const filters = JSON.stringify({ label: [OWNER_LABEL] });
  for (const c of await engine.api.listContainers({ all: true, filters })) {
    if (dead(c.Labels)) await engine.api.getContainer(c.Id).remove({ force: true }).catch(() => {});
  }
  for (const i of await engine.api.listImages({ filters })) {
    if (dead(i.Labels)) {
      for (const t of i.RepoTags ?? []) await engine.api.getImage(t).remove({ force: true }).catch(() => {});
    }
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
