import { createServer, connect, type Socket } from 'node:net';

/** A TCP relay on 127.0.0.1 that limits each direction to a rate, counts the bytes it carried, and can drop its connections. */
export interface ThrottleRelay {
  readonly port: number;
  /** Bytes from the client to the server (what a transfer sends), since the last reset. */
  readonly upBytes: number;
  readonly downBytes: number;
  reset(): void;
  /** Cuts every connection now, as a link that drops (the relay keeps accepting new ones). */
  cut(): void;
  close(): Promise<void>;
}

/**
 * A link of `bitsPerSecond` each way between clients on 127.0.0.1 and `targetPort` on
 * 127.0.0.1 (never any other address): each direction has a token bucket (filled at the
 * rate, holding at most 64 KiB), and a chunk waits until the bucket holds its size.
 * Backpressure is kept: the reading side is paused while a chunk waits or while the
 * writing side is full, so nothing piles up in the relay.
 */
export function startThrottleRelay(targetPort: number, bitsPerSecond: number): Promise<ThrottleRelay> {
  const bytesPerMs = bitsPerSecond / 8 / 1000;
  const burst = 64 * 1024;
  const buckets = { up: { tokens: burst, at: performance.now() }, down: { tokens: burst, at: performance.now() } };
  const counts = { up: 0, down: 0 };
  const sockets = new Set<Socket>();

  // One bucket per direction, shared by every connection: the link is one link.
  const pipe = (from: Socket, to: Socket, dir: 'up' | 'down') => {
    const bucket = buckets[dir];
    let queue: Buffer[] = [];
    let waiting = false;
    const drain = () => {
      while (queue.length) {
        const now = performance.now();
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * bytesPerMs);
        bucket.at = now;
        const chunk = queue[0];
        // A chunk larger than the bucket goes in bucket-sized slices.
        const n = Math.min(chunk.length, burst);
        if (bucket.tokens < n) {
          waiting = true;
          setTimeout(drain, Math.max(1, Math.ceil((n - bucket.tokens) / bytesPerMs)));
          return;
        }
        bucket.tokens -= n;
        counts[dir] += n;
        const ok = to.write(chunk.subarray(0, n));
        if (n === chunk.length) queue.shift();
        else queue[0] = chunk.subarray(n);
        if (!ok) {
          waiting = true;
          to.once('drain', drain);
          return;
        }
      }
      waiting = false;
      from.resume();
    };
    from.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      from.pause();
      if (!waiting) drain();
    });
    from.on('end', () => {
      const finish = () => (queue.length ? setTimeout(finish, 5) : to.end());
      finish();
    });
    from.on('close', () => {
      queue = [];
      to.destroy();
    });
    from.on('error', () => to.destroy());
  };

  const server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipe(client, upstream, 'up');
    pipe(upstream, client, 'down');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        port,
        get upBytes() {
          return counts.up;
        },
        get downBytes() {
          return counts.down;
        },
        reset() {
          counts.up = 0;
          counts.down = 0;
        },
        cut() {
          for (const s of sockets) s.destroy();
        },
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
