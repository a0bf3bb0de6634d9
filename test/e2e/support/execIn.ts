import assert from 'node:assert/strict';
import type Dockerode from 'dockerode';

/** Runs a shell command in the container and fails unless it exits 0. */
export async function execIn(container: Dockerode.Container, script: string): Promise<void> {
  const exec = await container.exec({ Cmd: ['/bin/sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  await new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
    stream.resume();
  });
  const { ExitCode } = await exec.inspect();
  assert.equal(ExitCode, 0, `exec "${script}" in the test container exited ${ExitCode}`);
}
