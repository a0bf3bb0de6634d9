import type Dockerode from 'dockerode';

export interface EngineRequest {
  readonly method: 'GET' | 'HEAD' | 'POST' | 'DELETE';
  /** Path without query, e.g. `/commit` or `/images/busybox/tag`. */
  readonly path: string;
  /** Query parameters; an array becomes one parameter per value (`changes=…&changes=…`). */
  readonly query?: Readonly<Record<string, string | readonly string[]>>;
  /** A request body to stream (load), sent as application/x-tar. */
  readonly body?: NodeJS.ReadableStream;
  /** A JSON body, sent even when it is `{}` (docker-modem otherwise drops an empty one). */
  readonly json?: object;
  /** Answer with the response stream instead of its parsed JSON. */
  readonly stream?: boolean;
  /** Status codes that count as success: the others become errors carrying the engine's message. */
  readonly ok: readonly number[];
  readonly signal?: AbortSignal;
}

/**
 * One Engine API request through dockerode's modem, for the endpoints dockerode
 * wraps loosely (commit's repeated `changes`, save's repeated `names`, load's
 * streamed body). Going through `modem.dial` keeps the Engine's logging, request
 * count and endpoint handling (unix, tcp, ssh). Call it inside `engine.call`.
 */
export function dialEngine<T>(docker: Dockerode, request: EngineRequest): Promise<T> {
  const statusCodes: Record<number, true | string> = { 400: 'bad parameter', 404: 'not found', 409: 'conflict', 500: 'server error' };
  for (const code of request.ok) statusCodes[code] = true;
  const modem = docker.modem as { dial(options: unknown, callback: (err: unknown, data: unknown) => void): void };
  return new Promise<T>((resolve, reject) => {
    modem.dial(
      {
        path: `${request.path}?`,
        method: request.method,
        // _query / _body keep the query and the (empty) JSON body apart; docker-modem
        // would otherwise send the query parameters as a JSON body on POST.
        options: { _query: request.query ?? {}, _body: request.json ?? {} },
        allowEmpty: request.json !== undefined,
        file: request.body,
        headers: request.body ? { 'Content-Type': 'application/x-tar' } : request.json ? { 'Content-Type': 'application/json' } : undefined,
        isStream: request.stream === true,
        abortSignal: request.signal,
        statusCodes,
      },
      (err, data) => (err ? reject(err) : resolve(data as T)),
    );
  });
}
