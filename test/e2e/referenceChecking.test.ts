import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseReference } from '../../src/reference';
import { buildVsix } from './support/buildVsix';
import { e2eTools } from './support/e2eTools';
import { failureReporter } from './support/failureReporter';
import { launchBrowser, type Browser } from './support/launchBrowser';
import { startCodeServer, type CodeServer } from './support/startCodeServer';
import { waitFor } from './support/waitFor';
import { Workbench } from './support/Workbench';

// Image reference checking as a person meets it in a real VS Code (code-server) in a real
// browser: the error in the Problems panel and under the text, the quick fix, the hover.

const SHOTS = 'media/screenshots';
const FAILURES = 'test-results/e2e';
const BAD = 'Ubuntu:22.04';
const FIXED = 'ubuntu:22.04';
const COMPOSE_REF = 'registry.example.com:5000/team/app:1.2';

describe('Image reference checking in VS Code, in a browser', { timeout: 4 * 60_000 }, () => {
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  let wb: Workbench;
  let root = '';
  let shots = '';
  const check = failureReporter({ dir: () => join(root, FAILURES), prefix: 'references', workbench: () => wb, server: () => server });

  before(async () => {
    const tools = e2eTools();
    root = tools.root;
    shots = join(root, SHOTS);
    mkdirSync(shots, { recursive: true });
    server = await startCodeServer(tools, {
      vsixes: [await buildVsix(tools.root)],
      files: {
        Dockerfile: `FROM ${BAD}\nRUN echo hello\n`,
        'compose.yaml': `services:\n  app:\n    image: ${COMPOSE_REF}\n`,
      },
    });
    browser = await launchBrowser(tools.chromium);
    wb = new Workbench(browser.page);
    await check('startup', () => wb.open(server!.url));
  });

  after(async () => {
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  it('the Problems panel shows the grammar\'s error for an uppercase repository, naming the letter, and the whole component is underlined', () =>
    check('problems', async () => {
      const parsed = parseReference(BAD, 'normalized');
      assert.ok(!parsed.valid, `the grammar rejects ${BAD}`);
      // The server reports the grammar's own message, naming the letter in its component, and marks that whole component.
      const column = 'FROM '.length + parsed.error.start + 1;
      await wb.openFile('Dockerfile');
      const problem = await wb.waitForProblem(new RegExp(`^Error: ${escapeRegExp(`'${BAD}': ${parsed.error.message} ('U' in 'Ubuntu')`)} at line 1 and character ${column}\\b`));
      assert.match(problem, /stowage/);
      // The editor draws the underline a moment after the Problems panel lists the error.
      const squiggles = await waitFor('the error underline in the editor', async () => {
        const seen = await wb.errorSquiggles();
        return seen.length ? seen : undefined;
      });
      assert.deepEqual(squiggles, [{ line: 1, startColumn: column, endColumn: column + 'Ubuntu'.length }]);
      await wb.moveMouseAway();
      await wb.screenshot(join(shots, 'problems.png'));
    }));

  it('the quick fix "Lowercase the repository" rewrites the line, and the error goes', () =>
    check('quick-fix', async () => {
      await wb.applyQuickFix('Ubuntu', `Lowercase the repository: ${FIXED}`);
      const text = await wb.waitForEditorText(new RegExp(`^FROM ${escapeRegExp(FIXED)}$`, 'm'));
      assert.equal(text.split('\n')[0], `FROM ${FIXED}`);
      assert.equal(text.split('\n')[1], 'RUN echo hello', 'the rest of the file is untouched');
      await wb.waitForNoProblem(/uppercase/);
      assert.deepEqual(await wb.errorSquiggles(), []);
    }));

  it('hovering an image in compose.yaml shows the reference taken apart', () =>
    check('hover', async () => {
      await wb.openFile('compose.yaml');
      const text = await wb.hoverText('registry.example.com', /namespace/);
      assert.ok(text.includes(COMPOSE_REF), `the hover names the reference: ${text}`);
      const parts = new Map((await wb.hoverTableRows()).filter((r) => r.length === 2).map(([part, value]) => [part, value]));
      assert.deepEqual(
        Object.fromEntries(['registry', 'port', 'namespace', 'name', 'tag'].map((p) => [p, parts.get(p)])),
        { registry: 'registry.example.com', port: '5000', namespace: 'team', name: 'app', tag: '1.2' },
      );
      // The pointer stays where it is: the picture shows the hover.
      await wb.screenshot(join(shots, 'hover.png'));
    }));
});

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
