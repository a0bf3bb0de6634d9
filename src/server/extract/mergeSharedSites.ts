import type { ReferenceSite } from './ReferenceSite';

/**
 * One site per written value: a value shared through a YAML anchor (`<<: *defaults`,
 * `image: *base`) is found once per owner, at the same place. They become one site,
 * labelled with its first owner and naming all of them, so an invalid anchored value is
 * reported once. Sorted by position.
 */
export function mergeSharedSites(sites: ReferenceSite[]): ReferenceSite[] {
  sites.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: ReferenceSite[] = [];
  for (const site of sites) {
    const last = out[out.length - 1];
    if (last && last.start === site.start && last.end === site.end && last.value === site.value) {
      const usedBy = [...(last.usedBy ?? [last.label])];
      if (!usedBy.includes(site.label)) usedBy.push(site.label);
      // Built only if every owner builds it: one that pulls it makes the pull rules apply.
      out[out.length - 1] = { ...last, usedBy, built: last.built && site.built };
    } else out.push(site);
  }
  return out;
}
