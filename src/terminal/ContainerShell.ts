import * as vscode from 'vscode';
import type { Engine } from '../engine/Engine';
import type { ShellSession } from '../engine/execShell';
import { engineModule } from '../engineModule';

/**
 * A VS Code terminal wired to a shell inside a container through the Engine's exec
 * API with a TTY (what `docker exec -it <c> /bin/sh` does): keystrokes go to the
 * shell's stdin, its output comes back raw, and resizing the panel resizes the TTY.
 */
export class ContainerShell implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private session?: ShellSession;
  private size?: { columns: number; rows: number };
  /** The container went away under the shell: the terminal stays to say so, until a key closes it. */
  private waitingToClose = false;

  constructor(
    private readonly engine: Engine,
    private readonly containerId: string,
    private readonly containerName: string,
    private readonly shell: string[],
  ) {}

  async open(dimensions: vscode.TerminalDimensions | undefined): Promise<void> {
    this.size = dimensions ? { columns: dimensions.columns, rows: dimensions.rows } : undefined;
    try {
      this.session = await engineModule().execShell(this.engine, this.containerId, this.shell, this.size);
    } catch (err) {
      this.written.fire(`\x1b[31m${(err as Error).message}\x1b[0m\r\n`);
      this.closed.fire(1);
      return;
    }
    const stream = this.session.stream;
    stream.on('data', (chunk: Buffer) => this.written.fire(chunk.toString('utf8')));
    stream.on('end', () => void this.finish());
    stream.on('error', (err: Error) => {
      this.written.fire(`\r\n\x1b[31m${err.message}\x1b[0m\r\n`);
      void this.finish();
    });
  }

  handleInput(data: string): void {
    if (this.waitingToClose) {
      this.waitingToClose = false;
      this.closed.fire();
      return;
    }
    this.session?.stream.write(data);
  }

  setDimensions(dimensions: vscode.TerminalDimensions): void {
    this.size = { columns: dimensions.columns, rows: dimensions.rows };
    void this.session?.resize(dimensions.columns, dimensions.rows).catch(() => {});
  }

  close(): void {
    this.session?.stream.end();
    this.session?.stream.destroy();
  }

  private async finish(): Promise<void> {
    const code = await this.session?.exitCode().catch(() => null);
    const gone = await engineModule().shellEndedWithContainer(this.engine, this.containerId, code).catch(() => undefined);
    if (gone) {
      // The shell was killed with its container (code 137 or so): not the shell's failure,
      // and VS Code would report any exit code as an error. Say what happened and stay.
      this.written.fire(`\r\n\x1b[2m[${this.containerName} ${gone === 'removed' ? 'was removed' : 'stopped'}; the shell ended with it. Press any key to close this terminal.]\x1b[0m\r\n`);
      this.waitingToClose = true;
      return;
    }
    this.written.fire(`\r\n[shell in ${this.containerName} ended${code !== null && code !== undefined ? ` with code ${code}` : ''}]\r\n`);
    this.closed.fire(code ?? undefined);
  }
}
