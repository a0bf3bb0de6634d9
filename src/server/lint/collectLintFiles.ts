import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { classifyFile, type FileKind } from '../fileKind';

/** Folders never walked into: dependencies and version control. */
const SKIPPED = new Set(['node_modules', '.git']);

export interface LintFile {
  readonly path: string;
  readonly kind: FileKind;
}

/**
 * The files `stowage lint` checks under `root` (a folder, walked recursively, or a file),
 * sorted by path so output is stable. Unreadable folders are skipped; symbolic links to
 * folders are not followed (no cycles).
 */
export function collectLintFiles(root: string): LintFile[] {
  const out: LintFile[] = [];
  const st = statSync(root);
  if (st.isFile()) {
    const kind = classifyFile(root);
    return kind ? [{ path: root, kind }] : [];
  }
  walk(root, out);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function walk(dir: string, out: LintFile[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIPPED.has(e.name)) walk(path, out);
    } else if (e.isFile()) {
      const kind = classifyFile(path);
      if (kind) out.push({ path, kind });
    }
  }
}
