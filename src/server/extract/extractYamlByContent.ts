import { get, type YNode } from '../yaml/YNode';
import { extractGitlabCi } from './extractGitlabCi';
import { extractKubernetes, isKubernetesObject } from './extractKubernetes';
import type { ReferenceSite } from './ReferenceSite';

/** Keys only a GitLab CI job has together with `script`. */
const GITLAB_JOB_KEYS = ['stage', 'extends', 'image', 'services', 'rules', 'needs', 'only', 'except', 'artifacts', 'before_script', 'when', 'tags'];

/**
 * A YAML file named nothing in particular: each document is read for what it is. A
 * Kubernetes object has apiVersion and kind; a GitLab CI configuration (a file pulled in
 * by `include:`, named anything) has jobs: mappings with `script` and another job key.
 * Anything else holds no reference this checker knows of.
 */
export function extractYamlByContent(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    if (isKubernetesObject(doc)) sites.push(...extractKubernetes([doc]));
    else if (looksLikeGitlabCi(doc)) sites.push(...extractGitlabCi([doc]));
  }
  return sites;
}

function looksLikeGitlabCi(doc: YNode): boolean {
  if (doc.kind !== 'map') return false;
  return doc.pairs.some((p) => p.value.kind === 'map' && get(p.value, 'script') !== undefined && GITLAB_JOB_KEYS.some((k) => get(p.value, k) !== undefined));
}
