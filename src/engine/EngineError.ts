/**
 * Every failure that crosses the engine layer becomes one of these: a sentence a
 * person can act on (what was asked, what the engine said), never a stack trace.
 */
export type EngineErrorKind =
  | 'unreachable' // no engine answers at the endpoint
  | 'permission' // the socket is there but we may not use it
  | 'notFound'
  | 'conflict' // e.g. image in use by a container
  | 'unauthorized'
  | 'badRequest'
  | 'cancelled'
  | 'engine'; // anything else the engine refused

export class EngineError extends Error {
  constructor(
    message: string,
    readonly kind: EngineErrorKind,
    /** What Stowage was doing, e.g. `remove image busybox:latest`. */
    readonly operation: string,
    readonly statusCode?: number,
    /** The engine's own words, when it said any. */
    readonly engineMessage?: string,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface ModemError {
  code?: string;
  statusCode?: number;
  reason?: string;
  json?: { message?: string } | string | null;
  message?: string;
  name?: string;
  address?: string;
}

/** The code of a read the engine left unanswered (Engine's answer limit). */
export const NO_ANSWER = 'STOWAGE_NO_ANSWER';

/** Turns whatever dockerode/docker-modem threw into an EngineError. */
export function toEngineError(err: unknown, operation: string, endpointUrl: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as ModemError;
  if (e.code === NO_ANSWER) {
    // Before the AbortError case: the limit aborts the request, but nobody cancelled it.
    return new EngineError(
      `Docker engine at ${endpointUrl} accepted the connection but did not answer (${e.message}): it may be frozen or overloaded. Check the engine (its log, or \`systemctl status docker\`).`,
      'unreachable',
      operation,
    );
  }
  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') {
    return new EngineError(`Cancelled: ${operation}.`, 'cancelled', operation);
  }
  switch (e.code) {
    case 'ENOENT':
      return new EngineError(`Docker engine not reachable at ${endpointUrl}: there is no socket there. Is the engine running?`, 'unreachable', operation);
    case 'ECONNREFUSED':
      return new EngineError(`Docker engine not reachable at ${endpointUrl}: connection refused. Is the engine running?`, 'unreachable', operation);
    case 'EACCES':
    case 'EPERM':
      return new EngineError(`Docker engine at ${endpointUrl} refused access to its socket (${e.code}). Is your user in the docker group?`, 'permission', operation);
    case 'ETIMEDOUT':
    case 'ECONNRESET':
    case 'EHOSTUNREACH':
    case 'ENOTFOUND':
    case 'EPIPE':
      return new EngineError(`Docker engine not reachable at ${endpointUrl} (${e.code}).`, 'unreachable', operation);
  }
  if (typeof e.statusCode === 'number') {
    const said = engineWords(e);
    const kind: EngineErrorKind =
      e.statusCode === 404 ? 'notFound' : e.statusCode === 409 ? 'conflict' : e.statusCode === 401 || e.statusCode === 403 ? 'unauthorized' : e.statusCode === 400 ? 'badRequest' : 'engine';
    return new EngineError(`Could not ${operation}: ${said}`, kind, operation, e.statusCode, said);
  }
  const msg = e.message || String(err);
  return new EngineError(`Could not ${operation}: ${msg}`, 'engine', operation, undefined, msg);
}

function engineWords(e: ModemError): string {
  if (e.json && typeof e.json === 'object' && typeof e.json.message === 'string') return dedupe(e.json.message.trim());
  if (typeof e.json === 'string' && e.json.trim()) return dedupe(e.json.trim());
  // docker-modem's own message is "(HTTP code 404) no such image - <engine text> ".
  const m = /^\(HTTP code \d+\) [^-]*- (.*)$/s.exec(e.message ?? '');
  return dedupe((m ? m[1] : e.message ?? `HTTP ${e.statusCode}`).trim());
}

/** The engine sometimes wraps an error in itself: "no such image: x: No such image: x" says it once. */
function dedupe(text: string): string {
  const half = (text.length - 2) / 2;
  if (Number.isInteger(half) && text.slice(half, half + 2) === ': ' && text.slice(0, half).toLowerCase() === text.slice(half + 2).toLowerCase()) {
    return text.slice(0, half);
  }
  return text;
}
