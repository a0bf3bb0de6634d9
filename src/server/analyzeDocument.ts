import { parseReference } from '../reference';
import type { ReferenceResult } from '../reference/types';
import { extractCompose } from './extract/extractCompose';
import { extractDevcontainer } from './extract/extractDevcontainer';
import { extractDockerfile, type DockerfileStage } from './extract/extractDockerfile';
import { extractGithubWorkflow } from './extract/extractGithubWorkflow';
import { extractGitlabCi } from './extract/extractGitlabCi';
import { extractKubernetes } from './extract/extractKubernetes';
import { shiftSite, type ReferenceSite } from './extract/ReferenceSite';
import type { FileKind } from './fileKind';
import { readJsonc } from './yaml/readJsonc';
import { readYaml } from './yaml/readYaml';
import { splitYamlDocuments } from './yaml/splitYamlDocuments';
import type { YNode } from './yaml/YNode';

/** A site and the grammar's reading of it (only for sites that hold an image). */
export interface AnalyzedSite {
  readonly site: ReferenceSite;
  readonly parsed?: ReferenceResult;
}

export interface DocumentAnalysis {
  readonly kind: FileKind;
  readonly sites: AnalyzedSite[];
  /** Dockerfiles only. */
  readonly stages?: DockerfileStage[];
}

interface ChunkResult {
  /** Relative to the chunk's start. */
  readonly sites: AnalyzedSite[];
}

const YAML_EXTRACTORS: Record<Exclude<FileKind, 'dockerfile' | 'devcontainer'>, (docs: YNode[]) => ReferenceSite[]> = {
  compose: extractCompose,
  kubernetes: extractKubernetes,
  'github-workflow': extractGithubWorkflow,
  'gitlab-ci': extractGitlabCi,
};

/**
 * Finds and parses the image references of one document, remembering each YAML
 * document (`---` piece) it has read: after an edit only the pieces whose text changed
 * are read again, which is what keeps re-validation of a big manifest within a few
 * milliseconds. One analyzer per open document; the CLI uses a fresh one per file.
 */
export class DocumentAnalyzer {
  private chunks = new Map<string, ChunkResult>();

  constructor(readonly kind: FileKind) {}

  analyze(text: string): DocumentAnalysis {
    if (this.kind === 'dockerfile') {
      const { sites, stages } = extractDockerfile(text);
      return { kind: this.kind, sites: sites.map(analyzeSite), stages };
    }
    if (this.kind === 'devcontainer') {
      return { kind: this.kind, sites: extractDevcontainer(readJsonc(text)).map(analyzeSite) };
    }
    const extract = YAML_EXTRACTORS[this.kind];
    const previous = this.chunks;
    const next = new Map<string, ChunkResult>();
    const sites: AnalyzedSite[] = [];
    for (const chunk of splitYamlDocuments(text)) {
      let result = previous.get(chunk.text) ?? next.get(chunk.text);
      if (!result) result = { sites: extract(readYaml(chunk.text)).sort((a, b) => a.start - b.start).map(analyzeSite) };
      next.set(chunk.text, result);
      for (const a of result.sites) sites.push(chunk.start ? { site: shiftSite(a.site, chunk.start), parsed: a.parsed } : a);
    }
    this.chunks = next;
    return { kind: this.kind, sites };
  }
}

function analyzeSite(site: ReferenceSite): AnalyzedSite {
  return site.role === 'image' ? { site, parsed: parseReference(site.value, 'normalized') } : { site };
}
