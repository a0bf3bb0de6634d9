export { Engine } from './Engine';
export { EngineError, toEngineError } from './EngineError';
export { resolveEndpoint, parseHost } from './resolveEndpoint';
export type { Endpoint } from './Endpoint';
