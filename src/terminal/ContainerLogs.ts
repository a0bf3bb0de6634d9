import { StringDecoder } from 'node:string_decoder';
import * as vscode from 'vscode';
import type { Engine } from '../engine/Engine';
import type { LogFollow } from '../engine/logs/followLogs';
import type { LogChunk } from '../engine/logs/LogDemuxer';
import { engineModule } from '../engineModule';
import { toTerminalNewlines } from './toTerminalNewlines';

type Decoders = Record<LogChunk['stream'], StringDecoder>;

/**
 * A read-only terminal showing a container's log as it grows: stderr in red when the
 * engine tells the streams apart (non-TTY containers; a TTY mixes them at the source).
 * At most 64 KB is written per turn of the event loop, so the engine's stream is read only
 * as fast as the terminal takes it (backpressure) and a 100 MB log is never held whole.
 * Closing the terminal closes the engine's stream.
 */
export class ContainerLogs implements vscode.Pseudoterminal {
  private readonly written = new vscode.EventEmitter<string>();
  private readonly closed = new vscode.EventEmitter<number | void>();
  readonly onDidWrite = this.written.event;
  readonly onDidClose = this.closed.event;
  private follow?: LogFollow;
  private ended = false;
  private draining = false;

  constructor(
    private readonly engine: Engine,
    private readonly containerId: string,
    private readonly containerName: string,
    private readonly options: { tail?: number; timestamps: boolean },
  ) {}

  async open(): Promise<void> {
    try {
      this.follow = await engineModule().followLogs(this.engine, this.containerId, this.options);
    } catch (err) {
      this.written.fire(`\x1b[31m${(err as Error).message}\x1b[0m\r\n`);
      return;
    }
    if (this.ended) return this.follow.close();
    const follow = this.follow;
    // A stateful decoder per stream, so a UTF-8 character split across frames or reads is not garbled.
    const decoders: Decoders = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
    follow.on('readable', () => this.drain(follow, decoders));
    follow.on('end', () => {
      if (!this.ended) this.written.fire(`\r\n\x1b[2m[end of the log of ${this.containerName}: it is not running]\x1b[0m\r\n`);
    });
    follow.on('error', (err: Error) => this.written.fire(`\r\n\x1b[31m${err.message}\x1b[0m\r\n`));
  }

  private drain(follow: LogFollow, decoders: Decoders, next = false): void {
    // One loop at a time: 'readable' may come again while a loop waits on setImmediate.
    if (this.draining && !next) return;
    // Up to 64 KB per turn: enough for speed, little enough that the terminal keeps up.
    let text = '';
    let runs: LogChunk[] | null = null;
    while (!this.ended && text.length < 65536 && (runs = follow.read()) !== null) {
      for (const run of runs) {
        const part = decoders[run.stream].write(toTerminalNewlines(run.data));
        text += run.stream === 'stderr' ? `\x1b[31m${part}\x1b[0m` : part;
      }
    }
    if (text && !this.ended) this.written.fire(text);
    // Stopped at 64 KB with more waiting: go on next turn. Stopped because read() said
    // null: 'readable' comes when more arrives (it comes only after such a null).
    this.draining = runs !== null && !this.ended;
    if (this.draining) setImmediate(() => this.drain(follow, decoders, true));
  }

  handleInput(): void {}

  close(): void {
    this.ended = true;
    this.follow?.close();
  }
}
