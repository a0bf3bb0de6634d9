import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindsForEvent } from '../../../src/session/kindsForEvent';

const event = (type: string, action: string) => ({ type, action, id: 'x', time: 0 });

test('changes refresh the views they change; commits, creations and removals of containers the Images view too', () => {
  for (const a of ['tag', 'untag', 'delete', 'load', 'pull', 'push', 'import']) assert.deepEqual(kindsForEvent(event('image', a)), ['images'], a);
  for (const a of ['start', 'die', 'stop', 'rename', 'pause', 'extract-to-dir', 'exec_die']) assert.deepEqual(kindsForEvent(event('container', a)), ['containers'], a);
  for (const a of ['create', 'destroy', 'commit']) assert.deepEqual(kindsForEvent(event('container', a)), ['containers', 'images'], a);
  // The engine writes a health change's status after a colon.
  assert.deepEqual(kindsForEvent(event('container', 'health_status: unhealthy')), ['containers']);
});

test('reads refresh nothing, with or without the command Docker writes after exec actions', () => {
  assert.deepEqual(kindsForEvent(event('image', 'save')), []);
  for (const a of ['archive-path', 'export', 'top', 'resize', 'attach', 'detach', 'exec_create: /bin/sh -c ls', 'exec_start: /bin/sh', 'exec_detach']) {
    assert.deepEqual(kindsForEvent(event('container', a)), [], a);
  }
  assert.deepEqual(kindsForEvent(event('network', 'connect')), []);
});
