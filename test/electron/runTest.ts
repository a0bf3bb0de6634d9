import { resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

/**
 * Runs the suite in test/electron/suite inside desktop VS Code, with this repository as the
 * extension under development. @vscode/test-electron downloads VS Code (from
 * update.code.visualstudio.com) into .vscode-test/ on first use, so this needs a machine that
 * can reach it, and a display (on a headless Linux: `xvfb-run -a npm run test:electron`).
 * `npm run test:electron` compiles and bundles first; the engine must be up (scripts/setup-machine.sh).
 */
async function main(): Promise<void> {
  // Compiled to out/test/electron/runTest.js: three levels below the repository.
  const root = resolve(__dirname, '../../..');
  const code = await runTests({
    version: process.env.STOWAGE_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: resolve(__dirname, 'suite/index.js'),
    // A throwaway folder keeps the run from touching the repo's own workspace state;
    // other extensions stay off so only Stowage's contributions are in play.
    launchArgs: [resolve(root, 'test/electron/workspace'), '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { DOCKER_HOST: process.env.DOCKER_HOST },
  });
  process.exitCode = code;
}

main().catch((err: unknown) => {
  console.error(`test:electron failed: ${(err as Error).message ?? String(err)}`);
  process.exitCode = 1;
});
