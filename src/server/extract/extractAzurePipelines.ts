import { get, scalarText, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';
import { walkImageKeys } from './walkImageKeys';

/**
 * Image references in Azure Pipelines: `resources.containers[].image`, and a job's
 * `container:` (a string or `{image: …}`) and `services:` values, except where they
 * name a container resource by its alias (`container: my_build_env`).
 */
export function extractAzurePipelines(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    const aliases = new Set<string>();
    const containers = get(get(doc, 'resources'), 'containers');
    if (containers?.kind === 'seq') {
      for (const c of containers.items) {
        const alias = scalarText(get(c, 'container'));
        if (alias) aliases.add(alias);
        const site = siteFromNode(get(c, 'image'), 'ci-image', `container resource${alias ? ` ${alias}` : ''}`);
        if (site) sites.push(site);
      }
    }
    const push = (node: YNode | undefined, label: string) => {
      if (node?.kind === 'scalar' && aliases.has(node.value)) return;
      const site = siteFromNode(node, 'ci-image', label);
      if (site) sites.push(site);
    };
    walkImageKeys(doc, 'container', (_owner, value, path) => {
      // A step's `target: {container: alias}` names where it runs, not an image.
      if (path[0] === 'resources' || path[path.length - 1] === 'target') return;
      push(value.kind === 'map' ? get(value, 'image') : value, `${path.join('.') || 'pipeline'} container`);
    });
    walkImageKeys(doc, 'services', (_owner, value, path) => {
      if (path[0] === 'resources' || value.kind !== 'map') return;
      for (const p of value.pairs) push(p.value, `${path.join('.') || 'pipeline'} service ${p.key}`);
    });
  }
  return sites;
}
