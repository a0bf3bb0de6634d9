import { get, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';
import { walkImageKeys } from './walkImageKeys';

/**
 * Image references in CI systems whose `image:` key always names an image wherever it is:
 * Bitbucket Pipelines (the top-level image, each step's, each service definition's, as a
 * string or `{name: …}`), Drone and Woodpecker (steps, services, clone; lists or
 * mappings), and CircleCI (every `docker:` executor list; a `machine:` image is a VM
 * image, not a container one).
 */
export function extractCiImages(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    walkImageKeys(doc, 'image', (_owner, value, path) => {
      const site = siteFromNode(value.kind === 'map' ? get(value, 'name') : value, 'ci-image', label(path));
      if (site) sites.push(site);
    }, MACHINE);
  }
  return sites;
}

/** Images in CircleCI configuration: only under `docker:` executor lists. */
export function extractCircleCi(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    walkImageKeys(doc, 'docker', (_owner, value, path) => {
      if (value.kind !== 'seq') return;
      for (const item of value.items) {
        const site = siteFromNode(get(item, 'image'), 'ci-image', `${label(path)} docker`);
        if (site) sites.push(site);
      }
    });
  }
  return sites;
}

const MACHINE = new Set(['machine']);

function label(path: readonly string[]): string {
  return path.length ? path.join('.') : 'top level';
}
