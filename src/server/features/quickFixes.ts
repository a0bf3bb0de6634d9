import type { CodeAction, Diagnostic, Range } from 'vscode-languageserver';
import { parseReference } from '../../reference';
import { PULL_IMAGE_COMMAND } from '../../shared/protocol';
import type { AnalyzedSite } from '../analyzeDocument';
import type { EngineIndex } from './EngineIndex';

export interface QuickFixInput {
  readonly uri: string;
  readonly analyzed: AnalyzedSite;
  /** The document's diagnostics on this site, to attach to the fixes they resolve. */
  readonly diagnostics: readonly Diagnostic[];
  /** Undefined when there is no engine or the workspace is untrusted. */
  readonly engine: EngineIndex | undefined;
  /** The client shows a disabled action with its reason (LSP 3.16 `disabledSupport`). */
  readonly disabledSupport?: boolean;
  readonly toRange: (start: number, end: number) => Range;
}

/** How many engine tags to offer as "add tag" fixes: the light bulb menu is not a list view. */
const MAX_TAG_FIXES = 8;

const DIGEST_CODES = new Set(['empty-digest', 'digest-format', 'digest-algorithm', 'digest-hex', 'digest-length']);

/**
 * The quick fixes for one reference: lowercase the repository; remove a malformed digest,
 * or replace it with the digest the engine has for that name; add an explicit tag the
 * engine has (or say that it has none); pin to the digest the engine knows for that
 * registry (RepoDigests); pull the image (a command the client runs). Edits are offered
 * only where the written text is the reference itself (not after variable substitution).
 */
export function quickFixes({ uri, analyzed: { site, parsed }, diagnostics, engine, toRange, disabledSupport }: QuickFixInput): CodeAction[] {
  const actions: CodeAction[] = [];
  if (!parsed || site.role !== 'image') return actions;
  const replace = (title: string, newText: string, rule: string, preferred = false, start = site.start, end = site.end): CodeAction => ({
    title,
    kind: 'quickfix',
    diagnostics: diagnostics.filter((d) => d.code === rule),
    isPreferred: preferred || undefined,
    edit: { changes: { [uri]: [{ range: toRange(start, end), newText }] } },
  });

  if (!parsed.valid) {
    const lower = lowercaseRepository(site.value);
    if (site.exact && lower !== site.value && parseReference(lower, 'normalized').valid) {
      actions.push(replace(`Lowercase the repository: ${lower}`, lower, 'invalid', true));
    }
    const at = site.value.lastIndexOf('@');
    if (site.exact && DIGEST_CODES.has(parsed.error.code) && at > 0) {
      const withoutDigest = site.value.slice(0, at);
      const named = parseReference(withoutDigest, 'normalized');
      if (named.valid) {
        actions.push(replace(`Remove the malformed digest: ${withoutDigest}`, withoutDigest, 'invalid'));
        const image = engine?.available && named.fullName ? engine.find(named) : undefined;
        const digest = image && engine!.digestFor(image, named.fullName!);
        if (digest) actions.push(replace(`Pin to the digest the engine has for ${withoutDigest}: ${digest.slice(0, 19)}…`, `${withoutDigest}@${digest}`, 'invalid', true));
      }
    }
    return actions;
  }

  const image = engine?.available ? engine.find(parsed) : undefined;
  if (site.exact && !parsed.tag && !parsed.digest && engine?.available && parsed.fullName) {
    const tags = engine.tags(parsed.fullName);
    for (const tag of tags.slice(0, MAX_TAG_FIXES)) {
      actions.push(replace(`Add tag :${tag}`, `:${tag}`, 'untagged', false, site.end, site.end));
    }
    if (!tags.length && disabledSupport) {
      // Said in the light bulb menu, so the missing choice is explained rather than absent.
      actions.push({ title: 'Add a tag', kind: 'quickfix', disabled: { reason: `the local engine has no tag of ${parsed.familiarName ?? parsed.fullName}: pull one, or write the tag` } });
    }
  }
  if (site.exact && image && !parsed.digest && parsed.fullName) {
    const digest = engine!.digestFor(image, parsed.fullName);
    if (digest) actions.push(replace(`Pin to digest ${digest.slice(0, 19)}…`, `${site.value}@${digest}`, 'unpinned'));
  }
  if (engine?.available && !image) {
    actions.push({ title: `Pull ${site.value}`, kind: 'quickfix', command: { title: `Pull ${site.value}`, command: PULL_IMAGE_COMMAND, arguments: [site.value] } });
  }
  return actions;
}

/** The reference with its registry and repository lowercased; the tag (case-sensitive) and digest kept. */
export function lowercaseRepository(ref: string): string {
  const at = ref.indexOf('@');
  const nameEnd = at >= 0 ? at : ref.length;
  const slash = ref.lastIndexOf('/', nameEnd - 1);
  const colon = ref.indexOf(':', slash + 1);
  const repoEnd = colon >= 0 && colon < nameEnd ? colon : nameEnd;
  return ref.slice(0, repoEnd).toLowerCase() + ref.slice(repoEnd);
}
