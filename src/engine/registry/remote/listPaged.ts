import type { RegistryClient, RegistryResponse, RequestOptions } from './RegistryClient';
import { checkAnswer } from './checkAnswer';
import { nextLink } from './nextLink';

/**
 * Every entry of a paginated list (`_catalog`'s repositories, `tags/list`'s tags),
 * `pageSize` at a time, following `Link: rel="next"` to the end. A registry that
 * ignores `n` and answers everything at once is fine too. A link that points back
 * to a page already read ends the walk: a registry bug must not loop forever.
 * `firstAnswer` is the first page when the caller already asked for it.
 */
export async function listPaged(
  client: RegistryClient,
  firstPath: string,
  key: 'repositories' | 'tags',
  req: RequestOptions,
  subject: { repository?: string },
  onPage?: (count: number) => void,
  firstAnswer?: RegistryResponse,
): Promise<string[]> {
  const all: string[] = [];
  const seen = new Set<string>();
  let path: string | undefined = firstPath;
  while (path && !seen.has(path)) {
    seen.add(path);
    const answer: RegistryResponse = all.length === 0 && seen.size === 1 && firstAnswer ? firstAnswer : await client.request(path, req);
    const res = await checkAnswer(client, answer, req, subject);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(res.body.toString('utf8')) as Record<string, unknown>;
    } catch {
      throw client.fail(req, 'other', 'engine', `${client.host.domain} answered ${path.split('?')[0]} with something that is not JSON.`);
    }
    const page = body[key];
    if (page !== null && page !== undefined && !Array.isArray(page)) throw client.fail(req, 'other', 'engine', `${client.host.domain}'s answer has no list of ${key}.`);
    for (const entry of (page as unknown[] | null) ?? []) if (typeof entry === 'string') all.push(entry);
    onPage?.(all.length);
    path = nextLink(res.headers.link);
  }
  return all;
}
