import { DomainKind } from './DomainKind';
import { Reference } from './Reference';
import { DEFAULT_DOMAIN, OFFICIAL_NAMESPACE } from './dockerHub';

/** The normalized reading's result: the strict parts plus the full and familiar forms the docker CLI shows. */
export class NormalizedReference extends Reference {
  /** Nothing implied or renamed: the canonical forms are the input itself, so they are slices, not concatenations. */
  private get verbatim(): boolean {
    return !this.library && (this.domainKind === DomainKind.None || this.domainKind === DomainKind.Written);
  }

  get fullName(): string {
    if (this.verbatim) return this.pathStart === 0 ? this.written : this.input.slice(0, this.pathEnd);
    return `${DEFAULT_DOMAIN}/${this.path}`;
  }

  get familiarName(): string {
    // Go drops `library/` from the familiar name only when nothing after it has a '/'.
    if (this.hub) return this.namespace === OFFICIAL_NAMESPACE ? this.name : this.path;
    return this.fullName;
  }

  get familiar(): string {
    return this.hub ? this.familiarName + this.input.slice(this.pathEnd) : this.string;
  }

  override get string(): string {
    return this.verbatim ? this.input : this.fullName + this.input.slice(this.pathEnd);
  }
}
