import { InputError } from '../../engine/images/InputError';

/** The engine's own rule for container names (daemon/names.go RestrictedNamePattern), plus the optional leading slash it strips. */
const NAME = /^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

/** A container name as the engine would accept it, or undefined for "let the engine pick one". */
export function parseContainerName(input: string): string | undefined {
  const name = input.trim();
  if (!name) return undefined;
  if (NAME.test(name)) return name.replace(/^\//, '');
  const body = name.replace(/^\//, '');
  const offset = name.length - body.length + (input.length - input.trimStart().length);
  if (body.length < 2) throw new InputError('container name', input, 'a container name has at least 2 characters', offset, offset + body.length);
  if (!/[a-zA-Z0-9]/.test(body[0])) throw new InputError('container name', input, 'a container name starts with a letter or a digit', offset, offset + 1);
  const bad = [...body].findIndex((c) => !/[a-zA-Z0-9_.-]/.test(c));
  throw new InputError('container name', input, `"${body[bad]}" is not allowed: only letters, digits, "_", "." and "-"`, offset + bad, offset + bad + 1);
}
