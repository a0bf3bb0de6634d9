import { execFile } from 'node:child_process';

/**
 * Runs a program with an argv array (never a shell) and resolves with its stdout.
 * Fails with the command line and the tail of its output, so a broken build says why.
 * stdin is closed at once: a tool that would prompt (vsce does) reads EOF instead of hanging.
 */
export function run(
  file: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 120_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const tail = `${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n');
        reject(new Error(`${file} ${args.join(' ')} failed: ${err.message.split('\n')[0]}\n${tail}`));
      },
    );
    child.stdin?.end();
  });
}
