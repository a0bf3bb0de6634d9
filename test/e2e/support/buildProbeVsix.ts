import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './run';

let cached: Promise<string> | undefined;

/**
 * Packages the test-only probe extension (test/e2e/probe) as a .vsix, once per process.
 * A .vsix, because code-server ignores extension folders merely copied into its
 * extensions dir once extensions.json lists what is installed.
 */
export function buildProbeVsix(root: string): Promise<string> {
  cached ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stowage-probe-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'stowage-e2e-probe.vsix');
    // vsce's own script, run by this node: npx would not look in the repo from the probe's folder.
    await run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out], {
      cwd: join(root, 'test/e2e/probe'),
    });
    return out;
  })();
  return cached;
}
