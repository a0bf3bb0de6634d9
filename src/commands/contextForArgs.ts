import { EngineGroupNode } from '../views/pinned/EngineGroupNode';
import { engineOwnerOf } from '../views/pinned/engineOwner';
import type { EngineSession } from '../session/EngineSession';
import type { StowageContext } from './StowageContext';
import { UserError } from './UserError';

/**
 * The context a command runs in: a row of a pinned engine (or a selection of them)
 * makes that engine the command's session, so Remove, Tag, Stop or Copy to Engine
 * act where the row was listed, never on another engine with the same names.
 */
export function contextForArgs(ctx: StowageContext, args: readonly unknown[]): StowageContext {
  const nodes = [args[0], ...(Array.isArray(args[1]) ? args[1] : [])];
  const sessions = new Set<EngineSession>();
  for (const node of nodes) {
    const session = node instanceof EngineGroupNode ? node.session : engineOwnerOf(node)?.session;
    if (session) sessions.add(session);
  }
  if (sessions.size > 1) throw new UserError('The selection holds rows of several engines: select rows of one engine.');
  const [session] = sessions;
  if (!session || session === ctx.session) return ctx;
  return { ...ctx, session };
}
