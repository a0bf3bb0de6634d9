import { readYaml } from '../../server/yaml/readYaml';
import type { YNode } from '../../server/yaml/YNode';
import type { AnalysisReport } from './analysisReport';
import { parseByteSize } from './parseByteSize';

export interface CiRule {
  /** `rules` (dive's keys, on dive's figures) or `stowage` (Stowage's keys, on its own figures). */
  readonly section: 'rules' | 'stowage';
  readonly key: string;
  readonly threshold: number;
}

export interface CiResult extends CiRule {
  readonly value: number;
  readonly passed: boolean;
}

interface RuleKind {
  /** What the threshold is: a fraction from 0 to 1, or a byte count. */
  readonly unit: 'fraction' | 'bytes';
  /** `min`: the value must be at least the threshold; `max`: at most. */
  readonly bound: 'min' | 'max';
  readonly value: (r: AnalysisReport) => number;
}

const RULES: Record<CiRule['section'], Record<string, RuleKind>> = {
  rules: {
    lowestEfficiency: { unit: 'fraction', bound: 'min', value: (r) => r.dive.efficiency },
    highestWastedBytes: { unit: 'bytes', bound: 'max', value: (r) => r.dive.wastedBytes },
    highestUserWastedPercent: { unit: 'fraction', bound: 'max', value: (r) => r.dive.userWastedPercent },
  },
  stowage: {
    lowestEfficiency: { unit: 'fraction', bound: 'min', value: (r) => r.efficiency },
    highestHiddenBytes: { unit: 'bytes', bound: 'max', value: (r) => r.hiddenBytes },
  },
};

/** dive's own defaults when no `.dive-ci` is found. */
export const DEFAULT_RULES: readonly CiRule[] = [
  { section: 'rules', key: 'lowestEfficiency', threshold: 0.9 },
  { section: 'rules', key: 'highestUserWastedPercent', threshold: 0.1 },
];

export class CiConfigError extends Error {
  override name = 'CiConfigError';
}

/**
 * Reads `.dive-ci`: dive's `rules:` section (lowestEfficiency, highestWastedBytes,
 * highestUserWastedPercent) and Stowage's `stowage:` section (lowestEfficiency,
 * highestHiddenBytes). A rule set to `disabled` is skipped, as in dive. Anything
 * else is an error naming the file, line and key.
 */
export function parseCiConfig(text: string, file: string): CiRule[] {
  const line = (offset: number) => text.slice(0, offset).split('\n').length;
  const fail = (offset: number, message: string): never => {
    throw new CiConfigError(`${file}:${line(offset)}: ${message}`);
  };
  let docs: YNode[];
  try {
    docs = readYaml(text);
  } catch (err) {
    throw new CiConfigError(`${file}: not readable as YAML (${(err as Error).message})`);
  }
  const top = docs[0];
  if (!top || top.kind === 'null') return [];
  if (top.kind !== 'map') return fail(top.start, 'expected sections `rules:` and `stowage:`');
  const out: CiRule[] = [];
  for (const section of top.pairs) {
    if (section.key !== 'rules' && section.key !== 'stowage') continue;
    const kinds = RULES[section.key];
    if (section.value.kind === 'null') continue;
    if (section.value.kind !== 'map') return fail(section.keyStart, `\`${section.key}:\` must hold keys such as ${Object.keys(kinds).join(', ')}`);
    for (const pair of section.value.pairs) {
      const kind = kinds[pair.key];
      if (!kind) return fail(pair.keyStart, `unknown key \`${pair.key}\` under \`${section.key}:\` (known: ${Object.keys(kinds).join(', ')})`);
      if (pair.value.kind !== 'scalar') return fail(pair.keyStart, `\`${pair.key}\` needs a value`);
      const raw = pair.value.value.trim();
      if (raw.toLowerCase() === 'disabled') continue;
      const threshold = kind.unit === 'bytes' ? parseByteSize(raw) : /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : undefined;
      if (threshold === undefined) {
        return fail(pair.value.start, `\`${pair.key}\` is ${JSON.stringify(raw)}; expected ${kind.unit === 'bytes' ? 'a size such as 20MB or 5MiB' : 'a fraction from 0 to 1'}, or disabled`);
      }
      if (kind.unit === 'fraction' && threshold > 1) return fail(pair.value.start, `\`${pair.key}\` is ${raw}; a fraction from 0 to 1 is expected (0.9, not 90)`);
      out.push({ section: section.key, key: pair.key, threshold });
    }
  }
  return out;
}

export function evaluateCi(report: AnalysisReport, rules: readonly CiRule[]): CiResult[] {
  return rules.map((rule) => {
    const kind = RULES[rule.section][rule.key];
    const value = kind.value(report);
    return { ...rule, value, passed: kind.bound === 'min' ? value >= rule.threshold : value <= rule.threshold };
  });
}
