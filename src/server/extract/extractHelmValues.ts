import { parseReference } from '../../reference';
import { get, type YNode, type YScalar } from '../yaml/YNode';
import type { ReferenceSite } from './ReferenceSite';
import { siteFromNode, templateVariables } from './siteFromNode';
import { walkImageKeys } from './walkImageKeys';

/**
 * Image references in a Helm chart's values.yaml: every `image:` that is a string, and
 * every `image: {registry, repository, tag, digest}` mapping, composed as charts' image
 * helpers do (`registry/repository@digest`, else `registry/repository:tag`). An empty
 * or missing tag means the chart's appVersion, which this file does not know: such an
 * image is left unresolved, never reported. A composed reference is one site whose
 * range is the part the grammar finds wrong (the repository when all is well).
 */
export function extractHelmValues(documents: readonly YNode[]): ReferenceSite[] {
  const sites: ReferenceSite[] = [];
  for (const doc of documents) {
    walkImageKeys(doc, 'image', (_owner, value, path) => {
      const label = path.length ? `${path.join('.')}.image` : 'image';
      const site = value.kind === 'map' ? composed(value, label) : value.kind === 'scalar' && /^(true|false|\d+)$/.test(value.value) ? undefined : siteFromNode(value, 'helm-image', label);
      if (site) sites.push(site);
    });
  }
  return sites;
}

type Part = { node: YScalar; text: string; offset: number };

function composed(image: YNode, label: string): ReferenceSite | undefined {
  const repository = scalar(get(image, 'repository'));
  if (!repository || repository.value === '') return undefined;
  const registry = scalar(get(image, 'registry'));
  const tag = scalar(get(image, 'tag'));
  const digest = scalar(get(image, 'digest'));
  const parts: Part[] = [];
  let text = '';
  const add = (node: YScalar, prefix: string) => {
    text += prefix;
    parts.push({ node, text: node.value, offset: text.length });
    text += node.value;
  };
  if (registry && registry.value !== '') add(registry, '');
  add(repository, parts.length ? '/' : '');
  if (digest && digest.value !== '') add(digest, '@');
  else if (tag && tag.value !== '') add(tag, ':');
  const written = parts.map((p) => p.text).join(' ');
  const base = { start: repository.start, end: repository.end, exact: false, kind: 'helm-image' as const, label };
  const variables = templateVariables(written);
  if (variables) return { ...base, value: text, role: 'unresolved', variables };
  // No tag and no digest: the chart fills in its appVersion.
  if (parts.length === 1 || (parts.length === 2 && registry && registry.value !== '')) return { ...base, value: text, role: 'unresolved', variables: ['.Chart.AppVersion'] };
  const parsed = parseReference(text, 'normalized');
  if (parsed.valid) return { ...base, value: text, role: 'image' };
  // The range goes on the part the error is in; a separator belongs to the part after it.
  let at = parts[0];
  for (const p of parts) if (parsed.error.start >= p.offset - 1) at = p;
  return { ...base, start: at.node.start, end: at.node.end, value: text, role: 'image' };
}

function scalar(node: YNode | undefined): YScalar | undefined {
  return node?.kind === 'scalar' ? node : undefined;
}
