import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../../src/engine/images/InputError';
import { parseContainerName } from '../../../../src/model/run/parseContainerName';
import { parseEnvList } from '../../../../src/model/run/parseEnvList';
import { parsePorts } from '../../../../src/model/run/parsePorts';
import { parseRunChoices } from '../../../../src/model/run/parseRunChoices';
import { parseRunCommand } from '../../../../src/model/run/parseRunCommand';
import { parseVolumes } from '../../../../src/model/run/parseVolumes';
import { splitWords } from '../../../../src/model/run/splitWords';

function fails(fn: () => unknown, field: string, start: number, end: number, problem: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.equal(err.field, field);
    assert.deepEqual([err.start, err.end], [start, end]);
    assert.match(err.problem, problem);
    return true;
  });
}

describe('container name', () => {
  test('names the engine accepts, leading slash stripped, empty means the engine picks', () => {
    assert.equal(parseContainerName('b2'), 'b2');
    assert.equal(parseContainerName('/web_1.a-b'), 'web_1.a-b');
    assert.equal(parseContainerName('  '), undefined);
  });
  test('names the engine refuses, pointing at the offending character', () => {
    fails(() => parseContainerName('a'), 'container name', 0, 1, /at least 2/);
    fails(() => parseContainerName('_web'), 'container name', 0, 1, /starts with a letter or a digit/);
    fails(() => parseContainerName('web app'), 'container name', 3, 4, /" " is not allowed/);
    fails(() => parseContainerName('wéb'), 'container name', 1, 2, /"é" is not allowed/);
  });
});

describe('command', () => {
  test('JSON array taken as is, a line split into words without expansion', () => {
    assert.deepEqual(parseRunCommand('["/bin/httpd","-f","-h","/data/html"]'), ['/bin/httpd', '-f', '-h', '/data/html']);
    assert.deepEqual(parseRunCommand(`sh -c 'echo $HOME; ls' "a \\"b\\""`), ['sh', '-c', 'echo $HOME; ls', 'a "b"']);
    assert.equal(parseRunCommand(''), undefined);
  });
  test('bad JSON, empty arrays, non-strings and open quotes are refused where they are', () => {
    fails(() => parseRunCommand('["/bin/sh",]'), 'command', 11, 12, /JSON array/);
    fails(() => parseRunCommand('[]'), 'command', 0, 2, /non-empty array of strings/);
    fails(() => parseRunCommand('["sh", 1]'), 'command', 0, 9, /array of strings/);
    fails(() => parseRunCommand(`echo 'hi`), 'command', 5, 6, /single quote/);
    fails(() => parseRunCommand('echo \\'), 'command', 5, 6, /backslash/);
  });
  test('a 1 MB line is split in linear time', () => {
    const words = splitWords('a '.repeat(500_000), 'command');
    assert.equal(words.length, 500_000);
  });
});

describe('environment', () => {
  test('NAME=value words, values may hold spaces when quoted and "=" after the first', () => {
    assert.deepEqual(parseEnvList('A=1 B="two words" C=x=y D='), ['A=1', 'B=two words', 'C=x=y', 'D=']);
  });
  test('a word without "=" or with a bad name is pointed at', () => {
    fails(() => parseEnvList('A=1 B'), 'environment variable', 4, 5, /no "="/);
    fails(() => parseEnvList('1A=x'), 'environment variable', 0, 2, /not a variable name/);
    fails(() => parseEnvList('=x'), 'environment variable', 0, 1, /empty/);
  });
});

describe('ports', () => {
  test('the forms docker run -p takes', () => {
    const p = parsePorts('8080:80, 127.0.0.1:8443:443/tcp 53:53/udp 9000 [::1]:7000:70 :81');
    assert.deepEqual(Object.keys(p.exposedPorts).sort(), ['443/tcp', '53/udp', '70/tcp', '80/tcp', '81/tcp', '9000/tcp']);
    assert.deepEqual(p.portBindings['80/tcp'], [{ HostIp: '', HostPort: '8080' }]);
    assert.deepEqual(p.portBindings['443/tcp'], [{ HostIp: '127.0.0.1', HostPort: '8443' }]);
    assert.deepEqual(p.portBindings['9000/tcp'], [{ HostIp: '', HostPort: '' }]);
    assert.deepEqual(p.portBindings['70/tcp'], [{ HostIp: '::1', HostPort: '7000' }]);
  });
  test('ranges: equal lengths pair up, a host range for one port lets the engine choose', () => {
    const p = parsePorts('8000-8002:9000-9002 7000-7010:80');
    assert.deepEqual(p.portBindings['9001/tcp'], [{ HostIp: '', HostPort: '8001' }]);
    assert.deepEqual(p.portBindings['80/tcp'], [{ HostIp: '', HostPort: '7000-7010' }]);
  });
  test('bad specs point at the bad part', () => {
    fails(() => parsePorts('8080:80/xyz'), 'published port', 8, 11, /tcp, udp or sctp/);
    fails(() => parsePorts('80 8080:99999'), 'published port', 8, 13, /container port/);
    fails(() => parsePorts('abc:80'), 'published port', 0, 3, /host port/);
    fails(() => parsePorts('300.1.1.1:80:80'), 'published port', 0, 9, /not an IPv4 address/);
    fails(() => parsePorts('1:2:3:4'), 'published port', 0, 7, /too many ":"/);
    fails(() => parsePorts('8000-8002:90-91'), 'published port', 0, 15, /3 ports and the container range 2/);
    fails(() => parsePorts('9-8:80'), 'published port', 0, 3, /host port/);
  });
});

describe('volumes', () => {
  test('binds, named volumes, anonymous volumes', () => {
    assert.deepEqual(parseVolumes('/srv/data:/data:ro, cache:/cache /scratch'), { binds: ['/srv/data:/data:ro', 'cache:/cache'], volumes: { '/scratch': {} } });
  });
  test('relative targets, bad modes and bad names are pointed at', () => {
    fails(() => parseVolumes('/a:data'), 'volume', 3, 7, /absolute/);
    fails(() => parseVolumes('/a:/b:rx'), 'volume', 6, 8, /ro or rw/);
    fails(() => parseVolumes('./here:/b'), 'volume', 0, 6, /absolute host path or a volume name/);
    fails(() => parseVolumes('relative'), 'volume', 0, 8, /absolute/);
  });
});

describe('the whole dialog', () => {
  const base = { name: '', command: '', env: '', ports: '', volumes: '', network: '', restart: 'no' as const, autoRemove: false, interactive: false };
  test('a full set of choices becomes one spec', () => {
    const spec = parseRunChoices('img:1', { ...base, name: 'web', command: 'httpd -f', env: 'A=1', ports: '8080:80', network: 'mynet', restart: 'always' });
    assert.equal(spec.name, 'web');
    assert.deepEqual(spec.cmd, ['httpd', '-f']);
    assert.equal(spec.network, 'mynet');
    assert.equal(spec.restart, 'always');
  });
  test('--rm with a restart policy is refused before the engine is asked', () => {
    fails(() => parseRunChoices('img', { ...base, autoRemove: true, restart: 'always' }), 'restart policy', 0, 6, /--rm/);
  });
});

describe('command JSON errors', () => {
  test('the position V8 gives, and the unexpected token when it gives none', () => {
    fails(() => parseRunCommand(' ["a" "b"]'), 'command', 6, 7, /JSON array/);
    fails(() => parseRunCommand('["a",x]'), 'command', 5, 6, /JSON array/);
    fails(() => parseRunCommand('["a",'), 'command', 5, 6, /JSON array/);
  });
});
