import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { E2eTools } from './e2eTools';
import { exthostLogTail } from './exthostLogTail';
import { run } from './run';
import { waitFor } from './waitFor';

/** A running code-server with its own throwaway user-data, extensions and workspace folders. */
export interface CodeServer {
  /** The workbench with the workspace folder open. */
  readonly url: string;
  readonly port: number;
  readonly workspace: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** code-server's own output and the extension host logs, for failure reports. */
  diagnostics(): string;
  /** Stops the server and every process it started, then removes its folders. */
  stop(): Promise<void>;
}

export interface CodeServerOptions {
  /** .vsix files to install before starting. */
  vsixes?: string[];
  /** Extra environment for code-server and so for the extension host (e.g. the probe's report path). */
  env?: Record<string, string>;
  /** Extra user settings, over the quiet defaults below. */
  settings?: Record<string, unknown>;
  /** Files to put in the workspace folder before it opens (relative path → content). */
  files?: Record<string, string>;
  /**
   * Workspace trust as VS Code has it out of the box: the folder opens untrusted, in
   * Restricted Mode (without the startup prompt, so the test decides when to trust it).
   */
  workspaceTrust?: boolean;
  timeoutMs?: number;
}

// Keeps the workbench quiet and deterministic: no Restricted Mode (extensions would stay
// off), no welcome page or walkthroughs, no chat panel, no update or recommendation toasts.
const QUIET_SETTINGS: Record<string, unknown> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
};

/** Starts code-server on a free 127.0.0.1 port, with the given extensions installed. */
export async function startCodeServer(tools: E2eTools, options: CodeServerOptions = {}): Promise<CodeServer> {
  const home = mkdtempSync(join(tmpdir(), 'stowage-e2e-cs-'));
  const userDataDir = join(home, 'user-data');
  const extensionsDir = join(home, 'extensions');
  const workspace = join(home, 'workspace');
  const config = join(home, 'config.yaml');
  for (const d of [join(userDataDir, 'User'), extensionsDir, workspace]) mkdirSync(d, { recursive: true });
  const trust = options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {};
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...trust, ...options.settings }, null, 2));
  // An empty config file of its own, or code-server writes one (with a password) under ~/.config.
  writeFileSync(config, '');
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), content);
  }

  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env, PATH: `${dirname(tools.node)}:${process.env.PATH ?? ''}` };
  // The test runner's marker would leak into every node the extension host starts.
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  // Keeps code-server's own state (heartbeat, coder.json) out of the real home folder.
  env.XDG_DATA_HOME = join(home, 'xdg-data');
  env.XDG_CONFIG_HOME = join(home, 'xdg-config');

  const common = ['--config', config, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  try {
    for (const vsix of options.vsixes ?? []) {
      const out = await run(tools.node, [tools.codeServer, ...common, '--force', '--install-extension', vsix], { env, timeoutMs: 120_000 });
      if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} into code-server said:\n${out}`);
    }
  } catch (err) {
    rmSync(home, { recursive: true, force: true });
    throw err;
  }

  const output: string[] = [];
  const child = spawn(
    tools.node,
    [tools.codeServer, ...common, '--bind-addr', '127.0.0.1:0', '--auth', 'none', '--disable-telemetry',
      '--disable-update-check', ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']), workspace],
    // Its own process group, so stop() can end the extension host and pty host with it.
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const remember = (chunk: Buffer) => {
    output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (output.length > 400) output.splice(0, output.length - 400);
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let exited: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = `code-server exited (${signal ?? `code ${code}`})`;
      resolve();
    }),
  );
  // If the test process dies without stop(), do not leave a server behind.
  const killOnExit = () => killGroup(child.pid, 'SIGKILL');
  process.once('exit', killOnExit);

  const diagnostics = () =>
    // The extension host's logs first: a report that gets cut keeps Stowage's own words.
    [exthostLogTail(userDataDir, 20), `--- code-server output (last lines)`, ...output.slice(-20)].filter(Boolean).join('\n');
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      const settled = await Promise.race([exit.then(() => true), new Promise((r) => setTimeout(() => r(false), 10_000))]);
      if (!settled) killGroup(child.pid, 'SIGKILL');
    }
    // The extension host may outlive the server by a moment; its group gets the same end.
    killGroup(child.pid, 'SIGKILL');
    rmSync(home, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  };

  try {
    // Port 0 lets the kernel pick a free port with no race; code-server logs which one.
    const port = await waitFor(
      'code-server to report its port',
      () => {
        if (exited) throw new Error(exited);
        const line = output.find((l) => l.includes('HTTP server listening on'));
        const m = line && /http:\/\/127\.0\.0\.1:(\d+)/.exec(line);
        return m ? Number(m[1]) : undefined;
      },
      { timeoutMs: options.timeoutMs ?? 60_000, lastSeen: () => output.slice(-10).join('\n') },
    );
    await waitFor(
      `code-server to answer on port ${port}`,
      async () => {
        if (exited) throw new Error(exited);
        return (await httpStatus(`http://127.0.0.1:${port}/healthz`)) === 200;
      },
      { timeoutMs: options.timeoutMs ?? 60_000 },
    );
    const url = `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}`;
    return { url, port, workspace, userDataDir, extensionsDir, diagnostics, stop };
  } catch (err) {
    const report = diagnostics();
    await stop();
    throw new Error(`${(err as Error).message}\n${report}`);
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: 2_000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
    req.on('error', reject);
  });
}
