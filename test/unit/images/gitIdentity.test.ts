import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultAuthor } from '../../../src/engine/commit/defaultAuthor';
import { parseGitConfig } from '../../../src/engine/commit/parseGitConfig';
import { readGitIdentity } from '../../../src/engine/commit/readGitIdentity';

test('defaultAuthor: Name <email>, or whichever part there is', () => {
  assert.equal(defaultAuthor({ name: 'Ada Lovelace', email: 'ada@example.com' }), 'Ada Lovelace <ada@example.com>');
  assert.equal(defaultAuthor({ name: '  Ada ' }), 'Ada');
  assert.equal(defaultAuthor({ email: 'ada@example.com' }), '<ada@example.com>');
  assert.equal(defaultAuthor({ name: ' ', email: '' }), undefined);
});

test('parseGitConfig: sections, case, quotes, escapes, comments, continuations', () => {
  const text = [
    '# comment',
    '[User]',
    '\tName = "Ada  \\"Countess\\" Lovelace"   ; trailing comment',
    '\temail=ada@example.com # another',
    '[remote "origin"]',
    '\turl = https://example.invalid/x.git',
    '[core.Sub]',
    '  bare',
    '[alias]',
    '  lg = log \\',
    '    --oneline',
    '  spaced =   a   b   ',
  ].join('\n');
  const entries = parseGitConfig(text);
  const get = (section: string, key: string, sub?: string) => entries.find((e) => e.section === section && e.key === key && e.subsection === sub)?.value;
  assert.equal(get('user', 'name'), 'Ada  "Countess" Lovelace');
  assert.equal(get('user', 'email'), 'ada@example.com');
  assert.equal(get('remote', 'url', 'origin'), 'https://example.invalid/x.git');
  assert.equal(get('core', 'bare', 'sub'), 'true');
  assert.equal(get('alias', 'lg'), 'log     --oneline');
  assert.equal(get('alias', 'spaced'), 'a   b');
});

test('readGitIdentity: XDG config then ~/.gitconfig (later wins), includes, GIT_CONFIG_GLOBAL', async () => {
  const home = mkdtempSync(join(tmpdir(), 'stowage-git-'));
  try {
    const xdg = join(home, 'xdg');
    mkdirSync(join(xdg, 'git'), { recursive: true });
    writeFileSync(join(xdg, 'git', 'config'), '[user]\n\tname = From XDG\n\temail = xdg@example.com\n');
    assert.deepEqual(await readGitIdentity({ env: { XDG_CONFIG_HOME: xdg }, home }), { name: 'From XDG', email: 'xdg@example.com' });

    writeFileSync(join(home, '.gitconfig'), '[include]\n\tpath = ~/extra.inc\n[user "sub"]\n\tname = not this\n');
    writeFileSync(join(home, 'extra.inc'), '[user]\n\tname = From Include\n[include]\n\tpath = extra.inc\n');
    assert.deepEqual(await readGitIdentity({ env: { XDG_CONFIG_HOME: xdg }, home }), { name: 'From Include', email: 'xdg@example.com' }, 'an include cycle ends');

    mkdirSync(join(home, '.config', 'git'), { recursive: true });
    writeFileSync(join(home, '.config', 'git', 'config'), '[user]\n\temail = default-xdg@example.com\n');
    assert.deepEqual(await readGitIdentity({ env: {}, home }), { name: 'From Include', email: 'default-xdg@example.com' }, 'XDG defaults to ~/.config');

    writeFileSync(join(home, 'only'), '[user]\nname=Only One\n');
    assert.deepEqual(await readGitIdentity({ env: { GIT_CONFIG_GLOBAL: join(home, 'only'), XDG_CONFIG_HOME: xdg }, home }), { name: 'Only One' });
    assert.deepEqual(await readGitIdentity({ env: {}, home: join(home, 'nowhere') }), {});
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
