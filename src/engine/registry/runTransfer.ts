import type { Engine } from '../Engine';
import { EngineError } from '../EngineError';
import { listLogins } from '../credentials/listLogins';
import { explainRegistryError, type RegistryErrorContext } from './explainRegistryError';
import { followProgressStream } from './followProgressStream';
import { reduceLayerProgress } from './reduceLayerProgress';
import { RegistryError, type RegistryErrorReason } from './RegistryError';
import { retagForRegistry } from './retagForRegistry';
import { summarizeTransfer } from './summarizeTransfer';
import type { TransferOptions } from './TransferOptions';
import { EMPTY_TRANSFER, type TransferState } from './TransferState';

export interface TransferRun {
  /** e.g. `push 127.0.0.1:5000/app:v1`. */
  readonly operation: string;
  /** What the error explanation needs to know (registry, reference, …). */
  readonly context: Omit<RegistryErrorContext, 'suggestion'>;
  /** Why the stored login could not be read, if it could not: added to a "log in" explanation. */
  readonly credentialProblem?: string;
  /** How many distinct layers the transfer moves, when known beforehand (a push reads the image's rootfs). */
  readonly expectedLayers?: number;
  /** Opens the engine's progress stream. */
  readonly open: (docker: Engine['api'], signal?: AbortSignal) => Promise<NodeJS.ReadableStream>;
}

/**
 * The part push and pull share: open the engine's progress stream, fold it into
 * per-layer state, report it, honour the abort signal, and turn the engine's and
 * the registry's failures into RegistryErrors in plain words.
 */
export async function runTransfer(engine: Engine, run: TransferRun, options: TransferOptions): Promise<TransferState> {
  const { signal, onProgress } = options;
  const cancelled = () => {
    onProgress?.({ message: 'Cancelled', transfer: EMPTY_TRANSFER });
    return new EngineError(`Cancelled: ${run.operation}.`, 'cancelled', run.operation);
  };
  if (signal?.aborted) throw cancelled();
  let state = EMPTY_TRANSFER;
  try {
    await engine.call(run.operation, async (docker) => {
      const stream = await run.open(docker, signal);
      await followProgressStream(
        stream,
        (message) => {
          const next = reduceLayerProgress(state, message);
          if (next === state) return;
          state = next;
          onProgress?.({ ...summarizeTransfer(state, run.expectedLayers), transfer: state });
        },
        signal,
      );
    });
  } catch (err) {
    if (signal?.aborted || (err instanceof EngineError && err.kind === 'cancelled')) throw cancelled();
    // The engine itself unreachable, or its socket forbidden: that is the engine's story, told as is.
    if (err instanceof EngineError && (err.kind === 'unreachable' || err.kind === 'permission' || err.statusCode === undefined)) throw err;
    const said = err instanceof EngineError ? err.engineMessage ?? err.message : String(err);
    throw await explained(said, run, options);
  }
  if (signal?.aborted) throw cancelled();
  if (state.error) throw await explained(state.error, run, options);
  return state;
}

const KINDS: Record<RegistryErrorReason, EngineError['kind']> = {
  noCredentials: 'unauthorized',
  unauthorized: 'unauthorized',
  denied: 'unauthorized',
  nameUnknown: 'notFound',
  notFound: 'notFound',
  localMissing: 'notFound',
  unreachable: 'engine',
  dockerHub: 'engine',
  rateLimited: 'engine',
  catalogUnsupported: 'engine',
  tls: 'engine',
  other: 'engine',
};

async function explained(said: string, run: TransferRun, options: TransferOptions): Promise<RegistryError> {
  let suggestion: RegistryErrorContext['suggestion'];
  if (run.context.impliedHub && run.context.reference) {
    // The registry the user most likely meant: one they are logged in to, other than Docker Hub.
    const logins = await listLogins(options.credentials).catch(() => []);
    const other = logins.find((l) => l.registry !== 'https://index.docker.io/v1/');
    if (other) {
      try {
        suggestion = { registry: other.registry, reference: retagForRegistry(run.context.reference, other.registry) };
      } catch {
        suggestion = undefined;
      }
    }
  }
  const { reason, message } = explainRegistryError(said, { ...run.context, suggestion });
  const problem = run.credentialProblem && (reason === 'noCredentials' || reason === 'unauthorized') ? ` (The stored login could not be read: ${run.credentialProblem})` : '';
  return new RegistryError(`Could not ${run.operation}: ${message}${problem}`, KINDS[reason], run.operation, reason, run.context.registry, said, suggestion?.reference);
}
