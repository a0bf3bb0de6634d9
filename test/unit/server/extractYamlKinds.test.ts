import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeFixture, describeFindings, describeSites } from './siteHelpers';

test('Compose: services.*.image, quoted, digests, interpolation left alone', () => {
  const { text, analysis } = analyzeFixture('compose.yaml');
  assert.deepEqual(describeSites(text, analysis), [
    'image nginx:1.25-alpine @5:12-5:29 "nginx:1.25-alpine"',
    'image registry.example.com:5000/shop/api:2.3.1 @11:12-11:52 "registry.example.com:5000/shop/api:2.3.1"',
    'image postgres@sha256:8e6d1b0c5a2f4e3d9c7b1a0f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b @13:13-13:93 "postgres@sha256:8e6d1b0c5a2f4e3d9c7b1a0f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b"',
    'image redis @17:12-17:17 "redis"',
    'unresolved ${WORKER_IMAGE:-shop/worker:dev} @19:12-19:44 "${WORKER_IMAGE:-shop/worker:dev}"',
    'image shop/Worker:1.0 @21:13-21:28 "shop/Worker:1.0"',
  ]);
  // One reference is pinned, so the tagged ones without a digest are `unpinned`; not api's,
  // which names what its build makes (nothing is pulled, there is no digest to pin yet).
  assert.deepEqual(describeFindings(text, analysis), [
    'info unpinned @5:12-5:29 "nginx:1.25-alpine"',
    'warning untagged @17:12-17:17 "redis"',
    'error invalid @21:18-21:24 "Worker"',
  ]);
  const override = analyzeFixture('tools/docker-compose.override.yml');
  assert.deepEqual(describeSites(override.text, override.analysis), ['image busybox:1.36 @3:12-3:24 "busybox:1.36"']);
});

test('Kubernetes: containers, initContainers, ephemeralContainers in Deployment, CronJob and Pod; not ConfigMap data', () => {
  const { text, analysis } = analyzeFixture('k8s/app.yaml');
  assert.deepEqual(describeSites(text, analysis), [
    'image registry.example.com/shop/migrate:1.4 @21:16-21:53 "registry.example.com/shop/migrate:1.4"',
    'image nginx:latest @25:18-25:30 "nginx:latest"',
    'image busybox @29:19-29:26 "busybox"',
    'image shop/report:2024.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef @51:20-51:110 "shop/report:2024.1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"',
    'image alpine:3.19 @60:12-60:23 "alpine:3.19"',
    'image library/BusyBox:1.36 @63:12-63:32 "library/BusyBox:1.36"',
  ]);
  assert.deepEqual(
    analysis.sites.map(({ site }) => site.label),
    ['Deployment init container migrate', 'Deployment container web', 'Deployment container sidecar', 'CronJob container report', 'Pod container shell', 'Pod ephemeral container probe'],
  );
  assert.deepEqual(describeFindings(text, analysis), [
    'info unpinned @21:16-21:53 "registry.example.com/shop/migrate:1.4"',
    'info latestTag @25:24-25:30 "latest"',
    'info unpinned @25:18-25:30 "nginx:latest"',
    'warning untagged @29:19-29:26 "busybox"',
    'info unpinned @60:12-60:23 "alpine:3.19"',
    'error invalid @63:20-63:27 "BusyBox"',
  ]);
});

test('Kubernetes: anchors and tags are read by the yaml library with the same ranges', () => {
  const { text, analysis } = analyzeFixture('k8s/anchors.yml');
  assert.deepEqual(describeSites(text, analysis), [
    'image postgres:16 @11:18-11:29 "postgres:16"',
    'image quay.io/prometheuscommunity/postgres-exporter:v0.15.0 @13:24-13:77 "quay.io/prometheuscommunity/postgres-exporter:v0.15.0"',
  ]);
});

test('devcontainer.json (jsonc, trailing commas) and .devcontainer.json', () => {
  const a = analyzeFixture('.devcontainer/devcontainer.json');
  assert.deepEqual(describeSites(a.text, a.analysis), [
    'image mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm @4:13-4:74 "mcr.microsoft.com/devcontainers/typescript-node:1-20-bookworm"',
  ]);
  const b = analyzeFixture('web/.devcontainer.json');
  assert.deepEqual(describeSites(b.text, b.analysis), ['image node @1:13-1:17 "node"']);
  assert.deepEqual(describeFindings(b.text, b.analysis), ['warning untagged @1:13-1:17 "node"']);
});

test('GitHub Actions: job container (string and .image), services, uses: docker://', () => {
  const { text, analysis } = analyzeFixture('.github/workflows/ci.yml');
  assert.deepEqual(describeSites(text, analysis), [
    'image node:20-bookworm @6:16-6:32 "node:20-bookworm"',
    'image postgres:16 @9:16-9:27 "postgres:16"',
    'image redis:latest @13:16-13:28 "redis:latest"',
    'image alpine:3.19 @16:24-16:35 "alpine:3.19"',
    'image Alpine:3.19 @19:24-19:35 "Alpine:3.19"',
    'unresolved ${{ matrix.image }} @26:14-26:33 "${{ matrix.image }}"',
  ]);
  assert.deepEqual(describeFindings(text, analysis), ['info latestTag @13:22-13:28 "latest"', 'error invalid @19:24-19:30 "Alpine"']);
});

test('GitLab CI: image and services (string or name:), top level, default and per job', () => {
  const { text, analysis } = analyzeFixture('.gitlab-ci.yml');
  assert.deepEqual(describeSites(text, analysis), [
    'image ruby:3.3 @1:8-1:16 "ruby:3.3"',
    'image postgres:16 @4:5-4:16 "postgres:16"',
    'image redis:7 @5:11-5:18 "redis:7"',
    'image ruby:3.3-slim @12:10-12:23 "ruby:3.3-slim"',
    'image registry.gitlab.com/group/project/ci:latest @16:11-16:54 "registry.gitlab.com/group/project/ci:latest"',
    'image docker:24-dind @19:13-19:27 "docker:24-dind"',
    'unresolved $CI_REGISTRY_IMAGE/builder:$CI_COMMIT_SHA @24:10-24:51 "$CI_REGISTRY_IMAGE/builder:$CI_COMMIT_SHA"',
    'image alpine @29:10-29:16 "alpine"',
  ]);
  assert.deepEqual(describeFindings(text, analysis), ['info latestTag @16:48-16:54 "latest"', 'warning untagged @29:10-29:16 "alpine"']);
});
