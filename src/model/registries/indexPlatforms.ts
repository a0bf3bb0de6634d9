/** An entry of an image index that names an image for a platform. */
export interface PlatformEntry {
  readonly digest: string;
  readonly platform: { readonly os: string; readonly architecture: string; readonly variant?: string };
  readonly annotations?: Readonly<Record<string, unknown>>;
}

/**
 * The entries of an image index (the registry's JSON, unchecked) that are images for a
 * platform, in the index's order: an object with a string digest and a platform with a string
 * OS and architecture. BuildKit's attestation entries (`unknown/unknown`) are not.
 */
export function indexPlatforms(entries: unknown): PlatformEntry[] {
  if (!Array.isArray(entries)) return [];
  return entries.filter((e): e is PlatformEntry => isPlatformEntry(e) && e.platform.os !== 'unknown' && e.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest');
}

function isPlatformEntry(e: unknown): e is PlatformEntry {
  if (typeof e !== 'object' || e === null) return false;
  const { digest, platform, annotations } = e as { digest?: unknown; platform?: { os?: unknown; architecture?: unknown; variant?: unknown } | null; annotations?: unknown };
  if (typeof digest !== 'string' || typeof platform !== 'object' || platform === null) return false;
  if (annotations !== undefined && (typeof annotations !== 'object' || annotations === null)) return false;
  return typeof platform.os === 'string' && platform.os !== '' && typeof platform.architecture === 'string' && (platform.variant === undefined || typeof platform.variant === 'string');
}
