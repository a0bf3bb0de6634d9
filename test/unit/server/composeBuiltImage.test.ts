import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentAnalyzer } from '../../../src/server/analyzeDocument';
import { describeFindings } from './siteHelpers';

// Found on docker/awesome-compose: `image: etl-kafka` beside `build:` was reported as "no tag, so
// it means etl-kafka:latest: whatever that is when it is pulled". Compose builds that image and
// tags it with that name; nothing is pulled. The name is still checked against the grammar.
test('a Compose image beside build names what is built: the pull rules stay quiet, the grammar does not', () => {
  const text = [
    'x-shared: &shared',
    '  image: shared-app',
    'services:',
    '  etl:',
    '    image: etl-kafka',
    '    build:',
    '      context: etl',
    '  web:',
    '    image: web:latest',
    '    build: .',
    '  bad:',
    '    image: Bad/Name',
    '    build: .',
    '  db:',
    '    image: postgres',
    '  one:',
    '    <<: *shared',
    '    build: .',
    '  two:',
    '    <<: *shared',
    '',
  ].join('\n');
  const analysis = new DocumentAnalyzer('compose').analyze(text);
  assert.deepEqual(describeFindings(text, analysis), [
    // Shared by a service that builds it and one that pulls it: the pull rules apply.
    'warning untagged @2:10-2:20 "shared-app"',
    'error invalid @12:16-12:20 "Name"',
    'warning untagged @15:12-15:20 "postgres"',
  ]);
});
