import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/** Image references in a Compose file: `services.<name>.image`. */
export function extractCompose(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    const services = get(doc, 'services');
    if (services?.kind !== 'map') continue;
    for (const service of services.pairs) {
      const site = siteFromNode(get(service.value, 'image'), 'compose-image', `service ${service.key}`);
      if (site) sites.push(site);
    }
  }
  return sites;
}
