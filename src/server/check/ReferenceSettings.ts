/** How loudly a rule speaks; `off` silences it. */
export type RuleLevel = 'off' | 'hint' | 'info' | 'warning';

export type RuleName = 'untagged' | 'latestTag' | 'unpinned';

/** The `stowage.references` settings, as the server reads them per document. */
export interface ReferenceSettings {
  readonly enable: boolean;
  readonly rules: Readonly<Record<RuleName, RuleLevel>>;
}

export const RULE_NAMES: readonly RuleName[] = ['untagged', 'latestTag', 'unpinned'];

/** Keep in step with package.json's contributes.configuration defaults. */
export const DEFAULT_SETTINGS: ReferenceSettings = {
  enable: true,
  rules: { untagged: 'warning', latestTag: 'info', unpinned: 'info' },
};

const LEVELS: readonly RuleLevel[] = ['off', 'hint', 'info', 'warning'];

export function isRuleLevel(v: unknown): v is RuleLevel {
  return typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
}

/** Settings from whatever the client sent (null, partial, or with bad values): defaults fill the gaps. */
export function toReferenceSettings(raw: unknown): ReferenceSettings {
  const o = (raw && typeof raw === 'object' ? raw : {}) as { enable?: unknown; rules?: Record<string, unknown> };
  const rules = { ...DEFAULT_SETTINGS.rules };
  for (const name of RULE_NAMES) {
    const v = o.rules?.[name];
    if (isRuleLevel(v)) rules[name] = v;
  }
  return { enable: typeof o.enable === 'boolean' ? o.enable : DEFAULT_SETTINGS.enable, rules };
}
