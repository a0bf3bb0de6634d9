import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

/**
 * Image references in a Compose file: `services.<name>.image`. Beside `build`, the image
 * names what Compose builds (and tags), not what it pulls.
 */
export function extractCompose(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    const services = get(doc, 'services');
    if (services?.kind !== 'map') continue;
    for (const service of services.pairs) {
      const built = get(service.value, 'build') !== undefined;
      const site = siteFromNode(get(service.value, 'image'), 'compose-image', built ? `service ${service.key}, built here` : `service ${service.key}`);
      if (site) sites.push(built ? { ...site, built } : site);
    }
  }
  return sites;
}
