import { decomposeReference, parseReference } from '../../reference';
import type { AnalyzedSite, DocumentAnalysis } from '../analyzeDocument';
import type { EngineIndex } from './EngineIndex';
import { formatBytes } from '../../shared/formatBytes';

/**
 * The hover for a site, as Markdown: the reference taken apart
 * (`<registry>[:<port>]/[<namespace>/]<name>:<tag>`), its full normalized form, and what
 * the engine knows of the image when it has it.
 */
export function hoverText(analysis: DocumentAnalysis, { site, parsed }: AnalyzedSite, engine: EngineIndex | undefined, lineOf: (offset: number) => number): string {
  const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';
  switch (site.role) {
    case 'stage': {
      const name = site.value.toLowerCase();
      const stage = /^\d+$/.test(name) ? analysis.stages?.[Number(name)] : analysis.stages?.find((s) => s.name === name);
      return `Build stage ${code(site.value)}${stage ? `, the FROM on line ${lineOf(stage.offset) + 1}` : ''}: not an image.`;
    }
    case 'scratch':
      return '`scratch`: the empty image. Nothing is pulled.';
    case 'unresolved':
      return `${code(site.value)} depends on ${(site.variables ?? []).map(code).join(', ')}, unknown here: not checked.`;
    case 'empty':
      return '';
  }
  if (!parsed) return '';
  if (!parsed.valid) return `${code(site.value)} is not a valid image reference: ${parsed.error.message}.`;
  const parts = decomposeReference(parsed)!;
  const dash = '—';
  const lines: string[] = [];
  lines.push(`**${code(site.value)}** (${site.label})`, '');
  lines.push('`<registry>[:<port>]/[<namespace>/]<name>:<tag>`', '');
  lines.push('| part | value |', '| --- | --- |');
  lines.push(`| registry | ${parts.registry ? code(parts.registry) : dash}${parsed.spans.domain ? '' : ' (default)'} |`);
  lines.push(`| port | ${parts.port ? code(parts.port) : dash} |`);
  lines.push(`| namespace | ${parts.namespace ? code(parts.namespace) : dash} |`);
  lines.push(`| name | ${code(parts.name)} |`);
  lines.push(`| tag | ${parts.tag ? code(parts.tag) : parts.digest ? dash : '`latest` (implied)'} |`);
  lines.push(`| digest | ${parts.digest ? code(parts.digest) : dash} |`);
  lines.push('', `Full form: ${code(parsed.string + (parsed.tag || parsed.digest ? '' : ':latest'))}`);
  if (engine?.available) {
    const image = engine.find(parsed);
    lines.push('');
    if (!image) {
      lines.push('Not in the engine.');
    } else {
      const own = `${parsed.fullName}:${parsed.tag ?? 'latest'}`;
      const others = image.repoTags.filter((t) => {
        const p = parseReference(t, 'normalized');
        return p.valid && p.tag !== null && `${p.fullName}:${p.tag}` !== own;
      });
      lines.push('**In the engine**', '');
      lines.push(`- ID: ${code(image.id.replace(/^sha256:/, '').slice(0, 12))}`);
      lines.push(`- Size: ${formatBytes(image.size)}`);
      lines.push(`- Created: ${new Date(image.created * 1000).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}`);
      if (image.layers !== undefined) lines.push(`- Layers: ${image.layers}`);
      lines.push(`- Other tags: ${others.length ? others.map(code).join(', ') : 'none'}`);
    }
  }
  return lines.join('\n');
}

