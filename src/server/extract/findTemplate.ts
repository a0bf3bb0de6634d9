/**
 * The first templating expression in a word, or undefined: Go and Jinja `{{ … }}`,
 * Jinja `{% … %}`, and `${name:option}` as devcontainer templates write it
 * (`${templateOption:imageVariant}`; the builder itself would refuse it). A file holding
 * one is an input to a generator, not a Dockerfile yet, so the word is left unchecked.
 */
export function findTemplate(word: string): string | undefined {
  return /\{\{.*?\}\}|\{%.*?%\}|\$\{[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][^}]*\}|\{\{|\{%/.exec(word)?.[0];
}
