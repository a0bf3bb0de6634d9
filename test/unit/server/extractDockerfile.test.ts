import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDockerfile } from '../../../src/server/extract/extractDockerfile';
import { analyzeFixture, describeFindings, describeSites } from './siteHelpers';

test('Dockerfile: FROM with flags and ARG substitution, COPY --from, RUN --mount from, stages and scratch', () => {
  const { text, analysis } = analyzeFixture('app/Dockerfile');
  assert.deepEqual(describeSites(text, analysis), [
    'image golang:1.22-alpine @6:32-6:59 "golang:${GO_VERSION}-alpine"',
    'image Tools/Cache:v1 @12:58-12:72 "Tools/Cache:v1"',
    'unresolved ${BASE_REGISTRY}/debian:${DEBIAN_TAG} @15:6-15:43 "${BASE_REGISTRY}/debian:${DEBIAN_TAG}"',
    'image debian:bookworm-slim @17:6-17:36 "debian:${DEBIAN_TAG:-bookworm}"',
    'scratch scratch @22:6-22:13 "scratch"',
    'stage build @23:13-23:18 "build"',
    'stage certs @24:13-24:18 "certs"',
    'image nginx:latest @25:13-25:25 "nginx:latest"',
    'stage 0 @26:13-26:14 "0"',
  ]);
  assert.deepEqual(
    analysis.stages?.map((s) => s.name),
    ['build', 'runtime-base', 'certs', undefined],
  );
  // The uppercase C is pointed at inside the mount's from= value; the unknown BASE_REGISTRY is not reported.
  assert.deepEqual(describeFindings(text, analysis), ['error invalid @12:64-12:69 "Cache"', 'info latestTag @25:19-25:25 "latest"']);
});

test('Dockerfile: heredoc bodies are not instructions; a continued FROM maps to the next line', () => {
  const { text, analysis } = analyzeFixture('app/Dockerfile.dev');
  assert.deepEqual(describeSites(text, analysis), ['image node:20 @1:6-1:13 "node:20"', 'image Node:20-alpine @7:3-7:17 "Node:20-alpine"']);
  assert.deepEqual(describeFindings(text, analysis), ['error invalid @7:3-7:7 "Node"']);
});

test('Dockerfile: stage names are case-insensitive, later stages are not stages yet, $VAR and ${VAR:+x} forms', () => {
  const text = [
    'ARG REPO=library/alpine',
    'ARG TAG',
    'FROM $REPO:3.19 AS Base',
    'FROM base',
    'COPY --from=BASE / /',
    'COPY --from=later / /',
    'FROM alpine${TAG:+:$TAG}',
    'FROM later AS later',
  ].join('\n');
  const sites = extractDockerfile(text).sites.map((s) => `${s.role}:${s.value}:${s.exact}`);
  assert.deepEqual(sites, [
    'image:library/alpine:3.19:false',
    'stage:base:true',
    'stage:BASE:true',
    'image:later:true',
    'unresolved:alpine${TAG:+:$TAG}:false',
    'image:later:true',
  ]);
});

test('Dockerfile: the escape directive, comments inside continuations, CRLF line ends', () => {
  const text = '# escape=`\r\nFROM `\r\n# a comment\r\n  alpine:3.19 AS a\r\nRUN echo \\\r\nFROM nope\r\n';
  const sites = extractDockerfile(text).sites;
  // With ` as the escape character, the backslash does not continue RUN, so the next FROM is real.
  assert.deepEqual(
    sites.map((s) => [s.value, text.slice(s.start, s.end)]),
    [
      ['alpine:3.19', 'alpine:3.19'],
      ['nope', 'nope'],
    ],
  );
});
