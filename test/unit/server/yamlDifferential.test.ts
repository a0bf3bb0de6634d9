import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractAzurePipelines } from '../../../src/server/extract/extractAzurePipelines';
import { extractCiImages, extractCircleCi } from '../../../src/server/extract/extractCiImages';
import { extractCompose } from '../../../src/server/extract/extractCompose';
import { extractGithubAction } from '../../../src/server/extract/extractGithubAction';
import { extractGithubWorkflow } from '../../../src/server/extract/extractGithubWorkflow';
import { extractGitlabCi } from '../../../src/server/extract/extractGitlabCi';
import { extractHelmValues } from '../../../src/server/extract/extractHelmValues';
import { extractYamlByContent } from '../../../src/server/extract/extractYamlByContent';
import { mergeSharedSites } from '../../../src/server/extract/mergeSharedSites';
import type { ReferenceSite } from '../../../src/server/extract/ReferenceSite';
import { readSimpleYaml } from '../../../src/server/yaml/readSimpleYaml';
import { readYamlWithLibrary } from '../../../src/server/yaml/readYamlWithLibrary';
import type { YNode } from '../../../src/server/yaml/YNode';
import { seededRandom } from '../../support/seededRandom';

/**
 * Differential test of the fast YAML reader against the yaml library: thousands of
 * generated documents mixing block and flow collections, anchors, aliases, merge keys,
 * tags, every scalar style, comments and odd indentation. Whenever the fast reader
 * answers, its tree and every extractor's sites (values and ranges) must be exactly the
 * library path's; otherwise it must decline (undefined), never guess.
 */

const EXTRACTORS: Array<[string, (docs: YNode[]) => ReferenceSite[]]> = [
  ['compose', extractCompose],
  ['yaml', extractYamlByContent],
  ['github-workflow', extractGithubWorkflow],
  ['github-action', extractGithubAction],
  ['gitlab-ci', extractGitlabCi],
  ['helm-values', extractHelmValues],
  ['circleci', extractCircleCi],
  ['ci', extractCiImages],
  ['azure', extractAzurePipelines],
];


const KEYS = ['image', 'services', 'name', 'containers', 'initContainers', 'spec', 'template', 'items', 'steps', 'docker', 'container', 'script', 'jobs', 'runs', 'uses', 'repository', 'tag', 'registry', 'digest', 'entrypoint', 'web', 'db', 'build', 'a', 'b', '<<', 'templates', 'sidecars', 'resources'];
const VALUES = ['docker.io/redis', 'Postgres:16', 'nginx:1.25', 'ruby:3.3', 'docker://alpine:3', 'a b', '1.10', 'true', '~', 'null', 'x#y', 'redis:7 # c', 'a:b', '${VAR}', '{{ .Values.x }}', 'it', '-x', ':x', '?x', 'x: y', 'busybox', 'Ubuntu', 'ghcr.io/o/app@sha256:abc', '', 'é', 'a,b', 'a[0]', 'a}', 'a]', '@x', '`x', '%x', '!x', '&x', '*x', '|', '>', 'x\\y', 'x"y', "x'y"];

/** Values in the documents that keep to what the fast reader reads (half of them). */
const TAME_VALUES = VALUES.filter((v) => /^[\w./:@${} -]*$/.test(v) && !/^[-:?]|: | #/.test(v));

class Gen {
  private anchors: string[] = [];
  private readonly values: readonly string[];
  constructor(
    private readonly r: () => number,
    private readonly wild: boolean,
  ) {
    this.values = wild ? VALUES : TAME_VALUES;
  }

  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }

  document(): string {
    this.anchors = [];
    const lines: string[] = [];
    if (this.chance(0.2)) lines.push(this.pick(['---', '# head', '--- # c', '']));
    const shaped = this.chance(0.6);
    if (shaped) this.shaped(lines);
    this.block(lines, 0, 0, shaped || this.chance(0.8) ? 'map' : 'seq');
    if (this.chance(0.1)) lines.push(this.pick(['...', '# tail', '   ', '\t']));
    return lines.join(this.chance(0.1) ? '\r\n' : '\n') + (this.chance(0.8) ? '\n' : '');
  }

  /** Where the extractors look: Compose, GitLab, Kubernetes, Helm, GitHub shapes with random values. */
  private shaped(lines: string[]): void {
    const v = () => (this.chance(0.7) ? this.scalar() : this.flow(0));
    const image = (pad: string) => {
      if (this.chance(0.15)) this.blockScalar(lines, `${pad}image: `, pad.length);
      else lines.push(`${pad}image: ${v()}${this.comment()}`);
    };
    switch (this.pick(['compose', 'gitlab', 'k8s', 'helm', 'github'])) {
      case 'compose':
        lines.push('services:', '  web:');
        image('    ');
        lines.push('  db:');
        image('    ');
        break;
      case 'gitlab':
        lines.push('job:');
        image('  ');
        lines.push(`  services: ${this.flow(0)}`);
        break;
      case 'k8s':
        lines.push('apiVersion: v1', `kind: ${this.pick(['Pod', 'Prometheus'])}`, 'spec:', '  containers:', '  - name: a');
        image('    ');
        if (this.chance(0.5)) lines.push(`  - ${this.flow(0)}`);
        break;
      case 'helm':
        lines.push('image:', `  repository: ${this.scalar()}`, `  tag: ${this.scalar()}`);
        break;
      default:
        lines.push('runs:', `  image: ${v()}`, 'jobs:', '  b:', `    container: ${v()}`);
    }
  }

  private indentStep(): number {
    return this.pick([2, 2, 2, 4, 1, 3]);
  }

  block(lines: string[], indent: number, depth: number, shape: 'map' | 'seq'): void {
    const pad = ' '.repeat(indent);
    const n = 1 + Math.floor(this.r() * 4);
    for (let i = 0; i < n; i++) {
      if (this.chance(0.08)) lines.push(this.pick(['', `${pad}# comment`, '#x', `${pad}  # deeper comment`]));
      const head = shape === 'map' ? `${pad}${this.key()}:` : `${pad}-`;
      this.value(lines, head, indent, depth, shape);
    }
  }

  private key(): string {
    const k = this.pick(KEYS);
    if (this.chance(0.08)) return `"${k}"`;
    if (this.chance(0.04)) return `'${k}'`;
    return k;
  }

  private value(lines: string[], head: string, indent: number, depth: number, owner: 'map' | 'seq'): void {
    const roll = this.r();
    const deeper = depth < 5;
    const sep = this.chance(0.05) ? '  ' : ' ';
    const prop = this.props();
    if (roll < 0.35 || !deeper) {
      lines.push(`${head}${sep}${prop}${this.scalar()}${this.comment()}`);
    } else if (roll < 0.5) {
      lines.push(`${head}${sep}${prop}${this.flow(0)}${this.comment()}`);
    } else if (roll < 0.57) {
      this.blockScalar(lines, `${head}${sep}${prop}`, indent);
    } else if (roll < 0.62 && this.anchors.length && this.wild) {
      lines.push(`${head}${sep}*${this.pick(this.anchors)}${this.comment()}`);
    } else if (roll < 0.65 && this.wild) {
      lines.push(`${head}${sep}${this.pick(['!reference [.defaults, image]', '!!str nginx:1', '!Ref x', '!reference [.x, services]'])}`);
    } else if (roll < 0.68) {
      lines.push(`${head}${this.pick(['', ' ', ' # empty', ' ~'])}`);
    } else if (roll < 0.74 && owner === 'seq') {
      // A compact mapping in a sequence item: `- key: value` then the rest of the mapping.
      const col = indent + 2;
      lines.push(`${head} ${this.key()}: ${this.scalar()}`);
      if (this.chance(0.7)) this.block(lines, col, depth + 1, 'map');
    } else if (roll < 0.77 && owner === 'seq') {
      lines.push(`${head} - ${this.scalar()}`);
      if (this.chance(0.5)) lines.push(`${' '.repeat(indent + 2)}- ${this.scalar()}`);
    } else {
      lines.push(`${head}${prop ? sep + prop.trimEnd() : ''}${this.comment()}`);
      const shape = this.chance(0.6) ? 'map' : 'seq';
      // Kubernetes style: a sequence at its key's own indentation.
      const inner = shape === 'seq' && owner === 'map' && this.chance(0.5) ? indent : indent + this.indentStep();
      this.block(lines, inner, depth + 1, shape);
    }
  }

  private props(): string {
    if (!this.wild || !this.chance(0.1)) return '';
    const name = `a${this.anchors.length}`;
    this.anchors.push(name);
    return `&${name} `;
  }

  private comment(): string {
    return this.chance(0.1) ? this.pick([' # c', '  #c', ' #', '\t# t']) : '';
  }

  scalar(): string {
    const v = this.pick(this.values);
    const style = this.r();
    if (style < 0.55) return v;
    if (style < 0.75) return `"${this.chance(0.1) && this.wild ? v + '\\n' : v.replace(/"/g, '')}"`;
    if (style < 0.9 || !this.wild) return `'${this.chance(0.1) && this.wild ? v + "''s" : v.replace(/'/g, '')}'`;
    return `${v} ${this.pick(['more', '# c', ': x', 'x'])}`;
  }

  private flow(depth: number): string {
    const open = this.chance(0.5);
    const n = Math.floor(this.r() * 4);
    const parts: string[] = [];
    for (let i = 0; i < n; i++) {
      const inner = depth < 3 && this.chance(0.25) ? this.flow(depth + 1) : this.flowScalar();
      parts.push(open ? inner : `${this.flowKey()}:${this.pick(this.wild ? [' ', ' ', '', '  '] : [' ', '  '])}${this.chance(0.05) && this.wild ? '' : inner}`);
    }
    const sp = this.chance(0.5) ? ' ' : '';
    const trailing = n && this.chance(0.1) ? ',' : '';
    const body = parts.join(this.pick([', ', ',', ' , ']));
    const text = open ? `[${sp}${body}${trailing}${sp}]` : `{${sp}${body}${trailing}${sp}}`;
    return this.chance(0.03) && this.wild ? text.replace(', ', ',\n    ') : text;
  }

  private flowKey(): string {
    const k = this.pick(KEYS);
    return this.chance(0.1) ? `"${k}"` : k;
  }

  private flowScalar(): string {
    const v = this.pick(this.values);
    const style = this.r();
    if (style < 0.6) return v;
    if (style < 0.85) return `"${v.replace(/"/g, '')}"`;
    return `'${v.replace(/'/g, '')}'`;
  }

  private blockScalar(lines: string[], head: string, indent: number): void {
    const header = this.pick(this.wild ? ['|', '>', '|-', '>-', '|+', '>+', '|2', '>-  # c'] : ['|', '>', '|-', '>-', '|+', '>+', '>-  # c']);
    lines.push(`${head}${header}`);
    const pad = ' '.repeat(indent + this.pick([2, 2, 4, 1]));
    if (this.chance(0.1)) lines.push('');
    const n = 1 + Math.floor(this.r() * 3);
    for (let i = 0; i < n; i++) {
      const extra = this.chance(0.15) ? '  ' : '';
      lines.push(`${pad}${extra}${this.pick(this.values)}`);
      if (this.chance(0.1)) lines.push(this.pick(['', pad, ' ']));
    }
    if (this.wild && this.chance(0.05)) lines.push(`${' '.repeat(indent + 1)}less`);
  }
}

function comparable(node: YNode | undefined | null): unknown {
  if (!node) return node;
  switch (node.kind) {
    case 'map':
      return { map: node.pairs.map((p) => [p.key, p.keyStart, comparable(p.value)]) };
    case 'seq':
      return { seq: node.items.map(comparable) };
    case 'scalar':
      return [node.value, node.start, node.end, node.exact];
    default:
      // The two readers place an empty value's completion slot differently on purpose.
      return node.kind;
  }
}

function sites(docs: YNode[]): unknown {
  return EXTRACTORS.map(([name, extract]) => [
    name,
    mergeSharedSites(extract(docs)).map((s) => (s.role === 'empty' ? [s.label, 'empty'] : [s.label, s.value, s.start, s.end, s.exact, s.role, s.usedBy])),
  ]);
}

export function sample(seed: number): string {
  return new Gen(seededRandom(seed), seed % 2 === 0).document();
}

test('the fast YAML reader gives exactly the yaml library path’s trees and sites, or declines', () => {
  const seeds = 2000;
  let accepted = 0;
  let withSites = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const text = new Gen(seededRandom(seed), seed % 2 === 0).document();
    const fast = readSimpleYaml(text);
    if (fast === undefined) continue;
    accepted++;
    const lib = readYamlWithLibrary(text);
    const fastDocs = fast === null ? [] : [fast];
    // The fast reader reads one document; a library reading of several means it should have declined.
    assert.ok(lib.length <= 1, `seed ${seed}: the library found ${lib.length} documents\n${text}`);
    assert.deepEqual(comparable(fast), comparable(lib[0] ?? null), `seed ${seed}: trees differ\n${text}`);
    const fastSites = sites(fastDocs);
    assert.deepEqual(fastSites, sites(lib), `seed ${seed}: sites differ\n${text}`);
    if (EXTRACTORS.some(([, e]) => e(fastDocs).length)) withSites++;
  }
  // Both paths are exercised: a generator the fast reader always declined would prove nothing.
  assert.ok(accepted > seeds * 0.25, `the fast reader accepted only ${accepted} of ${seeds}`);
  assert.ok(accepted < seeds * 0.9, `the fast reader declined only ${seeds - accepted} of ${seeds}`);
  assert.ok(withSites > accepted * 0.2, `only ${withSites} accepted documents had sites`);
});
