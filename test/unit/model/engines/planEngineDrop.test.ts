import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planEngineDrop } from '../../../../src/model/engines/planEngineDrop';

const first = { name: 'first', url: 'unix:///run/first.sock' };
const second = { name: 'second', url: 'unix:///run/second.sock' };

test('tags dragged from one engine onto another are copied there, each once', () => {
  const plan = planEngineDrop([{ from: first, references: ['app:1.0', 'app:2.0'] }, { from: first, references: ['app:1.0'] }], second);
  assert.deepEqual(plan, { kind: 'copy', from: first, to: second, references: ['app:1.0', 'app:2.0'] });
});

test('a drop onto the engine the image is already on copies nothing and says so', () => {
  const plan = planEngineDrop([{ from: first, references: ['app:1.0'] }], first);
  assert.equal(plan.kind, 'refuse');
  assert.equal(plan.kind === 'refuse' && plan.message, 'app:1.0 is already on first: nothing copied. Drop on another engine’s row to copy there.');
});

test('two names of one engine are one engine: no copy onto itself', () => {
  const alias = { name: 'first-by-url', url: first.url };
  const plan = planEngineDrop([{ from: first, references: ['a:1', 'b:1'] }], alias);
  assert.equal(plan.kind, 'refuse');
  assert.match(plan.kind === 'refuse' ? plan.message : '', /^2 images are already on first-by-url \(first and first-by-url are the same engine, unix:\/\/\/run\/first\.sock\)/);
});

test('rows of several engines at once, or no tags at all, are refused with the reason', () => {
  const mixed = planEngineDrop([{ from: first, references: ['a:1'] }, { from: second, references: ['b:1'] }], { name: 'third', url: 'tcp://h:2376' });
  assert.equal(mixed.kind, 'refuse');
  assert.match(mixed.kind === 'refuse' ? mixed.message : '', /several engines \(first, second\)/);
  const empty = planEngineDrop([{ from: first, references: [] }], second);
  assert.equal(empty.kind, 'refuse');
  assert.match(empty.kind === 'refuse' ? empty.message : '', /^Nothing to copy/);
});
