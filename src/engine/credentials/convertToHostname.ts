/**
 * The host[:port] part of a registry address as the docker CLI reduces it
 * (`http://127.0.0.1:5000/v2/` → `127.0.0.1:5000`): old config files and
 * `docker login http://…` leave keys with a scheme and a path.
 */
export function convertToHostname(address: string): string {
  let rest = address.trim();
  const scheme = /^https?:\/\//i.exec(rest);
  if (scheme) rest = rest.slice(scheme[0].length);
  const slash = rest.indexOf('/');
  return slash === -1 ? rest : rest.slice(0, slash);
}
