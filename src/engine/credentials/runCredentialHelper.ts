import { spawn } from 'node:child_process';
import { classifyHelperError, type HelperFailure } from './classifyHelperError';
import { CredentialHelperError } from './CredentialHelperError';

export type CredentialHelperAction = 'store' | 'get' | 'erase' | 'list';

/** A helper name comes from config.json: never let it become a path or anything else. */
const HELPER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export interface CredentialHelperRun {
  readonly env?: NodeJS.ProcessEnv;
  /** Struck from any message, in case a helper echoes its input. */
  readonly secret?: string;
  /** A helper may wait on a passphrase prompt nobody can see: give up after this long. */
  readonly timeoutMs?: number;
}

/**
 * Runs `docker-credential-<helper> <action>` with the docker credential-helper
 * protocol: the input (JSON for `store`, a server URL for `get`/`erase`) goes on
 * stdin, the answer comes on stdout. No shell; the secret never touches argv.
 */
export function runCredentialHelper(helper: string, action: CredentialHelperAction, input: string, run: CredentialHelperRun = {}): Promise<string> {
  const program = `docker-credential-${helper}`;
  if (!HELPER_NAME.test(helper)) {
    return Promise.reject(new CredentialHelperError(`The docker config names a credential helper "${helper}", which is not a valid helper name.`, helper, 'notInstalled'));
  }
  const timeoutMs = run.timeoutMs ?? 60_000;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { env: run.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'], shell: false, windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let settled = false;
    const fail = (message: string, reason: HelperFailure) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new CredentialHelperError(scrub(message, run.secret), helper, reason));
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(`${program} ${action} did not answer within ${Math.round(timeoutMs / 1000)} s (is it waiting for a passphrase?).`, 'timedOut');
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', (e: NodeJS.ErrnoException) => {
      fail(
        e.code === 'ENOENT'
          ? `The credential helper ${program} is not installed (not found on PATH); the docker config asks for it.`
          : `Could not run the credential helper ${program}: ${e.code ?? e.message}`,
        e.code === 'ENOENT' ? 'notInstalled' : 'failed',
      );
    });
    // A helper that exits without reading its stdin makes the write fail with EPIPE: its exit status says more.
    child.stdin.on('error', () => {});
    child.on('close', (code, signal) => {
      if (settled) return;
      const stdout = Buffer.concat(out).toString('utf8');
      if (code === 0) {
        settled = true;
        clearTimeout(timer);
        resolve(stdout);
        return;
      }
      // Helpers print their error on stdout (the protocol's way); only a failed `get` could carry a secret there, and a failed get has none.
      const said = (stdout.trim() || Buffer.concat(err).toString('utf8').trim()).split('\n').slice(0, 3).join(' ').slice(0, 400);
      fail(`${program} ${action} failed${said ? `: ${said}` : signal ? ` (killed by ${signal})` : ` (exit status ${code})`}`, classifyHelperError(said));
    });
    child.stdin.end(input);
  });
}

function scrub(message: string, secret?: string): string {
  if (!secret) return message;
  return message.split(secret).join('***');
}
