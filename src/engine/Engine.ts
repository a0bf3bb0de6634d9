import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Dockerode from 'dockerode';
import type { Endpoint } from './Endpoint';
import { NO_ANSWER, toEngineError } from './EngineError';
import { SshDialAgent } from './ssh/SshDialAgent';

/** Receives one line per Engine API call. Never given bodies or headers, so never a credential. */
export type EngineLog = (line: string) => void;

/**
 * How long a read (a GET that is not a stream) may go unanswered. The engine answers
 * these in milliseconds, even listing 10,000 tags (about 0.1 s); an engine that is
 * frozen (SIGSTOP, a hung storage driver) accepts the connection and never answers,
 * and without a limit every view would spin for ever. Writes (commit, remove, stop)
 * and streams (save, pull, events, logs) may rightly take long and have no limit here.
 */
export const ANSWER_TIMEOUT_MS = 30_000;

export interface EngineOptions {
  /** Instead of ANSWER_TIMEOUT_MS (tests use a short one). */
  readonly answerTimeoutMs?: number;
}

/**
 * The one door to the Docker Engine. Knows nothing of VS Code, so it can be driven
 * from plain Node against a real daemon. Every request goes through docker-modem's
 * `dial`, which is wrapped here once: that gives one place for logging and for
 * turning transport failures into "engine not reachable at …".
 */
export class Engine {
  private client?: Dockerode;
  private requests = 0;

  constructor(
    readonly endpoint: Endpoint,
    private readonly log: EngineLog = () => {},
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly options: EngineOptions = {},
  ) {}

  /** How many Engine API requests this engine has made (the idle benchmark reads it). */
  get requestCount(): number {
    return this.requests;
  }

  /** How long a read may go unanswered (ANSWER_TIMEOUT_MS unless set): also how long a stream's answer may take to start (see logs/followLogs). */
  get answerTimeoutMs(): number {
    return this.options.answerTimeoutMs ?? ANSWER_TIMEOUT_MS;
  }

  /** The dockerode client, built on first use: requiring dockerode costs ~100 ms. */
  get api(): Dockerode {
    if (!this.client) this.client = this.createClient();
    return this.client;
  }

  /** Runs `fn` against the engine; any failure comes out as an EngineError naming `operation`. */
  async call<T>(operation: string, fn: (docker: Dockerode) => Promise<T>): Promise<T> {
    try {
      return await fn(this.api);
    } catch (err) {
      throw toEngineError(err, operation, this.endpoint.url);
    }
  }

  /**
   * Counts and logs a request made beside dockerode's dial (see logs/getOverHttp10),
   * in the same words as the requests made through it.
   */
  async logged<T>(what: string, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    this.requests++;
    try {
      const result = await fn();
      this.log(`${what} → ok (stream open) (${Date.now() - started} ms)`);
      return result;
    } catch (err) {
      this.log(`${what} → ${this.outcome(err)} (${Date.now() - started} ms)`);
      throw err;
    }
  }

  /** A failed request in a log line: the status and the engine's words, or the transport's code. */
  private outcome(err: unknown): string {
    const e = err as { statusCode?: number; code?: string; message?: string };
    return (e.statusCode ? `${e.statusCode} ${toEngineError(err, 'call', this.endpoint.url).engineMessage ?? ''}` : e.code ?? e.message ?? 'failed').trim();
  }

  private createClient(): Dockerode {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const DockerodeCtor = require('dockerode') as typeof Dockerode;
    const docker = new DockerodeCtor(this.modemOptions());
    this.instrument(docker);
    return docker;
  }

  private modemOptions(): Dockerode.DockerOptions {
    const ep = this.endpoint;
    // Every key is set, even to undefined: docker-modem otherwise fills gaps from DOCKER_HOST.
    const base: Dockerode.DockerOptions = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined };
    switch (ep.kind) {
      case 'unix':
      case 'npipe':
        return { ...base, socketPath: ep.socketPath };
      case 'ssh':
        // Through the user's own ssh (SshDialAgent), not an SSH library: their keys,
        // agent, ~/.ssh/config and known_hosts apply, and a host key is never taken on trust.
        // Addressed as a socket path, never a host name: VS Code's extension host (proxy
        // support, "override" by default) replaces the agent of any request to a host other
        // than localhost, and the request then went to a host named "docker" (ENOTFOUND);
        // it leaves requests with a socket path alone. The agent makes every connection.
        return { ...base, protocol: 'http', socketPath: ep.url, agent: new SshDialAgent(ep, this.env) } as Dockerode.DockerOptions;
      case 'tcp': {
        const opts: Dockerode.DockerOptions = { ...base, host: ep.host, port: ep.port, protocol: ep.tls ? 'https' : 'http' };
        if (ep.tls?.certPath) {
          const read = (f: string) => readFileSync(join(ep.tls!.certPath!, f));
          try {
            opts.ca = read('ca.pem');
            opts.cert = read('cert.pem');
            opts.key = read('key.pem');
          } catch (err) {
            throw new Error(`TLS files for ${ep.url} could not be read from ${ep.tls.certPath}: ${(err as Error).message}`);
          }
        }
        return opts;
      }
    }
  }

  private instrument(docker: Dockerode): void {
    const modem = docker.modem as unknown as { dial: (o: DialOptions, cb: (err: unknown, data: unknown) => void) => void };
    const dial = modem.dial.bind(modem);
    modem.dial = (options, callback) => {
      const started = Date.now();
      const what = `${options.method} ${options.path.replace(/\?$/, '').split('?')[0]}`;
      this.requests++;
      // Disk usage walks every layer and volume of the host: minutes on a big one, rightly.
      const limited = options.method === 'GET' && !options.isStream && !options.hijack && !/\/system\/df\b/.test(options.path);
      const limit = limited ? this.answerTimeoutMs : undefined;
      let unanswered = false;
      let timer: NodeJS.Timeout | undefined;
      if (limit !== undefined) {
        const controller = new AbortController();
        options.abortSignal = options.abortSignal ? AbortSignal.any([options.abortSignal, controller.signal]) : controller.signal;
        timer = setTimeout(() => {
          unanswered = true;
          controller.abort();
        }, limit);
      }
      dial(options, (err, data) => {
        clearTimeout(timer);
        const ms = Date.now() - started;
        if (err && unanswered) err = new NoAnswerError(what, ms);
        if (err) {
          this.log(`${what} → ${this.outcome(err)} (${ms} ms)`);
        } else {
          this.log(`${what} → ok${options.isStream || options.hijack ? ' (stream open)' : ''} (${ms} ms)`);
        }
        callback(err, data);
      });
    };
  }
}

/** A read the engine left unanswered past its limit (see ANSWER_TIMEOUT_MS). */
class NoAnswerError extends Error {
  readonly code = NO_ANSWER;
  constructor(readonly request: string, readonly ms: number) {
    super(`no answer to ${request} in ${Math.round(ms / 1000)} s`);
  }
}

interface DialOptions {
  method: string;
  path: string;
  isStream?: boolean;
  hijack?: boolean;
  abortSignal?: AbortSignal;
}
