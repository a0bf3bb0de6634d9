import { connect, type Socket } from 'node:net';

/** The most an answer's status line and headers may take before it is called malformed. */
const MAX_HEAD = 64 * 1024;
/** The most of an error answer's body kept for the message. */
const MAX_ERROR_BODY = 64 * 1024;

/**
 * GET `path` from the engine at `socketPath` as HTTP/1.0, resolving with the socket
 * positioned at the start of the body once the engine answers 200.
 *
 * Why not HTTP/1.1 through dockerode: the engine flushes every log frame as its own
 * HTTP chunk, and Node's HTTP parser makes one JavaScript call, one Buffer and one
 * stream push per chunk: a log of 1,000,000 short lines cost 3.3 s of CPU only to be
 * received (and 6 MB of chunk framing on the wire). To an HTTP/1.0 client the engine
 * sends the body unframed and closes the connection at its end, so the body arrives
 * in as many pieces as the socket has reads (about 35,000 for that log: 1.5 s).
 *
 * A non-200 answer rejects with an error shaped like docker-modem's (statusCode, json),
 * so EngineError words it the same way. Destroying the socket closes the stream.
 *
 * `signal` aborts the wait for the answer (see untilAnswered); once the answer has
 * started it has no effect: a followed log may rightly be quiet for hours.
 */
export function getOverHttp10(socketPath: string, path: string, signal?: AbortSignal): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(socketPath);
    let head = Buffer.alloc(0);
    const onAbort = () => fail(Object.assign(new Error(`GET ${path.split('?')[0]} aborted before its answer`), { name: 'AbortError' }));
    signal?.addEventListener('abort', onAbort, { once: true });
    const fail = (err: Error) => {
      signal?.removeEventListener('abort', onAbort);
      socket.destroy();
      reject(err);
    };
    const onError = (err: Error) => fail(err);
    const onEnd = () => fail(new Error(`the engine closed the connection before answering GET ${path.split('?')[0]}`));
    const onReadable = () => {
      for (let piece = socket.read() as Buffer | null; piece !== null; piece = socket.read() as Buffer | null) {
        head = Buffer.concat([head, piece]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > MAX_HEAD) return fail(new Error(`the engine's answer to GET ${path.split('?')[0]} has no end of headers in its first ${MAX_HEAD} bytes`));
          continue;
        }
        socket.off('readable', onReadable);
        socket.off('end', onEnd);
        // onError stays: between here and the caller's own handler an error must not go unheard (it only destroys the socket then).
        const lines = head.subarray(0, end).toString('latin1').split('\r\n');
        const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0]);
        const body = head.subarray(end + 4);
        if (!status) return fail(new Error(`the engine answered GET ${path.split('?')[0]} with something that is not HTTP: ${JSON.stringify(lines[0].slice(0, 80))}`));
        if (lines.some((l) => /^transfer-encoding:\s*chunked/i.test(l))) return fail(new Error(`the engine answered GET ${path.split('?')[0]} (HTTP/1.0) in chunks, which HTTP/1.0 does not allow`));
        const code = Number(status[1]);
        if (code === 200) {
          signal?.removeEventListener('abort', onAbort);
          if (body.length) socket.unshift(body);
          return resolve(socket);
        }
        return readError(socket, code, body).then(fail, fail);
      }
    };
    socket.on('readable', onReadable);
    socket.on('end', onEnd);
    socket.on('error', onError);
    socket.write(`GET ${path} HTTP/1.0\r\nHost: docker\r\n\r\n`);
  });
}

/** The engine's error answer ({"message": …}) as docker-modem would give it. */
function readError(socket: Socket, statusCode: number, start: Buffer): Promise<Error> {
  return new Promise((resolve) => {
    const parts = [start];
    let size = start.length;
    const finish = () => {
      socket.destroy();
      const text = Buffer.concat(parts).toString('utf8');
      let json: unknown = text;
      try {
        json = JSON.parse(text);
      } catch {
        // Not JSON: the text itself is the engine's word.
      }
      const said = json && typeof json === 'object' && typeof (json as { message?: unknown }).message === 'string' ? (json as { message: string }).message : text.trim();
      resolve(Object.assign(new Error(`(HTTP code ${statusCode}) - ${said}`), { statusCode, json }));
    };
    socket.on('data', (piece: Buffer) => {
      if (size < MAX_ERROR_BODY) parts.push(piece.subarray(0, MAX_ERROR_BODY - size));
      size += piece.length;
    });
    socket.on('end', finish);
    socket.on('error', finish);
  });
}
