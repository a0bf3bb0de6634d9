import { Transform, type TransformCallback } from 'node:stream';

export interface LogChunk {
  readonly stream: 'stdout' | 'stderr';
  readonly data: Buffer;
}

/**
 * The engine multiplexes a non-TTY container's stdout and stderr on one connection:
 * each frame is an 8-byte header (stream type, 3 zero bytes, big-endian length) and
 * its payload. This splits frames as bytes arrive, holding at most one partial frame
 * header and passing payload on at once (never buffering a whole frame), so memory
 * stays flat whatever the log's size; a TTY stream is passed through as stdout.
 */
export class LogFrameSplitter extends Transform {
  private header = Buffer.alloc(0);
  private left = 0;
  private current: 'stdout' | 'stderr' = 'stdout';

  constructor(private readonly tty: boolean) {
    super({ readableObjectMode: true, readableHighWaterMark: 64 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.tty) {
      this.push({ stream: 'stdout', data: chunk } satisfies LogChunk);
      return done();
    }
    let at = 0;
    while (at < chunk.length) {
      if (this.left > 0) {
        const take = Math.min(this.left, chunk.length - at);
        this.push({ stream: this.current, data: chunk.subarray(at, at + take) } satisfies LogChunk);
        this.left -= take;
        at += take;
        continue;
      }
      const need = 8 - this.header.length;
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + need)]);
      at += Math.min(need, chunk.length - at);
      if (this.header.length < 8) break;
      this.current = this.header[0] === 2 ? 'stderr' : 'stdout';
      this.left = this.header.readUInt32BE(4);
      this.header = Buffer.alloc(0);
    }
    done();
  }
}
