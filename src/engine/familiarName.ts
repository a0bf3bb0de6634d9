import { parseReference } from '../reference/parseReference';

/**
 * An image name as Docker's API spells it: `docker.io/library/busybox:latest` is
 * `busybox:latest`, `docker.io/team/app:v1` is `team/app:v1`. Docker answers in that
 * familiar form already; Podman's Docker-compatible API answers with the full name,
 * so without this the same image would be listed and untagged under another name
 * there. Only names that spell out docker.io change; anything else (other
 * registries, `localhost/…`, IDs, `<none>:<none>`) comes back as given.
 */
export function familiarName(name: string): string {
  if (!name.startsWith('docker.io/')) return name;
  const parsed = parseReference(name, 'normalized');
  return parsed.valid && parsed.familiar ? parsed.familiar : name;
}
