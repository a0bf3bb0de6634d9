import { InputError } from '../images/InputError';
import { requireReference } from '../images/requireReference';
import { requireTag } from '../images/requireTag';
import type { CommitOptions } from './CommitOptions';
import { validateChange } from './validateChange';


/**
 * Checks every commit input and builds the query of `POST /commit`, without
 * touching the engine: any bad input throws an InputError saying what and where.
 * Pure, so tests can read back exactly what would be asked (e.g. `pause=true`).
 */
export function commitQuery(container: string, options: CommitOptions = {}): Record<string, string | string[]> {
  checkContainer(container);
  const query: Record<string, string | string[]> = { container, pause: options.pause === false ? 'false' : 'true' };

  const { repository, tag } = options;
  if (repository !== undefined && repository !== '') {
    const parsed = requireReference(repository, 'repository');
    if (parsed.tag !== null || parsed.digest !== null) {
      const cut = Math.min(...[repository.lastIndexOf(':'), repository.indexOf('@')].filter((i) => i > repository.lastIndexOf('/')));
      throw new InputError('repository', repository, 'the repository takes no tag or digest: give the tag separately', cut, repository.length);
    }
    query.repo = repository;
    if (tag !== undefined && tag !== '') {
      requireTag(tag, 'tag');
      query.tag = tag;
    }
  } else if (tag !== undefined && tag !== '') {
    throw new InputError('tag', tag, 'a tag needs a repository to go with', 0, tag.length);
  }

  if (options.author !== undefined && options.author !== '') query.author = options.author;
  if (options.message !== undefined && options.message !== '') query.comment = options.message;

  const changes = options.changes ?? [];
  changes.forEach((line, i) => {
    const check = validateChange(line);
    if (check.error) throw new InputError(`change ${i + 1}`, line, check.error.message, check.error.start, check.error.end);
  });
  if (changes.length > 0) query.changes = [...changes];
  return query;
}

/** A container name as the engine allows it (`[a-zA-Z0-9][a-zA-Z0-9_.-]*`, maybe after a /), or an ID. */
function checkContainer(container: string): void {
  if (container.length === 0) throw new InputError('container', container, 'a container name or ID is needed', 0, 0);
  const first = container.startsWith('/') ? 1 : 0;
  for (let i = first; i < container.length; i++) {
    const ok = i === first ? /[a-zA-Z0-9]/.test(container[i]) : /[a-zA-Z0-9_.-]/.test(container[i]);
    if (!ok) {
      const problem = i === first ? 'a container name starts with a letter or digit' : `"${container[i]}" cannot be in a container name (letters, digits, _ . - only)`;
      throw new InputError('container', container, problem, i, i + 1);
    }
  }
  if (container.length === first) throw new InputError('container', container, 'a container name or ID is needed', 0, 1);
}
