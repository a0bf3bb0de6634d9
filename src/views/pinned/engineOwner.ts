import type { EngineGroupNode } from './EngineGroupNode';

/**
 * Which pinned engine a row belongs to, recorded as rows are handed to the view: the
 * rows' own classes stay as they are for one engine, and commands run on a row
 * reach the engine that listed it.
 */
const owners = new WeakMap<object, EngineGroupNode>();

export function setEngineOwner(node: object, owner: EngineGroupNode): void {
  owners.set(node, owner);
}

export function engineOwnerOf(node: unknown): EngineGroupNode | undefined {
  return typeof node === 'object' && node !== null ? owners.get(node) : undefined;
}
