#!/usr/bin/env node
// Removes, from the test registry's storage, the repositories that test runs left
// behind more than MAX_AGE_HOURS ago. The registry API deletes manifests but never a
// repository's name, so every run's unique names stayed in /v2/_catalog: it had grown
// past 270 names, and a long catalog is what once broke the registry-browsing e2e test.
// Only names made by test/support/testEngine.ts uniqueName (`<prefix>-<pid>-<base36
// time>-<base36 random>`) are touched, and only once the time in the name is old
// enough that no run can still be using it; everything else is left alone.
// Usage: node scripts/prune-test-repositories.mjs <registry data root> [max age hours]
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

const UNIQUE = /^.+-\d+-([0-9a-z]{7,9})-[0-9a-z]{1,4}$/;
const [root, hours = '6'] = process.argv.slice(2);
if (!root) {
  console.error('usage: prune-test-repositories.mjs <registry data root> [max age hours]');
  process.exit(2);
}
const repositories = join(root, 'docker/registry/v2/repositories');
const oldest = Date.now() - Number(hours) * 3600_000;

/** Repository folders are the ones holding `_manifests`; names nest (`a/b/c`). */
function* repositoryFolders(dir, depth = 0) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  if (entries.some((e) => e.name === '_manifests')) {
    yield dir;
    return;
  }
  if (depth > 8) return;
  for (const e of entries) if (e.isDirectory() && !e.name.startsWith('_')) yield* repositoryFolders(join(dir, e.name), depth + 1);
}

let removed = 0;
for (const folder of repositoryFolders(repositories)) {
  const name = folder.slice(folder.lastIndexOf('/') + 1);
  const m = UNIQUE.exec(name);
  if (!m) continue;
  const made = parseInt(m[1], 36);
  // A time outside these years is no uniqueName time: leave the name alone.
  if (!(made > Date.UTC(2020, 0) && made < Date.now() + 86_400_000) || made > oldest) continue;
  if (!statSync(folder).isDirectory()) continue;
  rmSync(folder, { recursive: true, force: true });
  removed++;
  // Namespaces left empty go too, so nothing lingers under the repositories folder.
  for (let dir = dirname(folder); dir.length > repositories.length && readdirSync(dir).length === 0; dir = dirname(dir)) rmSync(dir, { recursive: true });
}
console.log(`registry: ${removed} repositories left by test runs over ${hours} h ago removed`);
