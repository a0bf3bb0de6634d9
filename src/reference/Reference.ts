import type { ParsedReference, Span } from './types';
import { DomainKind } from './DomainKind';
import { DEFAULT_DOMAIN, OFFICIAL_NAMESPACE, OFFICIAL_PREFIX } from './dockerHub';

/** Only the parts present, each object built whole in one shape, so no property is added after the fact. */
function spansOf(path: Span, domain?: Span, tag?: Span, digest?: Span): ParsedReference['spans'] {
  if (domain) {
    if (tag) return digest ? { domain, path, tag, digest } : { domain, path, tag };
    return digest ? { domain, path, digest } : { domain, path };
  }
  if (tag) return digest ? { path, tag, digest } : { path, tag };
  return digest ? { path, digest } : { path };
}

/**
 * A valid reference, held as the offsets the parse found. The parse decides
 * everything (validity, every boundary, the normalized reading's defaults)
 * and records numbers only; each part is cut from the input when it is read.
 * Readers use two or three parts (the language server's rules read the tag
 * and the digest), and cutting all of them up front was a quarter of a
 * strict parse. The parts are getters, so spreading or JSON.stringify of a
 * Reference sees none of them: copy the fields you need. This is the strict
 * reading's result; NormalizedReference adds the normalized reading's forms.
 */
export class Reference implements ParsedReference {
  readonly valid = true as const;

  constructor(
    readonly input: string,
    protected readonly domainKind: DomainKind,
    /** Normalized: the registry is Docker Hub, however it was written (or not). */
    protected readonly hub: boolean,
    /** Normalized: a one-component Docker Hub path, which gets `library/`. */
    protected readonly library: boolean,
    protected readonly pathStart: number,
    protected readonly pathEnd: number,
    /** The path's last '/', or -1. */
    protected readonly lastSlash: number,
    /** The tag is [pathEnd + 1, tagEnd); -1 for none. */
    protected readonly tagEnd: number,
    /** The digest is [digestStart, input.length); -1 for none. */
    protected readonly digestStart: number,
  ) {}

  get domain(): string | null {
    switch (this.domainKind) {
      case DomainKind.Written:
        return this.input.slice(0, this.pathStart - 1);
      case DomainKind.None:
        return null;
      default:
        return DEFAULT_DOMAIN;
    }
  }

  /** The path as written, without `library/`. */
  protected get written(): string {
    return this.input.slice(this.pathStart, this.pathEnd);
  }

  get path(): string {
    return this.library ? OFFICIAL_PREFIX + this.written : this.written;
  }

  get namespace(): string | null {
    if (this.library) return OFFICIAL_NAMESPACE;
    return this.lastSlash >= this.pathStart ? this.input.slice(this.pathStart, this.lastSlash) : null;
  }

  get name(): string {
    return !this.library && this.lastSlash >= this.pathStart ? this.input.slice(this.lastSlash + 1, this.pathEnd) : this.written;
  }

  get tag(): string | null {
    return this.tagEnd < 0 ? null : this.input.slice(this.pathEnd + 1, this.tagEnd);
  }

  get digest(): string | null {
    return this.digestStart < 0 ? null : this.input.slice(this.digestStart);
  }

  get spans(): ParsedReference['spans'] {
    const n = this.input.length;
    const domain = this.domainKind === DomainKind.Written || this.domainKind === DomainKind.Legacy ? { start: 0, end: this.pathStart - 1 } : undefined;
    const tag = this.tagEnd < 0 ? undefined : { start: this.pathEnd + 1, end: this.tagEnd };
    const digest = this.digestStart < 0 ? undefined : { start: this.digestStart, end: n };
    return spansOf({ start: this.pathStart, end: this.pathEnd }, domain, tag, digest);
  }

  get string(): string {
    return this.input;
  }
}
