import type { EngineError } from '../engine/EngineError';

/** By shape, not instanceof: the engine layer is a separate bundle with its own class objects. */
export function isEngineError(err: unknown): err is EngineError {
  return !!err && typeof err === 'object' && (err as { name?: string }).name === 'EngineError';
}
