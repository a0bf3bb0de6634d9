/**
 * A count with its noun, in the right number: `1 change`, `3 changes`, `0 layers`.
 * Irregular nouns give their plural (`plural(2, 'entry', 'entries')`). Every count
 * a message shows goes through here, so none says "1 changes".
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
