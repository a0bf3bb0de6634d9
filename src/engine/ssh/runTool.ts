import { execFile } from 'node:child_process';

/** Runs an ssh tool (ssh -G, ssh-keyscan, ssh-keygen) without a shell; resolves with its exit code and output. */
export function runTool(program: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(program, args, { env, timeout: timeoutMs, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean }) | null;
      if (e && e.code === 'ENOENT') return reject(new Error(`${program} is not installed (it comes with OpenSSH's client)`));
      if (e && typeof e.code !== 'number' && e.killed) return reject(new Error(`${program} did not finish within ${timeoutMs / 1000} s`));
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
    });
  });
}
