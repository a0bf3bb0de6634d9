import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commitQuery } from '../../../src/engine/commit/commitQuery';
import { InputError } from '../../../src/engine/images/InputError';

function refused(fn: () => unknown, field: string, problem: RegExp, span: [number, number]): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.field, field);
    assert.match(err.problem, problem);
    assert.deepEqual([err.start, err.end], span);
    assert.match(err.message, err.input ? new RegExp(`^Invalid ${field} ".*": .* \\(at character ${span[0] + 1}`) : /\(it is empty\)$/);
    return true;
  });
}

test('the article example: every docker commit option, each change its own value, pause on by default', () => {
  const q = commitQuery('b1', {
    repository: 'me/busybox',
    tag: 'v0.2',
    author: 'Ada <ada@example.com>',
    message: 'serve /data/html',
    changes: ['CMD ["/bin/httpd","-f","-h","/data/html"]', 'EXPOSE 80'],
  });
  assert.deepEqual(q, {
    container: 'b1',
    pause: 'true',
    repo: 'me/busybox',
    tag: 'v0.2',
    author: 'Ada <ada@example.com>',
    comment: 'serve /data/html',
    changes: ['CMD ["/bin/httpd","-f","-h","/data/html"]', 'EXPOSE 80'],
  });
  assert.deepEqual(commitQuery('b1', { pause: false }), { container: 'b1', pause: 'false' });
  assert.deepEqual(commitQuery('/b1'), { container: '/b1', pause: 'true' }, 'no repository: <none>:<none>');
});

test('bad names, tags and changes are refused with field and position', () => {
  refused(() => commitQuery('b 1'), 'container', /" " cannot be in a container name/, [1, 2]);
  refused(() => commitQuery(''), 'container', /needed/, [0, 0]);
  refused(() => commitQuery('_b1'), 'container', /starts with a letter or digit/, [0, 1]);
  refused(() => commitQuery('b1', { repository: 'me/BusyBox' }), 'repository', /uppercase/, [3, 4]);
  refused(() => commitQuery('b1', { repository: 'me/busybox:v1' }), 'repository', /takes no tag/, [10, 13]);
  refused(() => commitQuery('b1', { repository: 'me/busybox', tag: '.v1' }), 'tag', /tag must start with a letter, digit or '_'/, [0, 1]);
  refused(() => commitQuery('b1', { repository: 'me/busybox', tag: 'v1/x' }), 'tag', /'\/' is not allowed in a tag/, [2, 3]);
  refused(() => commitQuery('b1', { repository: 'me/busybox', tag: 'x'.repeat(129) }), 'tag', /tag longer than 128 characters \(found 129\)/, [0, 129]);
  refused(() => commitQuery('b1', { tag: 'v1' }), 'tag', /needs a repository/, [0, 2]);
  refused(() => commitQuery('b1', { changes: ['CMD ["ok"]', 'RUN rm -rf /'] }), 'change 2', /RUN cannot be applied/, [0, 3]);
});
