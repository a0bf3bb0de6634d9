import { stringify } from 'node:querystring';
import { findLoneSurrogate } from '../../shared/findLoneSurrogate';
import { InputError } from '../images/InputError';
import { requireReference } from '../images/requireReference';
import { requireTag } from '../images/requireTag';
import type { CommitOptions } from './CommitOptions';
import { validateChange } from './validateChange';

/**
 * The engine reads a request line and headers of at most 1 MiB (Go's default) and
 * answers 431 past it; the query carries the commit's text, so it must fit, with
 * room for the path and the headers (Engine 20.10: 900,000 characters passed, 1.1 million were refused).
 */
export const MAX_QUERY_BYTES = 1_000_000;

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

  if (options.author !== undefined && options.author !== '') query.author = wellFormed(options.author, 'author');
  if (options.message !== undefined && options.message !== '') query.comment = wellFormed(options.message, 'message');

  const changes = options.changes ?? [];
  changes.forEach((line, i) => {
    const check = validateChange(line);
    if (check.error) throw new InputError(`change ${i + 1}`, line, check.error.message, check.error.start, check.error.end);
  });
  if (changes.length > 0) query.changes = [...changes];
  checkQuerySize(query, options);
  return query;
}

/** Refuses text that cannot reach the engine as written: a surrogate without its pair would arrive as U+FFFD. */
function wellFormed(text: string, field: string): string {
  const at = findLoneSurrogate(text);
  if (at >= 0) throw new InputError(field, text, 'half of a surrogate pair without its other half: the engine would store U+FFFD instead; remove it', at, at + 1);
  return text;
}

/** Names the longest text field, and where in it the query passes the engine's limit, when it does. */
function checkQuerySize(query: Record<string, string | string[]>, options: CommitOptions): void {
  const total = Buffer.byteLength(stringify(query));
  if (total <= MAX_QUERY_BYTES) return;
  const fields: Array<[string, string]> = [
    ['message', options.message ?? ''],
    ['author', options.author ?? ''],
    ...(options.changes ?? []).map((c, i): [string, string] => [`change ${i + 1}`, c]),
  ];
  const [field, text] = fields.reduce((a, b) => (encodedLength(b[1]) > encodedLength(a[1]) ? b : a));
  const room = MAX_QUERY_BYTES - (total - encodedLength(text));
  let used = 0;
  let at = 0;
  while (at < text.length && used + encodedLength(text[at]) <= room) used += encodedLength(text[at++]);
  throw new InputError(
    field,
    text,
    `too long for the engine: the commit's text comes to ${total.toLocaleString('en-US')} bytes in the request, and the engine refuses more than about 1 MiB (431); shorten it from here`,
    at,
    text.length,
  );
}

/** Bytes of `text` in a query string (querystring.escape: unreserved ASCII as is, the rest as %XX per UTF-8 byte). */
function encodedLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += /[A-Za-z0-9\-_.!~*'()]/.test(text[i]) ? 1 : 3;
    else if (c < 0x800) n += 6;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 12;
      i++;
    } else n += 9;
  }
  return n;
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
