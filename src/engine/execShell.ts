import type { Duplex } from 'node:stream';
import type { Engine } from './Engine';

export interface ShellSession {
  readonly stream: Duplex;
  resize(columns: number, rows: number): Promise<void>;
  /** The shell's exit code once it has ended. */
  exitCode(): Promise<number | null>;
}

/**
 * An interactive shell inside a running container: exec with a TTY, stdin attached,
 * over the Engine API's hijacked connection (what `docker exec -it … /bin/sh` does).
 */
export async function execShell(engine: Engine, container: string, shell: string[], size?: { columns: number; rows: number }): Promise<ShellSession> {
  const exec = await engine.call(`open a shell in container ${container}`, (d) =>
    d.getContainer(container).exec({
      Cmd: shell,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: ['TERM=xterm-256color'],
    }),
  );
  const stream = (await engine.call(`start a shell in container ${container}`, () =>
    exec.start({ hijack: true, stdin: true, Tty: true } as never),
  )) as unknown as Duplex;
  const session: ShellSession = {
    stream,
    resize: (columns, rows) =>
      engine.call(`resize the shell in ${container}`, () => exec.resize({ w: columns, h: rows } as never)).then(() => undefined),
    exitCode: async () => (await engine.call(`read the shell's exit code in ${container}`, () => exec.inspect())).ExitCode ?? null,
  };
  if (size) await session.resize(size.columns, size.rows).catch(() => {});
  return session;
}
