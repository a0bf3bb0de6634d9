/** `key` (any value) or `key=value`, as `docker … prune --filter label=…` takes it. */
export interface LabelFilter {
  readonly key: string;
  readonly value?: string;
}

/**
 * Reads the prune's label scope. Returns null for an empty one (no scope) and
 * throws a sentence naming the fault for a malformed one, before any engine call.
 */
export function parseLabelFilter(text: string): LabelFilter | null {
  const raw = text.trim();
  if (!raw) return null;
  const eq = raw.indexOf('=');
  const key = eq < 0 ? raw : raw.slice(0, eq);
  if (!key) throw new Error(`The label filter "${raw}" has no key before "=" (write key or key=value).`);
  const space = key.search(/\s/);
  if (space >= 0) throw new Error(`The label filter's key "${key}" has a space at position ${space + 1}: label keys have none.`);
  return eq < 0 ? { key } : { key, value: raw.slice(eq + 1) };
}

export function matchesLabel(labels: Readonly<Record<string, string>>, filter: LabelFilter | null): boolean {
  if (!filter) return true;
  if (!Object.prototype.hasOwnProperty.call(labels, filter.key)) return false;
  return filter.value === undefined || labels[filter.key] === filter.value;
}

export function describeLabelFilter(filter: LabelFilter): string {
  return filter.value === undefined ? `label ${filter.key}` : `label ${filter.key}=${filter.value}`;
}
