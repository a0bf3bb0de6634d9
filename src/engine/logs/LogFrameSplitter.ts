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
  private header: Buffer = Buffer.alloc(0);
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
    // Consecutive payload of one stream within this chunk goes out as one piece: a
    // log of short lines is mostly 8-byte headers around 8-byte lines, and a piece per
    // frame cost an object, a decode and a write per line (1,000,000 lines: 1.25× the
    // CLI's time). The payloads are copied together into one buffer no larger than the
    // chunk (a view per frame cost an object per line), so memory stays flat.
    let out: Buffer | undefined;
    let from = 0;
    let to = 0;
    let outStream = this.current;
    const flush = () => {
      if (out && to > from) this.push({ stream: outStream, data: out.subarray(from, to) } satisfies LogChunk);
      from = to;
    };
    let at = 0;
    while (at < chunk.length) {
      if (this.left > 0) {
        const take = Math.min(this.left, chunk.length - at);
        if (this.current !== outStream) {
          flush();
          outStream = this.current;
        }
        out ??= Buffer.allocUnsafe(chunk.length);
        to += chunk.copy(out, to, at, at + take);
        this.left -= take;
        at += take;
        continue;
      }
      if (this.header.length === 0 && chunk.length - at >= 8) {
        this.current = chunk[at] === 2 ? 'stderr' : 'stdout';
        this.left = chunk.readUInt32BE(at + 4);
        at += 8;
        continue;
      }
      const need = 8 - this.header.length;
      const piece = chunk.subarray(at, at + need);
      this.header = this.header.length ? Buffer.concat([this.header, piece]) : piece;
      at += piece.length;
      if (this.header.length < 8) {
        // Keep a copy: the partial header must not pin the whole chunk it came in.
        this.header = Buffer.from(this.header);
        break;
      }
      this.current = this.header[0] === 2 ? 'stderr' : 'stdout';
      this.left = this.header.readUInt32BE(4);
      this.header = Buffer.alloc(0);
    }
    flush();
    done();
  }
}
