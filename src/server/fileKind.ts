/** The kinds of files the checker reads. */
export type FileKind = 'dockerfile' | 'compose' | 'kubernetes' | 'devcontainer' | 'github-workflow' | 'gitlab-ci';

/**
 * Which kind a file is, from its path (and the editor's language id, for untitled
 * documents). Any other YAML file may be a Kubernetes manifest: those are recognised by
 * their content (apiVersion and kind), so they are all read as `kubernetes`.
 * Returns undefined for files the checker does not read.
 */
export function classifyFile(filePath: string, languageId?: string): FileKind | undefined {
  const path = filePath.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (/^(dockerfile|containerfile)(\..+)?$/.test(lower) || /\.(dockerfile|containerfile)$/.test(lower)) return 'dockerfile';
  if (lower === '.devcontainer.json' || (lower === 'devcontainer.json' && /(^|\/)\.devcontainer\/(.+\/)?devcontainer\.json$/i.test(path))) return 'devcontainer';
  const yaml = /\.ya?ml$/.test(lower) || languageId === 'yaml';
  if (yaml) {
    if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github-workflow';
    if (lower === '.gitlab-ci.yml' || lower === '.gitlab-ci.yaml') return 'gitlab-ci';
    if (/^(compose|docker-compose)(\..+)?\.ya?ml$/.test(lower) || /^docker-compose.*\.ya?ml$/.test(lower)) return 'compose';
    return 'kubernetes';
  }
  if (languageId === 'dockerfile') return 'dockerfile';
  return undefined;
}

/** Whether a kind is YAML (read per document, incrementally). */
export function isYamlKind(kind: FileKind): boolean {
  return kind !== 'dockerfile' && kind !== 'devcontainer';
}
