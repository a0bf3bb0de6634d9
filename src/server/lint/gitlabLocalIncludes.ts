import { readYamlWithLibrary } from '../yaml/readYamlWithLibrary';
import { get, type YNode } from '../yaml/YNode';

/**
 * The local files a GitLab CI configuration includes: `include: path`, `include: [path,
 * {local: path}]`, `include: {local: path}`. Paths as written (relative to the project
 * root, maybe with a leading `/` or globs); remote URLs, templates and other projects'
 * files are left out. Unreadable YAML includes nothing.
 */
export function gitlabLocalIncludes(text: string): string[] {
  if (!text.includes('include')) return [];
  const out: string[] = [];
  let docs: YNode[];
  try {
    docs = readYamlWithLibrary(text);
  } catch {
    return [];
  }
  for (const doc of docs) {
    const include = get(doc, 'include');
    const entries = include?.kind === 'seq' ? include.items : include ? [include] : [];
    for (const entry of entries) {
      if (entry.kind === 'scalar' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(entry.value)) out.push(entry.value);
      const local = get(entry, 'local');
      if (local?.kind === 'scalar') out.push(local.value);
    }
  }
  return out.filter((p) => p !== '' && !p.includes('$'));
}
