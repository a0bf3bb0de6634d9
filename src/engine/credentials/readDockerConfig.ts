import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerConfigDir } from './dockerConfigDir';
import type { CredentialOptions, DockerConfigFile } from './types';

export interface DockerConfigRead {
  /** The config.json path (which may not exist yet). */
  readonly path: string;
  /** Its content; `{}` when there is no file. */
  readonly config: DockerConfigFile;
  /** The file's text as read; undefined when there is no file. A writer compares it to see whether anyone wrote since. */
  readonly text?: string;
}

/** Reads config.json as the docker CLI does: a missing file is an empty config. */
export async function readDockerConfig(options: CredentialOptions = {}): Promise<DockerConfigRead> {
  const path = join(dockerConfigDir(options), 'config.json');
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, config: {} };
    throw new Error(`Could not read the docker config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (text.trim() === '') return { path, config: {}, text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse's message quotes the text around the fault, which may be a base64 password: name the file only.
    throw new Error(`The docker config ${path} is not valid JSON; fix it (or move it away) and try again.`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`The docker config ${path} is not a JSON object; fix it (or move it away) and try again.`);
  }
  return { path, config: parsed as DockerConfigFile, text };
}
