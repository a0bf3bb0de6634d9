import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/**
 * Image references in a GitHub action's metadata (action.yml): a Docker action's
 * `runs.image: docker://<image>` (a path to a Dockerfile is not a reference), and a
 * composite action's steps that run `uses: docker://<image>`.
 */
export function extractGithubAction(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    const runs = get(doc, 'runs');
    const image = siteFromNode(get(runs, 'image'), 'action-image', 'action image', 'docker://');
    if (image) sites.push(image);
    const steps = get(runs, 'steps');
    if (steps?.kind !== 'seq') continue;
    steps.items.forEach((step, i) => {
      const site = siteFromNode(get(step, 'uses'), 'workflow-uses', `step ${i + 1}`, 'docker://');
      if (site) sites.push(site);
    });
  }
  return sites;
}
