import { request } from 'node:http';

/**
 * Deletes a tag's manifest from the test registry (which has deletion enabled), so e2e
 * runs do not pile repositories up there. `registry` is host:port, plain HTTP, basic auth.
 * Resolves quietly when the tag is not there.
 */
export async function deleteRegistryTag(account: { registry: string; username: string; password: string }, path: string, tag: string): Promise<void> {
  const head = await call(account, 'HEAD', `/v2/${path}/manifests/${tag}`, {
    Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
  });
  if (head.status === 404) return;
  const digest = head.headers['docker-content-digest'];
  if (head.status !== 200 || typeof digest !== 'string') throw new Error(`HEAD /v2/${path}/manifests/${tag} → ${head.status}`);
  const del = await call(account, 'DELETE', `/v2/${path}/manifests/${digest}`, {});
  if (del.status !== 202 && del.status !== 404) throw new Error(`DELETE /v2/${path}/manifests/${digest} → ${del.status}`);
}

function call(
  account: { registry: string; username: string; password: string },
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  const [host, port] = account.registry.split(':');
  return new Promise((resolve, reject) => {
    const req = request({ host, port: Number(port), path, method, headers, auth: `${account.username}:${account.password}`, timeout: 10_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}
