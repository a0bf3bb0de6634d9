import { createHash } from 'node:crypto';

/** The docker CLI names a context's folders by the sha256 of its name, so a name may hold any character. */
export function contextId(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}
