import { parseReference } from '../reference';
import type { ReferenceResult } from '../reference/types';
import { extractCompose } from './extract/extractCompose';
import { extractDevcontainer } from './extract/extractDevcontainer';
import { extractDockerfile, type DockerfileStage } from './extract/extractDockerfile';
import { extractGithubWorkflow } from './extract/extractGithubWorkflow';
import { extractGitlabCi } from './extract/extractGitlabCi';
import { extractAzurePipelines } from './extract/extractAzurePipelines';
import { extractCiImages, extractCircleCi } from './extract/extractCiImages';
import { extractGithubAction } from './extract/extractGithubAction';
import { extractHelmValues } from './extract/extractHelmValues';
import { extractJenkinsfile } from './extract/extractJenkinsfile';
import { extractYamlByContent } from './extract/extractYamlByContent';
import { mergeSharedSites } from './extract/mergeSharedSites';
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

type YamlKind = Exclude<FileKind, 'dockerfile' | 'devcontainer' | 'jenkinsfile'>;

/**
 * Each YAML kind's extractor, and a word every document holding one of its references
 * contains: a document without it is not read at all, which is what makes the many
 * YAML files that name no image (schemas, CRDs, configuration) cost next to nothing.
 */
const YAML_EXTRACTORS: Record<YamlKind, { extract: (docs: YNode[]) => ReferenceSite[]; mayHold: RegExp }> = {
  compose: { extract: extractCompose, mayHold: /image/ },
  yaml: { extract: extractYamlByContent, mayHold: /image|services/ },
  'github-workflow': { extract: extractGithubWorkflow, mayHold: /image|container|docker:/ },
  'github-action': { extract: extractGithubAction, mayHold: /docker:/ },
  'gitlab-ci': { extract: extractGitlabCi, mayHold: /image|services/ },
  'helm-values': { extract: extractHelmValues, mayHold: /image/ },
  circleci: { extract: extractCircleCi, mayHold: /docker/ },
  'bitbucket-pipelines': { extract: extractCiImages, mayHold: /image/ },
  drone: { extract: extractCiImages, mayHold: /image/ },
  'azure-pipelines': { extract: extractAzurePipelines, mayHold: /container|services/ },
};

/** A CustomResourceDefinition describes a schema (its `image` keys are property names): never read. */
const SCHEMA_DOCUMENT = /^kind:[ \t]*["']?CustomResourceDefinition["']?[ \t]*(#.*)?\r?$/m;

/** The sites of one YAML document: none without a candidate word, shared values merged. */
function readChunk(text: string, kind: YamlKind): ReferenceSite[] {
  const { extract, mayHold } = YAML_EXTRACTORS[kind];
  if (!mayHold.test(text)) return [];
  if (kind === 'yaml' && SCHEMA_DOCUMENT.test(text)) return [];
  return mergeSharedSites(extract(readYaml(text)));
}

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
    if (this.kind === 'jenkinsfile') {
      return { kind: this.kind, sites: extractJenkinsfile(text).map(analyzeSite) };
    }
    const kind = this.kind;
    const previous = this.chunks;
    const next = new Map<string, ChunkResult>();
    const sites: AnalyzedSite[] = [];
    for (const chunk of splitYamlDocuments(text)) {
      let result = previous.get(chunk.text) ?? next.get(chunk.text);
      if (!result) result = { sites: readChunk(chunk.text, kind).map(analyzeSite) };
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
