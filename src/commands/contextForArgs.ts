import { EngineGroupNode } from '../views/pinned/EngineGroupNode';
import { engineOwnerOf } from '../views/pinned/engineOwner';
import type { EngineSession } from '../session/EngineSession';
import type { StowageContext } from './StowageContext';
import { UserError } from './UserError';

/** Commands that read through the main session's file system (container files), not the one given them. */
const MAIN_ENGINE_ONLY = new Set(['stowage.openContainerFile']);

/**
 * The context a command runs in: a row of a pinned engine (or a selection of them)
 * makes that engine the command's session, so Remove, Tag, Stop or Copy to Engine
 * act where the row was listed, never on another engine with the same names.
 */
export function contextForArgs(ctx: StowageContext, id: string, args: readonly unknown[]): StowageContext {
  const nodes = [args[0], ...(Array.isArray(args[1]) ? args[1] : [])];
  const sessions = new Set<EngineSession>();
  for (const node of nodes) {
    const session = node instanceof EngineGroupNode ? node.session : engineOwnerOf(node)?.session;
    if (session) sessions.add(session);
  }
  if (sessions.size > 1) throw new UserError('The selection holds rows of several engines: select rows of one engine.');
  const [session] = sessions;
  if (!session || session === ctx.session) return ctx;
  if (MAIN_ENGINE_ONLY.has(id)) {
    throw new UserError(`This works on the engine Stowage uses (${ctx.session.describeEndpoint()}) only for now: use ${session.label} in Stowage (Engines view) first.`);
  }
  return { ...ctx, session };
}
