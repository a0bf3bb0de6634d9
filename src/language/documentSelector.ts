/**
 * The documents reference checking reads, for the client's document selector and for
 * the activation watcher (plain data: both bundles import it). Any YAML file may hold
 * references (a Kubernetes manifest, a GitLab CI file pulled in by `include:`, named
 * anything), so all YAML is sent; the server reads each by its name and content
 * (src/server/fileKind.ts) and ignores what holds no reference.
 */
export type ReferenceDocumentFilter = { language: string; pattern?: string } | { language?: string; pattern: string };

export const REFERENCE_DOCUMENT_SELECTOR: ReferenceDocumentFilter[] = [
  { language: 'dockerfile' },
  { language: 'yaml' },
  { pattern: '**/{Dockerfile,Dockerfile.*,Dockerfile-*,*.Dockerfile,*-Dockerfile,Containerfile,Containerfile.*,Containerfile-*,*.Containerfile}' },
  // Jenkinsfiles are Groovy (or plain text without a Groovy extension): by name only.
  { pattern: '**/{Jenkinsfile,Jenkinsfile.*,*.jenkinsfile,*.Jenkinsfile}' },
  { pattern: '**/*.{yml,yaml}' },
  // devcontainer.json is `jsonc` (or `json` without the JSON extension's mapping): by path only.
  { language: 'jsonc', pattern: '**/.devcontainer/**/devcontainer.json' },
  { language: 'json', pattern: '**/.devcontainer/**/devcontainer.json' },
  { language: 'jsonc', pattern: '**/.devcontainer.json' },
  { language: 'json', pattern: '**/.devcontainer.json' },
];
