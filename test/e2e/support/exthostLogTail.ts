import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The last lines of every extension host log under a code-server user-data dir
 * (`logs/<time>/exthost*\/remoteexthost.log`, where an extension's activation errors land)
 * and of Stowage's own log (`exthost*\/stowage.stowage/Stowage.log`, each engine call and
 * each command's error; first), newest session first. Empty when there are none yet.
 */
export function exthostLogTail(userDataDir: string, lines = 40): string {
  const logs = join(userDataDir, 'logs');
  if (!existsSync(logs)) return '';
  const sessions = readdirSync(logs)
    .map((name) => join(logs, name))
    .filter((p) => statSync(p).isDirectory())
    .sort()
    .reverse();
  const parts: string[] = [];
  for (const session of sessions) {
    for (const host of readdirSync(session).filter((n) => n.startsWith('exthost'))) {
      for (const file of [join(session, host, 'stowage.stowage', 'Stowage.log'), join(session, host, 'remoteexthost.log')]) {
        if (!existsSync(file)) continue;
        const text = readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
        parts.push(`--- ${file}\n${text}`);
      }
    }
  }
  return parts.join('\n');
}
