import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root, found from a compiled file's folder: compiled tests and
 * benchmarks sit at different depths under out/, so walk up to the package.json
 * that names Stowage (a nested one, e.g. in .tools/, is not it).
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stowage') return dir;
    if (dirname(dir) === dir) throw new Error(`no Stowage package.json above ${from}`);
  }
}
