import type { KnownEngine } from '../engine/engines/KnownEngine';

/** How an engine is pinned: a context by its name (so a changed context is followed), anything else by its URL. */
export function pinnedName(engine: KnownEngine): string {
  return engine.origin === 'context' ? engine.name : engine.url;
}
