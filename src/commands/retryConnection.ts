import type { StowageContext } from './StowageContext';
import { refresh } from './refresh';

export function retryConnection(ctx: StowageContext): void {
  ctx.session.retry();
  refresh(ctx);
}
