export interface Substitution {
  readonly value: string;
  /** True when any variable was replaced. */
  readonly changed: boolean;
  /** Variables whose value is unknown here (declared without a default, or never declared). */
  readonly unresolved: string[];
}

/**
 * Replaces `$VAR`, `${VAR}`, `${VAR:-default}` / `${VAR-default}` and `${VAR:+alt}` /
 * `${VAR+alt}` the way the Dockerfile builder does, from `vars` (undefined value = declared
 * without a default). An unknown variable with a default takes the default.
 */
export function substituteVariables(input: string, vars: ReadonlyMap<string, string | undefined>): Substitution {
  if (!input.includes('$')) return { value: input, changed: false, unresolved: [] };
  const unresolved: string[] = [];
  const value = input.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_all, braced, op, word, bare) => {
    const name: string = braced ?? bare;
    const known = vars.get(name);
    if (!op) {
      if (known === undefined) unresolved.push(name);
      return known ?? '';
    }
    const set = op.startsWith(':') ? known !== undefined && known !== '' : known !== undefined;
    if (op.endsWith('-')) {
      if (set) return known!;
      const inner = substituteVariables(word ?? '', vars);
      unresolved.push(...inner.unresolved);
      return inner.value;
    }
    if (!set) {
      // Unknown rather than unset: the alternative may or may not apply.
      if (known === undefined) unresolved.push(name);
      return '';
    }
    const inner = substituteVariables(word ?? '', vars);
    unresolved.push(...inner.unresolved);
    return inner.value;
  });
  return { value, changed: true, unresolved };
}
