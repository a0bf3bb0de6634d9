import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext } from '../../../src/engine/contexts/createContext';
import { contextId } from '../../../src/engine/contexts/contextId';
import { listContexts } from '../../../src/engine/contexts/listContexts';
import { removeContext } from '../../../src/engine/contexts/removeContext';
import { useContext } from '../../../src/engine/contexts/useContext';
import { validateContextName } from '../../../src/engine/contexts/validateContextName';
import { run, tempDockerConfig } from '../registry/registryTestKit';

/** Both CLIs on this machine: Debian's (20.10, matching the engine) and the newer one in /usr/local/bin. */
const CLIS = ['/usr/local/bin/docker', '/usr/bin/docker'].filter((p) => existsSync(p));

/** A config folder of the test's own; DOCKER_HOST and DOCKER_CONTEXT out of the way, so config.json decides. */
function isolated(content?: object) {
  const cfg = tempDockerConfig(content);
  delete cfg.env.DOCKER_HOST;
  delete cfg.env.DOCKER_CONTEXT;
  return cfg;
}

async function cli(program: string, args: string[], env: NodeJS.ProcessEnv) {
  const out = await run(program, args, env);
  return out;
}

/** A throwaway CA-signed key pair, so the TLS files are real PEM and not just bytes. */
function pemFiles(dir: string): { ca: string; cert: string; key: string } {
  const ca = join(dir, 'in-ca.pem');
  const key = join(dir, 'in-key.pem');
  const cert = join(dir, 'in-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=stowage-test'], { stdio: 'ignore' });
  writeFileSync(ca, readFileSync(cert));
  return { ca, cert, key };
}

for (const program of CLIS) {
  test(`contexts Stowage creates are listed, inspected and used by ${program}`, async () => {
    const cfg = isolated({ auths: {}, detachKeys: 'ctrl-x,x', 'x-unknown': { kept: true } });
    try {
      const tls = pemFiles(cfg.dir);
      await createContext({ name: 'stw-local', description: 'the shared engine', host: 'unix:///var/run/docker.sock' }, cfg.options);
      await createContext({ name: 'stw-tls', host: 'tcp://10.9.8.7:2376', tls }, cfg.options);
      await createContext({ name: 'stw.ssh_1+x', host: 'ssh://builder@127.0.0.1:2222' }, cfg.options);

      const ls = await cli(program, ['context', 'ls', '--format', '{{.Name}}|{{.Description}}|{{.DockerEndpoint}}'], cfg.env);
      assert.equal(ls.code, 0, ls.stderr);
      const rows = ls.stdout.trim().split('\n').map((l) => l.replace(/ \*\|/, '|'));
      assert.ok(rows.includes('stw-local|the shared engine|unix:///var/run/docker.sock'), ls.stdout);
      assert.ok(rows.includes('stw-tls||tcp://10.9.8.7:2376'), ls.stdout);
      assert.ok(rows.includes('stw.ssh_1+x||ssh://builder@127.0.0.1:2222'), ls.stdout);

      const inspect = await cli(program, ['context', 'inspect', 'stw-tls'], cfg.env);
      assert.equal(inspect.code, 0, inspect.stderr);
      const [seen] = JSON.parse(inspect.stdout) as [{ Endpoints: { docker: { Host: string; SkipTLSVerify: boolean } }; TLSMaterial: { docker?: string[] } }];
      assert.deepEqual(seen.Endpoints.docker, { Host: 'tcp://10.9.8.7:2376', SkipTLSVerify: false });
      assert.deepEqual([...(seen.TLSMaterial.docker ?? [])].sort(), ['ca.pem', 'cert.pem', 'key.pem']);
      const tlsDir = join(cfg.dir, 'contexts', 'tls', contextId('stw-tls'), 'docker');
      assert.equal(statSync(tlsDir).mode & 0o777, 0o700);
      assert.equal(statSync(join(tlsDir, 'key.pem')).mode & 0o777, 0o600);
      assert.deepEqual(readFileSync(join(tlsDir, 'key.pem')), readFileSync(tls.key));

      // The CLI really talks through it: the unix context reaches the shared engine.
      const version = await cli(program, ['--context', 'stw-local', 'version', '--format', '{{.Server.Version}}'], cfg.env);
      assert.equal(version.code, 0, version.stderr);
      assert.match(version.stdout.trim(), /^\d+\.\d+/);

      const used = await useContext('stw-local', cfg.options);
      assert.deepEqual(used, {});
      const show = await cli(program, ['context', 'ls', '--format', '{{.Name}} {{.Current}}'], cfg.env);
      assert.match(show.stdout, /^stw-local true$/m);
      const config = JSON.parse(readFileSync(cfg.file, 'utf8')) as Record<string, unknown>;
      assert.deepEqual(config, { auths: {}, detachKeys: 'ctrl-x,x', 'x-unknown': { kept: true }, currentContext: 'stw-local' });
      assert.equal(statSync(cfg.file).mode & 0o777, 0o600);

      await useContext('default', cfg.options);
      assert.equal('currentContext' in JSON.parse(readFileSync(cfg.file, 'utf8')), false);

      await removeContext('stw-tls', cfg.options);
      const after = await cli(program, ['context', 'ls', '--format', '{{.Name}}'], cfg.env);
      assert.deepEqual(after.stdout.trim().split('\n').map((n) => n.replace(/ \*$/, '')).sort(), ['default', 'stw-local', 'stw.ssh_1+x']);
      assert.equal(existsSync(join(cfg.dir, 'contexts', 'tls', contextId('stw-tls'))), false);
      const gone = await cli(program, ['context', 'inspect', 'stw-tls'], cfg.env);
      assert.notEqual(gone.code, 0);
    } finally {
      cfg.remove();
    }
  });

  test(`contexts ${program} creates, uses and removes are what Stowage reads`, async () => {
    const cfg = isolated();
    try {
      const tls = pemFiles(cfg.dir);
      let out = await cli(program, ['context', 'create', 'cli-one', '--description', 'made by the CLI', '--docker', 'host=unix:///run/x.sock'], cfg.env);
      assert.equal(out.code, 0, out.stderr);
      out = await cli(program, ['context', 'create', 'cli-tls', '--docker', `host=tcp://h.example:2376,ca=${tls.ca},cert=${tls.cert},key=${tls.key},skip-tls-verify=true`], cfg.env);
      assert.equal(out.code, 0, out.stderr);
      out = await cli(program, ['context', 'use', 'cli-tls'], cfg.env);
      assert.equal(out.code, 0, out.stderr);

      const list = await listContexts(cfg.options);
      assert.equal(list.current, 'cli-tls');
      assert.equal(list.currentFrom, 'config.json');
      const byName = new Map(list.contexts.map((c) => [c.name, c]));
      assert.deepEqual([...byName.keys()], ['default', 'cli-one', 'cli-tls']);
      assert.equal(byName.get('cli-one')?.description, 'made by the CLI');
      assert.equal(byName.get('cli-one')?.host, 'unix:///run/x.sock');
      assert.equal(byName.get('cli-tls')?.host, 'tcp://h.example:2376');
      assert.equal(byName.get('cli-tls')?.skipTLSVerify, true);
      assert.deepEqual(byName.get('cli-tls')?.tlsFiles, ['ca.pem', 'cert.pem', 'key.pem']);
      assert.equal(byName.get('default')?.host, 'unix:///var/run/docker.sock');

      // DOCKER_CONTEXT wins over config.json, DOCKER_HOST is reported beside it, as the CLI does.
      const overridden = await listContexts({ env: { ...cfg.env, DOCKER_CONTEXT: 'cli-one', DOCKER_HOST: 'tcp://1.2.3.4:2375' } });
      assert.equal(overridden.current, 'cli-one');
      assert.equal(overridden.currentFrom, 'DOCKER_CONTEXT');
      assert.equal(overridden.dockerHost, 'tcp://1.2.3.4:2375');
      assert.equal(overridden.contexts[0].host, 'tcp://1.2.3.4:2375');

      // In use: refused as the CLI refuses it, then forced, which sends the CLI back to default.
      await assert.rejects(removeContext('cli-tls', cfg.options), /current one/);
      assert.ok((await listContexts(cfg.options)).contexts.some((c) => c.name === 'cli-tls'));
      await removeContext('cli-tls', { ...cfg.options, force: true });
      const shown = await cli(program, ['context', 'ls', '--format', '{{.Name}} {{.Current}}'], cfg.env);
      assert.match(shown.stdout, /^default true$/m);
      assert.doesNotMatch(shown.stdout, /cli-tls/);

      out = await cli(program, ['context', 'rm', 'cli-one'], cfg.env);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual((await listContexts(cfg.options)).contexts.map((c) => c.name), ['default']);
    } finally {
      cfg.remove();
    }
  });

  test(`context names: Stowage refuses exactly what ${program} refuses, and a second create of a name`, async () => {
    const cfg = isolated();
    try {
      const names = ['ok', 'a', 'default', '-lead', '.dot', 'has space', 'sl/ash', 'Ünï', 'x_y.z+w-1', '9lives', ''];
      for (const name of names) {
        const out = await cli(program, ['context', 'create', name, '--docker', 'host=unix:///run/x.sock'], cfg.env);
        let ours: Error | undefined;
        try {
          validateContextName(name);
        } catch (err) {
          ours = err as Error;
        }
        assert.equal(ours === undefined, out.code === 0, `${JSON.stringify(name)}: CLI ${out.code} ${out.stderr.trim()}; Stowage ${ours?.message}`);
        if (out.code === 0) await cli(program, ['context', 'rm', name], cfg.env);
      }
      await createContext({ name: 'twice', host: 'unix:///run/a.sock' }, cfg.options);
      await assert.rejects(createContext({ name: 'twice', host: 'unix:///run/b.sock' }, cfg.options), /already exists/);
      const out = await cli(program, ['context', 'create', 'twice', '--docker', 'host=unix:///run/c.sock'], cfg.env);
      assert.notEqual(out.code, 0);
      assert.equal((await listContexts(cfg.options)).contexts.find((c) => c.name === 'twice')?.host, 'unix:///run/a.sock');
      // Bad input is refused before anything is written.
      await assert.rejects(createContext({ name: 'bad-host', host: 'ftp://x' }, cfg.options), /unsupported scheme/);
      await assert.rejects(createContext({ name: 'bad-tls', host: 'ssh://u@h', tls: { ca: '/etc/hostname' } }, cfg.options), /TLS files go with a tcp/);
      await assert.rejects(createContext({ name: 'no-pem', host: 'tcp://h:2376', tls: { ca: '/etc/hostname' } }, cfg.options), /not a PEM file/);
      await assert.rejects(createContext({ name: 'no-file', host: 'tcp://h:2376', tls: { ca: join(cfg.dir, 'nope.pem') } }, cfg.options), /cannot be read \(ENOENT\)/);
      assert.deepEqual((await listContexts(cfg.options)).contexts.map((c) => c.name), ['default', 'twice']);
      assert.equal(existsSync(join(cfg.dir, 'contexts', 'tls')), false);
    } finally {
      cfg.remove();
    }
  });
}

test('a damaged context is listed with what is wrong, the others as usual, and cannot be made current', async () => {
  const cfg = isolated();
  try {
    const { mkdirSync } = await import('node:fs');
    await createContext({ name: 'fine', host: 'unix:///run/a.sock' }, cfg.options);
    const garbled = join(cfg.dir, 'contexts', 'meta', contextId('garbled'));
    mkdirSync(garbled);
    writeFileSync(join(garbled, 'meta.json'), '{"Name":"garbled","Endpoints":');
    const misplaced = join(cfg.dir, 'contexts', 'meta', contextId('elsewhere'));
    mkdirSync(misplaced);
    writeFileSync(join(misplaced, 'meta.json'), JSON.stringify({ Name: 'impostor', Endpoints: { docker: { Host: 'unix:///x' } } }));
    const list = await listContexts(cfg.options);
    assert.deepEqual(list.contexts.filter((c) => !c.error).map((c) => c.name), ['default', 'fine']);
    const errors = list.contexts.filter((c) => c.error).map((c) => c.error!).sort();
    assert.equal(errors.length, 2);
    assert.match(errors.join('\n'), /is not valid JSON/);
    assert.match(errors.join('\n'), /names "impostor", which belongs in another folder/);
    await assert.rejects(useContext('garbled', cfg.options), /there is no context named "garbled"|cannot be used/);
    assert.equal(existsSync(cfg.file), false, 'config.json was not written');
  } finally {
    cfg.remove();
  }
});
