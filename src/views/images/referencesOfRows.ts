import { RepositoryNode } from './RepositoryNode';
import { TagNode } from './TagNode';

/** The tags Images rows stand for, each once: a tag its own name, a repository all of its tags. */
export function referencesOfRows(nodes: readonly unknown[]): string[] {
  return [...new Set(nodes.flatMap((n) => (n instanceof TagNode ? [n.reference] : n instanceof RepositoryNode ? n.tags.map((t) => t.reference) : [])))];
}
