import { get, scalarText, type YNode } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode } from './siteFromNode';

const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

/**
 * Image references in Kubernetes manifests: every container list of a Pod, of a
 * PodTemplate, of a CronJob's job template, and of any other object with a pod template
 * under `spec.template` (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * ReplicationController, and workload-like custom resources). A `List` is read item by
 * item. Documents without apiVersion and kind are not manifests and are skipped.
 */
export function extractKubernetes(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) collect(doc, sites);
  return sites;
}

function collect(doc: YNode, sites: ReferenceSite[]): void {
  const kind = scalarText(get(doc, 'kind'));
  if (!kind || !get(doc, 'apiVersion')) return;
  if (kind === 'List') {
    const items = get(doc, 'items');
    if (items?.kind === 'seq') for (const item of items.items) collect(item, sites);
    return;
  }
  const spec = get(doc, 'spec');
  let podSpec: YNode | undefined;
  if (kind === 'Pod') podSpec = spec;
  else if (kind === 'PodTemplate') podSpec = get(get(doc, 'template'), 'spec');
  else if (kind === 'CronJob') podSpec = get(get(get(get(spec, 'jobTemplate'), 'spec'), 'template'), 'spec');
  else podSpec = get(get(spec, 'template'), 'spec');
  if (!podSpec) return;
  for (const list of CONTAINER_LISTS) {
    const containers = get(podSpec, list);
    if (containers?.kind !== 'seq') continue;
    for (const container of containers.items) {
      const name = scalarText(get(container, 'name'));
      const what = list === 'containers' ? 'container' : list === 'initContainers' ? 'init container' : 'ephemeral container';
      const site = siteFromNode(get(container, 'image'), 'kubernetes-container', `${kind} ${what}${name ? ` ${name}` : ''}`);
      if (site) sites.push(site);
    }
  }
}
