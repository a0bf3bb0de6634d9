export type LogStreamName = 'stdout' | 'stderr';

export interface LogChunk {
  readonly stream: LogStreamName;
  readonly data: Buffer;
}

/** Below this many bytes a payload is moved byte by byte: a call to copyWithin costs more than the loop. */
const LOOP_COPY_MAX = 64;

/**
 * The engine multiplexes a non-TTY container's stdout and stderr on one connection:
 * each frame is an 8-byte header (stream type, 3 zero bytes, big-endian length) and
 * its payload. A TTY container's log has no frames: it is all stdout.
 *
 * `split` takes what arrived and gives back its payload as runs of one stream, in order:
 * a log of short lines is mostly 8-byte headers around 8-byte lines, and a piece per
 * frame cost an object, a decode and a write per line. It works in place, moving each
 * payload down over the headers before it, so it allocates nothing per frame or per
 * byte: only one small object per run. Between calls it holds at most a partial
 * header (8 bytes), never a frame, so memory stays flat whatever the log's size.
 */
export class LogDemuxer {
  private readonly header = Buffer.alloc(8);
  private headerHave = 0;
  /** Payload bytes of the current frame still to come. */
  private left = 0;
  private current: LogStreamName = 'stdout';

  constructor(private readonly tty: boolean) {}

  /**
   * The payload in `bytes` as runs of one stream. Takes `bytes` over: its contents are
   * overwritten, and the runs are views of it, so the caller must not use it afterwards.
   */
  split(bytes: Buffer): LogChunk[] {
    if (this.tty) return bytes.length ? [{ stream: 'stdout', data: bytes }] : [];
    const runs: LogChunk[] = [];
    const end = bytes.length;
    let at = 0;
    // Payload is moved down to `to`; [from, to) is the run being gathered, of stream `runStream`.
    let to = 0;
    let from = 0;
    let runStream = this.current;
    while (at < end) {
      if (this.left === 0) {
        if (this.headerHave === 0 && end - at >= 8) {
          this.current = bytes[at] === 2 ? 'stderr' : 'stdout';
          this.left = bytes.readUInt32BE(at + 4);
          at += 8;
        } else {
          while (this.headerHave < 8 && at < end) this.header[this.headerHave++] = bytes[at++];
          if (this.headerHave < 8) break;
          this.headerHave = 0;
          this.current = this.header[0] === 2 ? 'stderr' : 'stdout';
          this.left = this.header.readUInt32BE(4);
        }
        continue;
      }
      if (this.current !== runStream) {
        if (to > from) runs.push({ stream: runStream, data: bytes.subarray(from, to) });
        from = to;
        runStream = this.current;
      }
      const take = Math.min(this.left, end - at);
      if (to !== at) {
        if (take <= LOOP_COPY_MAX) for (let i = 0; i < take; i++) bytes[to + i] = bytes[at + i];
        else bytes.copyWithin(to, at, at + take);
      }
      to += take;
      at += take;
      this.left -= take;
    }
    if (to > from) runs.push({ stream: runStream, data: bytes.subarray(from, to) });
    return runs;
  }
}
