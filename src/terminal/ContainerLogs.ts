import { TextDecoder } from 'node:util';
import * as vscode from 'vscode';
import type { Engine } from '../engine/Engine';
import type { LogFollow } from '../engine/logs/followLogs';
import type { LogChunk, LogFrameSplitter } from '../engine/logs/LogFrameSplitter';
import { engineModule } from '../engineModule';

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
    const chunks = this.follow.chunks;
    // A stateful decoder per stream, so a UTF-8 character split across frames is not garbled.
    const decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
    chunks.on('readable', () => this.drain(chunks, decoders));
    chunks.on('end', () => {
      if (!this.ended) this.written.fire(`\r\n\x1b[2m[end of the log of ${this.containerName}: it is not running]\x1b[0m\r\n`);
    });
    chunks.on('error', (err: Error) => this.written.fire(`\r\n\x1b[31m${err.message}\x1b[0m\r\n`));
  }

  private drain(chunks: LogFrameSplitter, decoders: Record<'stdout' | 'stderr', TextDecoder>, next = false): void {
    // One loop at a time: 'readable' fires again while a loop is already waiting on setImmediate.
    if (this.draining && !next) return;
    // Up to 64 KB per turn: enough for speed, little enough that the terminal keeps up.
    let text = '';
    let got = false;
    for (let chunk = chunks.read() as LogChunk | null; chunk && !this.ended; chunk = text.length < 65536 ? (chunks.read() as LogChunk | null) : null) {
      got = true;
      const part = decoders[chunk.stream].decode(chunk.data, { stream: true }).replace(/\r?\n/g, '\r\n');
      text += chunk.stream === 'stderr' ? `\x1b[31m${part}\x1b[0m` : part;
    }
    // Keep looping after a chunk that decoded to nothing: 'readable' comes again only once read() has returned null.
    this.draining = got && !this.ended;
    if (!this.draining) return;
    if (text) this.written.fire(text);
    setImmediate(() => this.drain(chunks, decoders, true));
  }

  handleInput(): void {}

  close(): void {
    this.ended = true;
    this.follow?.close();
  }
}
