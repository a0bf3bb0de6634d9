import { indexPlatforms } from './indexPlatforms';

/** A platform as an image index's entries and the engine name it: `linux`, `arm64`, `v8`. */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

export type PlatformChoice =
  | { readonly ok: true; readonly digest: string; readonly platform: Platform; readonly offered: string[] }
  | { readonly ok: false; readonly offered: string[] };

/** `linux/arm64/v8` */
export function platformText(p: { readonly os?: string; readonly architecture?: string; readonly variant?: string }): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/**
 * The entry of an image index a pull by this engine would take: the same OS and
 * architecture, and among several (arm/v6 and arm/v7) the engine's variant, where
 * an absent variant and the architecture's default one (arm64's v8, amd64's v1)
 * are the same. BuildKit's attestation entries (`unknown/unknown`) are no platform.
 * `offered` lists the index's platforms in its order, for saying what was chosen from.
 */
export function choosePlatform(entries: unknown, engine: Platform): PlatformChoice {
  const images = indexPlatforms(entries);
  const offered = images.map((e) => platformText(e.platform));
  const candidates = images.filter((e) => e.platform.os === engine.os && e.platform.architecture === engine.architecture);
  const variant = (p: { architecture?: string; variant?: string }) => normalVariant(p.architecture ?? '', p.variant);
  const chosen = candidates.find((e) => variant(e.platform) === variant(engine)) ?? (engine.variant ? undefined : candidates[0]);
  if (!chosen) return { ok: false, offered };
  const p = chosen.platform;
  return { ok: true, digest: chosen.digest, platform: { os: p.os, architecture: p.architecture, ...(p.variant ? { variant: p.variant } : {}) }, offered };
}

function normalVariant(architecture: string, variant: string | undefined): string {
  if (architecture === 'arm64' && (variant === undefined || variant === '' || variant === 'v8')) return 'v8';
  if (architecture === 'amd64' && (variant === undefined || variant === '' || variant === 'v1')) return 'v1';
  return variant ?? '';
}
