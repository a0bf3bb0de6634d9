import { pullImage } from '../images/pullImage';
import type { StowageContext } from '../StowageContext';
import { requireRemoteTag } from './requireRemoteTag';

/** Pulls the tag through the engine (progress, Cancel, login offer as any pull), then reveals the local image. */
export async function pullRemoteTag(ctx: StowageContext, node: unknown): Promise<void> {
  await pullImage(ctx, requireRemoteTag(node).reference);
}
