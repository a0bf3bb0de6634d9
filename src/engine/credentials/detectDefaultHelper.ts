import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * The credential helper the docker CLI falls back to when config.json names no
 * store and holds no login (its DetectDefaultStore): on Linux `pass` when the
 * `pass` program is installed, else `secretservice`; `osxkeychain` on macOS;
 * `wincred` on Windows; in each case only if `docker-credential-<name>` is on PATH.
 * So a first `docker login` and a first Stowage login land in the same place.
 */
export function detectDefaultHelper(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const candidate = platform === 'darwin' ? 'osxkeychain' : platform === 'win32' ? 'wincred' : onPath('pass', env, platform) ? 'pass' : 'secretservice';
  return onPath(`docker-credential-${candidate}`, env, platform) ? candidate : undefined;
}

function onPath(program: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  const dirs = (env.PATH ?? env.Path ?? '').split(platform === 'win32' ? ';' : delimiter).filter(Boolean);
  const names = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').map((ext) => program + ext.toLowerCase()).concat(program) : [program];
  for (const dir of dirs) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), platform === 'win32' ? constants.F_OK : constants.X_OK);
        return true;
      } catch {
        // not here
      }
    }
  }
  return false;
}
