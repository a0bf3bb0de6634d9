import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatClock, inspectDocumentText } from '../../../src/model/inspectDocumentText';

// Issue 9, defect 12: an inspect document said nothing of when it was read, so a stale
// `"Running": true` looked current. The text now says when, and whether the object is gone.

const ID = 'sha256:3f2a1b9c0d11e2f3a4b5c6d7e8f90123456789abcdef0123456789abcdef01';
const AT = new Date(2026, 10, 30, 21, 4, 5);
const LATER = new Date(2026, 10, 30, 21, 5, 10);

/** The JSON below the comment lines, parsed. */
function body(text: string): unknown {
  return JSON.parse(text.split('\n').filter((l) => !l.startsWith('//')).join('\n'));
}

describe('inspectDocumentText', () => {
  it('says what was inspected and when, above the unchanged JSON', () => {
    const data = { State: { Running: true }, Name: '/walk2' };
    const text = inspectDocumentText({ kind: 'container', name: 'walk2', id: ID, data, takenAt: AT });
    const lines = text.split('\n');
    assert.equal(lines[0], '// Container walk2 (3f2a1b9c0d11), as the engine described it at 2026-11-30 21:04:05.');
    assert.match(lines[1], /reads it again when the engine reports a change; Refresh/);
    assert.deepEqual(body(text), data);
  });

  it('says when the object is gone, keeping what the engine last said', () => {
    const data = { Id: ID, RepoTags: ['walk/app:1.0'] };
    const text = inspectDocumentText({ kind: 'image', name: 'walk/app:1.0', id: ID, data, takenAt: AT, goneAt: LATER });
    const lines = text.split('\n');
    assert.equal(lines[0], '// Image walk/app:1.0 (3f2a1b9c0d11) no longer exists: the engine had removed it by 2026-11-30 21:05:10.');
    assert.equal(lines[1], '// What follows is how the engine described it at 2026-11-30 21:04:05, before it went.');
    assert.deepEqual(body(text), data);
  });

  it('says why it could not be read again, on one comment line even when the reason has line breaks', () => {
    const text = inspectDocumentText({
      kind: 'container',
      name: 'c',
      id: ID,
      data: {},
      takenAt: AT,
      staleReason: { at: LATER, message: 'Docker engine not reachable\n{"injected": true}\u2028x' },
    });
    const comment = text.split('\n').filter((l) => l.startsWith('//'));
    assert.equal(comment[1], '// Could not read it again at 2026-11-30 21:05:10: Docker engine not reachable {"injected": true} x');
    assert.deepEqual(body(text), {});
  });

  it('writes local time to the second, zero-padded', () => {
    assert.equal(formatClock(new Date(2027, 0, 2, 3, 4, 5)), '2027-01-02 03:04:05');
  });
});
