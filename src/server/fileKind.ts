/** The kinds of files the checker reads. */
export type FileKind =
  | 'dockerfile'
  | 'compose'
  | 'yaml'
  | 'devcontainer'
  | 'github-workflow'
  | 'github-action'
  | 'gitlab-ci'
  | 'helm-values'
  | 'circleci'
  | 'bitbucket-pipelines'
  | 'azure-pipelines'
  | 'drone'
  | 'jenkinsfile';

/** `Dockerfile.<ext>` files that are not Dockerfiles: the build's ignore file, docs, scripts. */
const NOT_DOCKERFILE = /\.(dockerignore|md|markdown|txt|rst|json|ya?ml|sh|bash|ps1|py|go|js|ts|html|orig|rej|swp)$/;

/**
 * Which kind a file is, from its path (and the editor's language id, for untitled
 * documents), by the names people give these files. Any other YAML file is `yaml`: its
 * documents are read by content (a Kubernetes object has apiVersion and kind; a GitLab
 * CI file pulled in by `include:` has jobs with `script`). Returns undefined for files
 * the checker does not read.
 */
export function classifyFile(filePath: string, languageId?: string): FileKind | undefined {
  const path = filePath.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (isDockerfileName(lower)) return 'dockerfile';
  if (lower === 'jenkinsfile' || /^jenkinsfile[.-].+/.test(lower) || /\.jenkinsfile$/.test(lower)) return lower.endsWith('.md') ? undefined : 'jenkinsfile';
  if (lower === '.devcontainer.json' || (lower === 'devcontainer.json' && /(^|\/)\.devcontainer\/(.+\/)?devcontainer\.json$/i.test(path))) return 'devcontainer';
  const yaml = /\.ya?ml$/.test(lower) || languageId === 'yaml';
  if (yaml) {
    if (/(^|\/)\.github\/workflows\/[^/]+$/.test(path)) return 'github-workflow';
    if (lower === 'action.yml' || lower === 'action.yaml') return 'github-action';
    if (lower === '.gitlab-ci.yml' || lower === '.gitlab-ci.yaml' || /\.gitlab-ci\.ya?ml$/.test(lower)) return 'gitlab-ci';
    if (isComposeName(lower)) return 'compose';
    if (/(^|\/)\.circleci\/(.+\/)?[^/]+$/.test(path)) return 'circleci';
    if (/^bitbucket-pipelines\.ya?ml$/.test(lower)) return 'bitbucket-pipelines';
    if (/^azure-pipelines([-.].+)?\.ya?ml$/.test(lower)) return 'azure-pipelines';
    if (/^\.(drone|woodpecker)\.ya?ml$/.test(lower) || /(^|\/)\.woodpecker\/[^/]+$/.test(path)) return 'drone';
    if (/^values([-.].+)?\.ya?ml$/.test(lower)) return 'helm-values';
    return 'yaml';
  }
  if (languageId === 'dockerfile') return 'dockerfile';
  if (languageId === 'groovy' && lower.startsWith('jenkinsfile')) return 'jenkinsfile';
  return undefined;
}

/** `Dockerfile`, `Dockerfile.dev`, `Dockerfile-alpine`, `api.Dockerfile`, `Containerfile.*`. */
function isDockerfileName(lower: string): boolean {
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (/^(dockerfile|containerfile)[.\-_].+/.test(lower) || /[.\-_](dockerfile|containerfile)$/.test(lower)) return !NOT_DOCKERFILE.test(lower);
  return false;
}

/** `compose.yaml`, `docker-compose.prod.yml`, `compose-dev.yml`, `app-compose.yml`, `docker-stack.yml`. */
function isComposeName(lower: string): boolean {
  return (
    /^(docker-)?compose([-.].+)?\.ya?ml$/.test(lower) ||
    /^docker-compose.*\.ya?ml$/.test(lower) ||
    /^.+[-.](docker-)?compose\.ya?ml$/.test(lower) ||
    /^docker-stack([-.].+)?\.ya?ml$/.test(lower)
  );
}

/** Whether a kind is YAML (read per document, incrementally). */
export function isYamlKind(kind: FileKind): boolean {
  return kind !== 'dockerfile' && kind !== 'devcontainer' && kind !== 'jenkinsfile';
}
