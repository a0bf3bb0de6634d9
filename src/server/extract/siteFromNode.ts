import type { YNode } from '../yaml/YNode';
import type { ReferenceSite, SiteKind } from './ReferenceSite';

/**
 * The site for a YAML/JSON value where an image goes. Values with `$VAR`, `${VAR}`,
 * `${{ expr }}` or `{{ template }}` are filled in by a tool at run time (compose,
 * CI, Helm): they are kept as unresolved, never reported. Empty values are completion
 * slots. Mappings, sequences and the like hold no reference: undefined.
 */
export function siteFromNode(node: YNode | undefined, kind: SiteKind, label: string, prefix = ''): ReferenceSite | undefined {
  if (!node) return undefined;
  if (node.kind === 'null') return { value: '', start: node.start, end: node.end, exact: true, role: 'empty', kind, label };
  if (node.kind !== 'scalar') return undefined;
  let { value, start, exact } = node;
  if (prefix) {
    if (!value.startsWith(prefix)) return undefined;
    value = value.slice(prefix.length);
    if (exact) start += prefix.length;
  }
  const variables = templateVariables(value) ?? placeholder(value);
  if (variables) return { value, start, end: node.end, exact, role: 'unresolved', kind, label, variables };
  return { value, start, end: node.end, exact, role: value === '' ? 'empty' : 'image', kind, label };
}

/**
 * Values another tool replaces before anything pulls them, written in manifests and
 * samples: ko's `ko://import/path` (built and substituted by `ko resolve`), `<your-image>`
 * placeholders, and `@VAR@` substitution markers. Not references: left unresolved.
 */
function placeholder(value: string): string[] | undefined {
  if (value.startsWith('ko://')) return ['ko build'];
  const m = /<[^<>]+>|@[A-Za-z_][A-Za-z0-9_]*@/.exec(value);
  return m ? [m[0]] : undefined;
}

/** The variables a value depends on, or undefined when it has none. */
export function templateVariables(value: string): string[] | undefined {
  if (!value.includes('$') && !value.includes('{{')) return undefined;
  const found = new Set<string>();
  const re = /\$\{\{\s*([^}]*?)\s*\}\}|\{\{\s*([^}]*?)\s*\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$([A-Za-z_][A-Za-z0-9_]*)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value))) found.add(m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]);
  // `$$` is compose's escaped dollar; a lone `$` is still not something we can check.
  return found.size ? [...found] : value.includes('$') || value.includes('{{') ? [value] : undefined;
}
