import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { classifyFile, type FileKind } from '../fileKind';
import { gitlabLocalIncludes } from './gitlabLocalIncludes';

/** Folders never walked into: dependencies and version control. */
const SKIPPED = new Set(['node_modules', '.git']);

export interface LintFile {
  readonly path: string;
  readonly kind: FileKind;
}

/**
 * The files `stowage lint` checks under `root` (a folder, walked recursively, or a file),
 * sorted by path so output is stable. Unreadable folders are skipped.
 *
 * Symbolic links are followed, to files and to folders, only while their target stays
 * inside the tree being linted (the real path of `root`): a link out of it (to `/`, to
 * a home folder) is not followed, and a folder already entered through another path is
 * not entered again, so link loops end. A file reached by several paths is checked once,
 * under the first path in sorted order, unless its names make it different kinds.
 *
 * Files a GitLab CI configuration pulls in with `include: local:` (named anything) are
 * GitLab CI too.
 */
export function collectLintFiles(root: string): LintFile[] {
  const st = statSync(root);
  if (st.isFile()) {
    const kind = classifyFile(root);
    return kind ? [{ path: root, kind }] : [];
  }
  const found: Array<LintFile & { real: string }> = [];
  const realRoot = realpathSync(root);
  walk(root, realRoot, realRoot, new Set([realRoot]), found);
  found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  markGitlabIncludes(root, found);
  const seen = new Set<string>();
  const out: LintFile[] = [];
  for (const f of found) {
    const key = `${f.kind}\0${f.real}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: f.path, kind: f.kind });
  }
  return out;
}

/** `realDir` is the real path of `dir`, so no file's real path costs a system call. */
function walk(dir: string, realDir: string, realRoot: string, entered: Set<string>, out: Array<LintFile & { real: string }>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (SKIPPED.has(e.name)) continue;
      const real = join(realDir, e.name);
      if (entered.has(real)) continue;
      entered.add(real);
      walk(path, real, realRoot, entered, out);
    } else if (e.isFile()) {
      const kind = classifyFile(path);
      if (kind) out.push({ path, kind, real: join(realDir, e.name) });
    } else if (e.isSymbolicLink()) {
      followLink(path, e.name, realRoot, entered, out);
    }
  }
}

function followLink(path: string, name: string, realRoot: string, entered: Set<string>, out: Array<LintFile & { real: string }>): void {
  let real: string;
  let st;
  try {
    real = realpathSync(path);
    st = statSync(real);
  } catch {
    return; // a dangling link
  }
  if (real !== realRoot && !real.startsWith(realRoot + sep)) return;
  if (st.isDirectory()) {
    if (SKIPPED.has(name) || entered.has(real)) return;
    entered.add(real);
    walk(path, real, realRoot, entered, out);
  } else if (st.isFile()) {
    const kind = classifyFile(path);
    if (kind) out.push({ path, kind, real });
  }
}

/** Marks as GitLab CI every file reached through `include: local:` from one, transitively. */
function markGitlabIncludes(root: string, files: Array<LintFile & { real: string }>): void {
  const byPath = new Map<string, number>();
  files.forEach((f, i) => byPath.set(relative(root, f.path).split(sep).join('/'), i));
  const queue = files.filter((f) => f.kind === 'gitlab-ci');
  const done = new Set(queue.map((f) => f.path));
  while (queue.length) {
    const ci = queue.shift()!;
    let text: string;
    try {
      text = readFileSync(ci.path, 'utf8');
    } catch {
      continue;
    }
    // Local includes are relative to the project root: the folder of a `.gitlab-ci.yml`, else the linted folder.
    const projectDir = /(^|[\\/])\.gitlab-ci\.ya?ml$/.test(ci.path) ? relative(root, dirname(ci.path)).split(sep).join('/') : '';
    for (const pattern of gitlabLocalIncludes(text)) {
      const wanted = globToRegExp(join(projectDir, pattern.replace(/^\/+/, '')).split(sep).join('/'));
      for (const [rel, i] of byPath) {
        const f = files[i];
        if (!wanted.test(rel) || done.has(f.path) || f.kind === 'dockerfile' || f.kind === 'jenkinsfile' || f.kind === 'devcontainer') continue;
        files[i] = { path: f.path, kind: 'gitlab-ci', real: f.real };
        done.add(f.path);
        queue.push(files[i]);
      }
    }
  }
}

/** GitLab's include globs: `*` within a folder, `**` across folders. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
