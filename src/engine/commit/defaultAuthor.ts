/**
 * The author line `docker commit -a` would be given by hand: `Name <email>`.
 * Either part may be missing; with neither there is no default (undefined).
 */
export function defaultAuthor(identity: { name?: string; email?: string }): string | undefined {
  const name = identity.name?.trim() ?? '';
  const email = identity.email?.trim() ?? '';
  if (name && email) return `${name} <${email}>`;
  if (name) return name;
  if (email) return `<${email}>`;
  return undefined;
}
