import { join } from 'node:path';
import type * as EngineModule from './engine/index';

let loaded: typeof EngineModule | undefined;

/**
 * The engine layer (dockerode and all) is its own bundle, dist/engine.js, loaded
 * on first use: requiring it costs ~100 ms, which activation must not pay. The
 * path is computed so that esbuild leaves this require alone.
 */
export function engineModule(): typeof EngineModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require(join(__dirname, 'engine.js')) as typeof EngineModule);
}
