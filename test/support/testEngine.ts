import { copyFileSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import { Engine } from '../../src/engine/Engine';
import { resolveEndpoint } from '../../src/engine/resolveEndpoint';

/** Every image and container a test run makes carries this label, so cleanup can find them. */
export const TEST_LABEL = 'stowage.test';
export const BASE_IMAGE = 'stowage-test/busybox:latest';

/** The real engine the tests run against: whatever DOCKER_HOST / the default socket names. */
export function testEngine(log?: (line: string) => void): Engine {
  return new Engine(resolveEndpoint({ env: process.env }), log);
}

/** Follows a build/pull/push progress stream to its end; rejects on an error line. */
export function followStream(docker: Dockerode, stream: NodeJS.ReadableStream): Promise<unknown[]> {
  return new Promise((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, output: unknown[]) => {
      if (err) return reject(err);
      const failed = (output as Array<{ error?: string }>).find((o) => o && o.error);
      if (failed) return reject(new Error(failed.error));
      resolve(output);
    });
  });
}

/**
 * Builds an image from scratch with the static busybox from Debian's busybox-static,
 * since nothing can be pulled from Docker Hub here. `extra` adds Dockerfile lines.
 */
export async function buildBusyboxImage(
  engine: Engine,
  tag: string,
  options: { base?: string; extra?: string[]; files?: Record<string, string | Buffer>; labels?: Record<string, string> } = {},
): Promise<string> {
  if (!existsSync('/bin/busybox')) throw new Error('/bin/busybox is missing: run scripts/setup-machine.sh (busybox-static)');
  const dir = mkdtempSync(join(tmpdir(), 'stowage-build-'));
  try {
    copyFileSync('/bin/busybox', join(dir, 'busybox'));
    // With a base, build on it (its layers stay shared); without, start from scratch.
    const lines = options.base ? [`FROM ${options.base}`] : ['FROM scratch', 'COPY busybox /bin/busybox', 'RUN ["/bin/busybox","--install","-s","/bin"]'];
    for (const [name, content] of Object.entries(options.files ?? {})) {
      writeFileSync(join(dir, name), content);
      lines.push(`COPY ${name} /${name}`);
    }
    lines.push(...(options.extra ?? []));
    if (!options.base) lines.push('CMD ["/bin/sh"]');
    writeFileSync(join(dir, 'Dockerfile'), lines.join('\n') + '\n');
    const src = ['Dockerfile', 'busybox', ...Object.keys(options.files ?? {})];
    const docker = engine.api;
    const stream = await docker.buildImage({ context: dir, src }, { t: tag, labels: { [TEST_LABEL]: '1', ...(options.labels ?? {}) }, rm: true, forcerm: true });
    await followStream(docker, stream);
    const info = await docker.getImage(tag).inspect();
    return info.Id;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The shared base image, built once per engine and reused by every test. */
export async function ensureBaseImage(engine: Engine): Promise<string> {
  try {
    return (await engine.api.getImage(BASE_IMAGE).inspect()).Id;
  } catch {
    return buildBusyboxImage(engine, BASE_IMAGE);
  }
}

/** A unique, lowercase name for this test's resources. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Starts a container from `image` that stays up (`sleep`), labelled for cleanup. */
export async function runTestContainer(engine: Engine, image: string, name: string, cmd = ['/bin/sleep', '3600']): Promise<Dockerode.Container> {
  const container = await engine.api.createContainer({ Image: image, name, Cmd: cmd, Labels: { [TEST_LABEL]: '1' }, Tty: false });
  await container.start();
  return container;
}

/** Removes the named containers and image references (tags), ignoring ones already gone. */
export async function cleanup(engine: Engine, what: { containers?: string[]; images?: string[] }): Promise<void> {
  for (const c of what.containers ?? []) {
    await engine.api.getContainer(c).remove({ force: true }).catch(() => {});
  }
  for (const i of what.images ?? []) {
    await engine.api.getImage(i).remove({ force: true }).catch(() => {});
  }
}
