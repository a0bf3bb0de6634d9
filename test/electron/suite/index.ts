import { stowageSuite } from './stowageSuite';

/**
 * Entry point @vscode/test-electron calls inside the Extension Development Host. A small
 * runner of its own (no mocha in this project): runs every case in order, prints one line
 * each, and rejects when any failed, which makes VS Code exit non-zero.
 */
export async function run(): Promise<void> {
  const failed: string[] = [];
  for (const c of stowageSuite) {
    const started = Date.now();
    try {
      await c.run();
      console.log(`ok - ${c.name} (${Date.now() - started} ms)`);
    } catch (err) {
      failed.push(c.name);
      console.error(`not ok - ${c.name} (${Date.now() - started} ms)\n  ${((err as Error).stack ?? String(err)).replace(/\n/g, '\n  ')}`);
    }
  }
  console.log(`# ${stowageSuite.length - failed.length} passed, ${failed.length} failed`);
  if (failed.length) throw new Error(`${failed.length} of ${stowageSuite.length} checks failed: ${failed.join('; ')}`);
}
