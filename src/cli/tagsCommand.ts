import { RegistryClient } from '../engine/registry/remote/RegistryClient';
import { remoteRepository } from '../engine/registry/remote/RemoteRepository';
import { inspectTag, type RemoteTag } from '../engine/registry/remote/inspectTag';
import { listTags } from '../engine/registry/remote/listTags';
import { compareVersionTags } from '../model/compareVersionTags';
import { mapLimited } from '../model/mapLimited';
import { printable } from './printable';
import type { Output } from './refCommand';

export const TAGS_USAGE = `Usage: stowage tags [--json] [--] REPOSITORY

List every tag of a repository in its registry, with the digest it points to
and its platforms, using the logins the docker CLI stored (its credential
helper or config.json). A name without a registry means Docker Hub.

  --json      one JSON object per tag, one per line:
              {"reference","tag","digest","mediaType","platforms":[{"os","architecture","variant"}]}
  -h, --help  show this help

Exit status: 0 when listed, 1 when the registry has no such repository, refuses
access or cannot be reached, 2 on bad usage.
`;

const processOutput: Output = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

/** Tags read at once: a registry serves several, but not a flood from one client. */
const CONCURRENCY = 8;

export async function runTags(args: string[], output: Output = processOutput, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let json = false;
  const names: string[] = [];
  let optionsEnded = false;
  for (const arg of args) {
    if (optionsEnded || !arg.startsWith('-') || arg === '-') names.push(arg);
    else if (arg === '--') optionsEnded = true;
    else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') {
      output.out(TAGS_USAGE);
      return 0;
    } else return usage(output, `unknown option '${printable(arg)}'`);
  }
  if (names.length !== 1) return usage(output, names.length ? 'give one repository' : 'no repository given');
  let repo;
  try {
    repo = remoteRepository(names[0]);
  } catch (err) {
    return usage(output, printable((err as Error).message));
  }
  if (repo.tag !== null || repo.digest !== null) return usage(output, `"${printable(names[0])}" names a tag or digest: give the repository alone (${repo.name})`);
  const client = new RegistryClient(repo.domain, { credentials: { env } });
  try {
    const tags = (await listTags(client, repo.path)).sort(compareVersionTags);
    const described = await mapLimited(tags, CONCURRENCY, (tag) => inspectTag(client, repo.path, tag, { platformSizes: false }));
    for (const tag of described) output.out(json ? `${JSON.stringify(toJson(tag, repo.name))}\n` : textLine(tag));
    return 0;
  } catch (err) {
    output.err(`stowage tags: ${printable((err as Error).message)}\n`);
    return 1;
  } finally {
    client.close();
  }
}

function usage(output: Output, problem: string): number {
  output.err(`stowage tags: ${problem}\n\n${TAGS_USAGE}`);
  return 2;
}

function toJson(tag: RemoteTag, name: string): object {
  return {
    reference: `${name}:${tag.tag}`,
    tag: tag.tag,
    digest: tag.digest,
    mediaType: tag.mediaType,
    platforms: tag.platforms.map((p) => ({ os: p.os, architecture: p.architecture, variant: p.variant ?? null })),
  };
}

function textLine(tag: RemoteTag): string {
  const platforms = tag.platforms.map((p) => [p.os, p.architecture, p.variant].filter(Boolean).join('/')).join(', ');
  return `${printable(tag.tag)}\t${tag.digest}\t${platforms}\n`;
}
