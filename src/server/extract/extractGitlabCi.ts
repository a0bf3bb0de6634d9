import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/** Top-level keys of .gitlab-ci.yml that are not jobs (`default` is read like a job: it has image and services). */
const NOT_JOBS = new Set(['image', 'services', 'stages', 'variables', 'include', 'workflow', 'cache', 'before_script', 'after_script', 'spec']);

/**
 * Image references in GitLab CI: `image` and `services` (each a string or a mapping with
 * `name`), at the top level, under `default`, and in every job (hidden `.jobs` too).
 */
export function extractGitlabCi(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    if (doc.kind !== 'map') continue;
    collect(doc, 'top level', sites);
    for (const pair of doc.pairs) {
      if (NOT_JOBS.has(pair.key) || pair.value.kind !== 'map') continue;
      collect(pair.value, pair.key === 'default' ? 'default' : `job ${pair.key}`, sites);
    }
  }
  return sites;
}

function collect(owner: YNode, label: string, sites: ReferenceSite[]): void {
  const image = get(owner, 'image');
  const imageSite = siteFromNode(image?.kind === 'map' ? get(image, 'name') : image, 'gitlab-image', `${label} image`);
  if (imageSite) sites.push(imageSite);
  const services = get(owner, 'services');
  if (services?.kind !== 'seq') return;
  for (const service of services.items) {
    const site = siteFromNode(service.kind === 'map' ? get(service, 'name') : service, 'gitlab-service', `${label} service`);
    if (site) sites.push(site);
  }
}
