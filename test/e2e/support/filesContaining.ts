import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The regular files under `roots` whose bytes contain any of `needles` (symbolic links,
 * sockets and pipes are passed over; so are files over 64 MiB, which are not logs or
 * settings). For proving a secret was written nowhere it should not be.
 */
export function filesContaining(roots: string[], needles: string[]): string[] {
  const wanted = needles.filter(Boolean).map((n) => Buffer.from(n, 'utf8'));
  const found: string[] = [];
  const visit = (path: string) => {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat) return; // removed while we walked
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
    } else if (stat.isFile() && stat.size <= 64 * 1024 * 1024) {
      const bytes = readFileSync(path);
      if (wanted.some((n) => bytes.includes(n))) found.push(path);
    }
  };
  for (const root of roots) if (existsSync(root)) visit(root);
  return found;
}
