import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalysisReport } from '../../../src/model/layers/analysisReport';
import { CiConfigError, evaluateCi, parseCiConfig } from '../../../src/model/layers/ciRules';
import { parseByteSize } from '../../../src/model/layers/parseByteSize';

test('sizes as .dive-ci writes them: decimal kB/MB/GB, binary KiB/MiB/GiB, plain bytes', () => {
  assert.equal(parseByteSize('20MB'), 20_000_000);
  assert.equal(parseByteSize('5 MiB'), 5 * 1024 * 1024);
  assert.equal(parseByteSize('1.5GB'), 1_500_000_000);
  assert.equal(parseByteSize('2048'), 2048);
  assert.equal(parseByteSize('20 parsecs'), undefined);
  assert.equal(parseByteSize('-1MB'), undefined);
});

test("dive's rules and Stowage's section are read; disabled rules and other sections are skipped", () => {
  const rules = parseCiConfig(
    'plugins: [x]\nrules:\n  # dive\n  lowestEfficiency: 0.95\n  highestWastedBytes: 20MB\n  highestUserWastedPercent: disabled\nstowage:\n  highestHiddenBytes: "1 MiB"\n',
    '.dive-ci',
  );
  assert.deepEqual(rules, [
    { section: 'rules', key: 'lowestEfficiency', threshold: 0.95 },
    { section: 'rules', key: 'highestWastedBytes', threshold: 20_000_000 },
    { section: 'stowage', key: 'highestHiddenBytes', threshold: 1024 * 1024 },
  ]);
});

test('a wrong key or value names the file and line', () => {
  assert.throws(() => parseCiConfig('rules:\n  lowestEfficency: 0.9\n', 'ci.yml'), (e: Error) => e instanceof CiConfigError && /^ci\.yml:2: unknown key `lowestEfficency` under `rules:`/.test(e.message));
  assert.throws(() => parseCiConfig('stowage:\n  highestHiddenBytes: lots\n', 'ci.yml'), /ci\.yml:2: `highestHiddenBytes` is "lots"; expected a size such as 20MB/);
  assert.throws(() => parseCiConfig('rules:\n  highestUserWastedPercent: 20\n', 'ci.yml'), /ci\.yml:2: .*a fraction from 0 to 1 is expected \(0\.9, not 90\)/);
});

test('lowest* rules fail below the threshold, highest* above it; equal passes', () => {
  const report = { efficiency: 0.5, hiddenBytes: 100, dive: { efficiency: 0.9, wastedBytes: 100, userWastedPercent: 0.1 } } as AnalysisReport;
  const results = evaluateCi(report, [
    { section: 'rules', key: 'lowestEfficiency', threshold: 0.9 },
    { section: 'rules', key: 'highestWastedBytes', threshold: 99 },
    { section: 'rules', key: 'highestUserWastedPercent', threshold: 0.1 },
    { section: 'stowage', key: 'lowestEfficiency', threshold: 0.6 },
    { section: 'stowage', key: 'highestHiddenBytes', threshold: 100 },
  ]);
  assert.deepEqual(results.map((r) => [r.key, r.value, r.passed]), [
    ['lowestEfficiency', 0.9, true],
    ['highestWastedBytes', 100, false],
    ['highestUserWastedPercent', 0.1, true],
    ['lowestEfficiency', 0.5, false],
    ['highestHiddenBytes', 100, true],
  ]);
});
