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
  readonly toRange: (start: number, end: number) => Range;
}

/** How many engine tags to offer as "add tag" fixes: the light bulb menu is not a list view. */
const MAX_TAG_FIXES = 8;

/**
 * The quick fixes for one reference: lowercase the repository; add an explicit tag the
 * engine has; pin to the digest the engine knows for that registry (RepoDigests); pull
 * the image (a command the client runs). Edits are offered only where the written text
 * is the reference itself (not after variable substitution).
 */
export function quickFixes({ uri, analyzed: { site, parsed }, diagnostics, engine, toRange }: QuickFixInput): CodeAction[] {
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
    return actions;
  }

  const image = engine?.available ? engine.find(parsed) : undefined;
  if (site.exact && !parsed.tag && !parsed.digest && engine?.available && parsed.fullName) {
    for (const tag of engine.tags(parsed.fullName).slice(0, MAX_TAG_FIXES)) {
      actions.push(replace(`Add tag :${tag}`, `:${tag}`, 'untagged', false, site.end, site.end));
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
