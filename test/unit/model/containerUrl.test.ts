import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../src/engine/types';
import { containerHealth } from '../../../src/model/containerHealth';
import { containerUrl } from '../../../src/model/containerUrl';

const base: ContainerSummary = { id: 'x', name: 'web', image: 'i', imageId: 'sha256:1', state: 'running', status: 'Up', created: 0, ports: [], labels: {}, networks: [{ name: 'bridge', ip: '172.17.0.5' }] };

describe('containerUrl', () => {
  test('a published TCP port wins, on localhost when bound to every address', () => {
    assert.equal(containerUrl({ ...base, ports: [{ privatePort: 80, type: 'tcp' }, { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }] }), 'http://localhost:8080/');
    assert.equal(containerUrl({ ...base, ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '127.0.0.2' }] }), 'http://127.0.0.2:8080/');
    assert.equal(containerUrl({ ...base, ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::1' }] }), 'http://[::1]:8080/');
  });
  test("nothing published: the container's IP and exposed port, as the article curls it", () => {
    assert.equal(containerUrl({ ...base, ports: [{ privatePort: 53, type: 'udp' }, { privatePort: 80, type: 'tcp' }] }), 'http://172.17.0.5:80/');
  });
  test('no TCP port or no address: nothing to open', () => {
    assert.equal(containerUrl({ ...base, ports: [{ privatePort: 53, type: 'udp' }] }), undefined);
    assert.equal(containerUrl({ ...base, networks: [], ports: [{ privatePort: 80, type: 'tcp' }] }), undefined);
  });
});

describe('containerHealth', () => {
  test('read from the status text', () => {
    assert.equal(containerHealth('Up 3 minutes (healthy)'), 'healthy');
    assert.equal(containerHealth('Up 1 second (health: starting)'), 'starting');
    assert.equal(containerHealth('Up 2 hours (unhealthy)'), 'unhealthy');
    assert.equal(containerHealth('Exited (0) 2 minutes ago'), undefined);
  });
});
