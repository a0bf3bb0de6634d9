/**
 * The documents reference checking reads, for the client's document selector and for
 * the activation watcher (plain data: both bundles import it). Any YAML file may be a
 * Kubernetes manifest, so all YAML is sent; the server ignores what holds no reference.
 */
export type ReferenceDocumentFilter = { language: string; pattern?: string } | { language?: string; pattern: string };

export const REFERENCE_DOCUMENT_SELECTOR: ReferenceDocumentFilter[] = [
  { language: 'dockerfile' },
  { language: 'yaml' },
  { pattern: '**/{Dockerfile,Dockerfile.*,*.Dockerfile,Containerfile,Containerfile.*,*.Containerfile}' },
  { pattern: '**/*.{yml,yaml}' },
  // devcontainer.json is `jsonc` (or `json` without the JSON extension's mapping): by path only.
  { language: 'jsonc', pattern: '**/.devcontainer/**/devcontainer.json' },
  { language: 'json', pattern: '**/.devcontainer/**/devcontainer.json' },
  { language: 'jsonc', pattern: '**/.devcontainer.json' },
  { language: 'json', pattern: '**/.devcontainer.json' },
];
