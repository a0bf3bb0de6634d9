import type { Duplex } from 'node:stream';
import * as vscode from 'vscode';
import type { Engine } from '../engine/Engine';

/**
 * A terminal on a container started with `-it`: its TTY was attached before it started
 * (so no early output is lost); keystrokes go to its stdin, resizing resizes its TTY.
 * Closing the terminal detaches; the container goes on as its command decides.
 */
export class AttachedContainer implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;

  constructor(
    private readonly engine: Engine,
    private readonly containerId: string,
    private readonly containerName: string,
    private readonly stream: Duplex,
  ) {}

  open(dimensions: vscode.TerminalDimensions | undefined): void {
    if (dimensions) this.setDimensions(dimensions);
    this.stream.on('data', (chunk: Buffer) => this.written.fire(chunk.toString('utf8')));
    this.stream.on('end', () => {
      this.written.fire(`\r\n[${this.containerName} ended its command]\r\n`);
      this.closed.fire();
    });
    this.stream.on('error', (err: Error) => this.written.fire(`\r\n\x1b[31m${err.message}\x1b[0m\r\n`));
  }

  handleInput(data: string): void {
    this.stream.write(data);
  }

  setDimensions(d: vscode.TerminalDimensions): void {
    void this.engine.call(`resize ${this.containerName}`, (docker) => docker.getContainer(this.containerId).resize({ w: d.columns, h: d.rows })).catch(() => {});
  }

  close(): void {
    this.stream.destroy();
  }
}
