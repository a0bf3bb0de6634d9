import type { StowageContext } from './StowageContext';

export function refresh(ctx: StowageContext): void {
  ctx.images.refresh();
  ctx.containers.refresh();
  ctx.engineInfo.refresh();
}
