import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseGitConfig } from './parseGitConfig';

export interface GitIdentity {
  name?: string;
  email?: string;
}

/**
 * git's `user.name` and `user.email` from the user's own config files, read
 * directly: spawning git would cost a process on every commit dialog and may not
 * be installed. Files are read in git's order, later values winning:
 * `$XDG_CONFIG_HOME/git/config` (default `~/.config/git/config`), then
 * `~/.gitconfig`; `GIT_CONFIG_GLOBAL` replaces both, as in git. `[include] path`
 * is followed; `[includeIf]` is not, since its conditions depend on a repository
 * this has none of. Missing or unreadable files count as empty.
 */
export async function readGitIdentity(options: { env?: NodeJS.ProcessEnv; home?: string } = {}): Promise<GitIdentity> {
  const env = options.env ?? process.env;
  const home = options.home ?? env.HOME ?? homedir();
  const files = env.GIT_CONFIG_GLOBAL
    ? [expandHome(env.GIT_CONFIG_GLOBAL, home)]
    : [join(env.XDG_CONFIG_HOME ? env.XDG_CONFIG_HOME : join(home, '.config'), 'git', 'config'), join(home, '.gitconfig')];
  const identity: GitIdentity = {};
  for (const file of files) await readInto(file, home, identity, 0);
  return identity;
}

/** git stops at 10 levels of includes; so does this, which also ends include cycles. */
const MAX_INCLUDE_DEPTH = 10;

async function readInto(file: string, home: string, identity: GitIdentity, depth: number): Promise<void> {
  if (depth > MAX_INCLUDE_DEPTH) return;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return;
  }
  for (const entry of parseGitConfig(text)) {
    if (entry.section === 'user' && entry.subsection === undefined) {
      if (entry.key === 'name') identity.name = entry.value;
      if (entry.key === 'email') identity.email = entry.value;
    } else if (entry.section === 'include' && entry.subsection === undefined && entry.key === 'path' && entry.value) {
      const target = expandHome(entry.value, home);
      await readInto(isAbsolute(target) ? target : resolve(dirname(file), target), home, identity, depth + 1);
    }
  }
}

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}
