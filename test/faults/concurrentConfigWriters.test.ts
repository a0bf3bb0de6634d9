import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { login } from '../../src/engine/registry/login';
import { logout } from '../../src/engine/registry/logout';
import { waitFor } from '../e2e/support/waitFor';
import { dockerCli, registryAccount, tempDockerConfig } from '../integration/registry/registryTestKit';
import { testEngine } from '../support/testEngine';
import { gatedRegistry } from './support/gatedRegistry';
import { raceWithDockerCli } from './support/raceWithDockerCli';

/*
 * Defect 9: Stowage and the docker CLI write one config.json, and the CLI writes
 * back the whole copy it read when it started, without a lock. A Stowage login that
 * landed inside a CLI's read-to-write window was lost; a Stowage logout there was
 * undone, with the password back in the file after "Logged out".
 */

const account = registryAccount();
const OTHER_KEYS = {
  psFormat: 'table {{.ID}}\\t{{.Names}}',
  auths: { 'other.example.com': { auth: Buffer.from('someone:else').toString('base64') } },
};
const ours = Buffer.from(`${account.username}:${account.password}`).toString('base64');

function readConfig(file: string): { auths?: Record<string, { auth?: string }>; psFormat?: string } {
  return JSON.parse(readFileSync(file, 'utf8'));
}

test('a docker login that read config.json before Stowage logged in and writes after: the login is redone and stays, and the CLI keeps its own', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig(OTHER_KEYS);
  const gate = await gatedRegistry();
  try {
    const cli = dockerCli(['login', '--username', 'someone', '--password-stdin', gate.address], cfg.env, 'cli-pw\n');
    await gate.asked; // the CLI holds its copy of the file from here on
    const stowage = login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    await waitFor('Stowage to write its login', () => readConfig(cfg.file).auths?.[account.registry]?.auth === ours, { intervalMs: 2, timeoutMs: 20_000 });
    gate.release(); // the CLI now writes its stale copy, without Stowage's login
    const out = await cli;
    assert.equal(out.code, 0, out.stderr);
    const result = await stowage;
    assert.equal(result.store, 'file');
    const after = readConfig(cfg.file);
    assert.ok(after.auths?.[account.registry]?.auth === ours, 'Stowage said logged in: the login is in the file'); // never assert.equal on it: its message would print the secret
    assert.ok(after.auths?.[gate.address]?.auth, "the CLI's own login is kept");
    assert.equal(after.psFormat, OTHER_KEYS.psFormat);
    assert.deepEqual(after.auths?.['other.example.com'], OTHER_KEYS.auths['other.example.com']);
    assert.equal(statSync(cfg.file).mode & 0o777, 0o600);
    assert.deepEqual(readdirSync(cfg.dir), ['config.json'], 'no temp file left behind');
  } finally {
    await gate.close();
    cfg.remove();
  }
});

test('a docker login that read config.json before Stowage logged out and writes after: Log Out erases again, and only then says so', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig(OTHER_KEYS);
  const gate = await gatedRegistry();
  try {
    await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
    const cli = dockerCli(['login', '--username', 'someone', '--password-stdin', gate.address], cfg.env, 'cli-pw\n');
    await gate.asked; // the CLI's copy holds Stowage's login
    let reported = false;
    const stowage = logout(account.registry, cfg.options).then((erased) => ((reported = true), erased));
    await waitFor('Stowage to erase its login', () => readConfig(cfg.file).auths?.[account.registry] === undefined, { intervalMs: 2, timeoutMs: 20_000 });
    gate.release(); // the CLI writes the password back
    const out = await cli;
    assert.equal(out.code, 0, out.stderr);
    assert.equal(await stowage, true);
    assert.ok(reported);
    const text = readFileSync(cfg.file, 'utf8');
    assert.ok(!text.includes(ours) && !text.includes(account.password), 'Stowage said logged out: the password is not in the file');
    const after = readConfig(cfg.file);
    assert.ok(after.auths?.[gate.address]?.auth, "the CLI's own login is kept");
    assert.deepEqual(after.auths?.['other.example.com'], OTHER_KEYS.auths['other.example.com']);
  } finally {
    await gate.close();
    cfg.remove();
  }
});

test('a program that keeps writing the login back: Log Out says plainly that it could not make it stick, never "Logged out"', async () => {
  const engine = testEngine();
  const cfg = tempDockerConfig(OTHER_KEYS);
  await login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options);
  const copy = readFileSync(cfg.file, 'utf8');
  // A sync tool that restores its copy of the file whenever it changes (the path and copy go by env, never argv: the copy holds a password).
  const restorer = spawn(
    process.execPath,
    ['-e', `const fs=require('fs');const f=process.env.F,c=process.env.C;setInterval(()=>{try{if(fs.readFileSync(f,'utf8')!==c){fs.writeFileSync(f+'.r',c,{mode:0o600});fs.renameSync(f+'.r',f);}}catch{}},5);process.stdout.write('ready\\n');`],
    { env: { ...process.env, F: cfg.file, C: copy }, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  try {
    // Node takes a while to start on a busy machine: a logout before the restorer runs would rightly succeed.
    await new Promise<void>((resolve, reject) => {
      restorer.stdout!.once('data', () => resolve());
      restorer.once('exit', (code) => reject(new Error(`the restorer exited (${code}) before it was ready`)));
    });
    await assert.rejects(logout(account.registry, cfg.options), (err: Error) => {
      assert.match(err.message, new RegExp(`^Could not log out of ${account.registry.replace(/\./g, '\\.')} for good: another program kept writing the login back into .*config\\.json \\(\\d+ tries\\)\\. You may still be logged in there`));
      assert.ok(!err.message.includes(account.password) && !err.message.includes(ours));
      return true;
    });
  } finally {
    restorer.kill();
    cfg.remove();
  }
});

test('the real docker CLI logging in and out at the same moments, 8 rounds: no login Stowage reported is lost, no logout it reported is undone', async () => {
  const figures = await raceWithDockerCli(testEngine(), account, 8, Date.now() % 1_000_000);
  assert.deepEqual(figures.errors, []);
  assert.equal(figures.otherKeysLost, 0, 'keys neither writer touches are always kept');
  assert.equal(figures.stowageLogins + figures.stowageLoginsRefused, 16);
  assert.equal(figures.stowageLogouts + figures.stowageLogoutsRefused, 16);
  assert.equal(figures.stowageLoginsLost, 0, `${figures.stowageLoginsLost} of ${figures.stowageLogins} reported logins lost`);
  assert.equal(figures.stowageLogoutsResurrected, 0, `${figures.stowageLogoutsResurrected} of ${figures.stowageLogouts} reported logouts undone`);
});
