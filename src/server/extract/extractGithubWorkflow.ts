import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/**
 * Image references in a GitHub Actions workflow: a job's `container` (a string or its
 * `image`), its `services.<name>.image`, and steps that run `uses: docker://<image>`.
 */
export function extractGithubWorkflow(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  const push = (s: ReferenceSite | undefined) => s && sites.push(s);
  for (const doc of documents) {
    const jobs = get(doc, 'jobs');
    if (jobs?.kind !== 'map') continue;
    for (const job of jobs.pairs) {
      const container = get(job.value, 'container');
      push(siteFromNode(container?.kind === 'map' ? get(container, 'image') : container, 'workflow-container', `job ${job.key} container`));
      const services = get(job.value, 'services');
      if (services?.kind === 'map') {
        for (const service of services.pairs) {
          push(siteFromNode(get(service.value, 'image'), 'workflow-service', `job ${job.key} service ${service.key}`));
        }
      }
      const steps = get(job.value, 'steps');
      if (steps?.kind === 'seq') {
        steps.items.forEach((step, i) => push(siteFromNode(get(step, 'uses'), 'workflow-uses', `job ${job.key} step ${i + 1}`, 'docker://')));
      }
    }
  }
  return sites;
}
