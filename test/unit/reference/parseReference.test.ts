import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseReference } from '../../../src/reference';
import type { ParsedReference, ReferenceError, ReferenceMode } from '../../../src/reference';

const HEX64 = 'e6693c20186f837fc393390135d8a598a96a833917917789d63766cab6c59582';

function ok(input: string, mode: ReferenceMode = 'normalized'): ParsedReference {
  const r = parseReference(input, mode);
  if (!r.valid) assert.fail(`${JSON.stringify(input)} (${mode}) is invalid: ${r.error.code} ${r.error.message} [${r.error.start},${r.error.end})`);
  return r;
}

function fails(input: string, mode: ReferenceMode = 'normalized'): ReferenceError {
  const r = parseReference(input, mode);
  if (r.valid) assert.fail(`${JSON.stringify(input)} (${mode}) parsed as ${r.string}`);
  return r.error;
}

/** Asserts the error's code and that its span covers exactly `text`, found at `at`. */
function failsAt(input: string, code: string, text: string, at = input.indexOf(text), mode: ReferenceMode = 'normalized'): ReferenceError {
  const e = fails(input, mode);
  assert.equal(e.code, code, `${JSON.stringify(input)}: ${e.message}`);
  assert.deepEqual([e.start, e.end], [at, at + text.length], `${JSON.stringify(input)}: span of ${e.message} covers ${JSON.stringify(input.slice(e.start, e.end))}`);
  return e;
}

describe('readings', () => {
  test('strict takes any domain-shaped first component as the domain, and adds nothing', () => {
    const r = ok('docker/whalesay', 'strict');
    assert.equal(r.domain, 'docker');
    assert.equal(r.path, 'whalesay');
    assert.equal(r.string, 'docker/whalesay');
    assert.equal('fullName' in r || 'familiar' in r || 'familiarName' in r, false);
    assert.equal(ok('ubuntu', 'strict').domain, null);
  });

  test('normalized reads as docker pull does', () => {
    const r = ok('ubuntu:22.04');
    assert.deepEqual([r.domain, r.path, r.namespace, r.name, r.tag], ['docker.io', 'library/ubuntu', 'library', 'ubuntu', '22.04']);
    assert.deepEqual([r.string, r.fullName, r.familiarName, r.familiar], ['docker.io/library/ubuntu:22.04', 'docker.io/library/ubuntu', 'ubuntu', 'ubuntu:22.04']);
    assert.equal(ok('docker/whalesay').domain, 'docker.io');
    assert.equal(ok('localhost/app').domain, 'localhost');
    assert.equal(ok('Foo/bar').domain, 'Foo');
    assert.equal(ok('my.registry/team/sub/app').namespace, 'team/sub');
    assert.equal(ok('docker.io/library/foo/bar').familiar, 'library/foo/bar');
  });

  test('index.docker.io means docker.io, with the span of what was written', () => {
    const r = ok('index.docker.io/foo:1');
    assert.deepEqual([r.domain, r.path, r.familiar], ['docker.io', 'library/foo', 'foo:1']);
    assert.deepEqual(r.spans.domain, { start: 0, end: 15 });
  });

  test('like Go, a registry-looking first component that is no valid host is re-read as a path with no domain', () => {
    const r = ok('my_host.local/app');
    assert.deepEqual([r.domain, r.path, r.fullName, r.familiar], [null, 'my_host.local/app', 'my_host.local/app', 'my_host.local/app']);
  });

  test('a bare 64-hex string is an ID to normalized, a name to strict', () => {
    failsAt(HEX64, 'hex-name', HEX64);
    assert.equal(ok(HEX64, 'strict').path, HEX64);
    assert.equal(ok(`${HEX64}:v1`).path, `library/${HEX64}`);
  });

  test('spans locate every part of the input', () => {
    const input = `localhost:5000/team/app:v1@sha256:${HEX64}`;
    const r = ok(input);
    const text = (s: { start: number; end: number } | undefined): string | undefined => s && input.slice(s.start, s.end);
    assert.equal(text(r.spans.domain), 'localhost:5000');
    assert.equal(text(r.spans.path), 'team/app');
    assert.equal(text(r.spans.tag), 'v1');
    assert.equal(text(r.spans.digest), `sha256:${HEX64}`);
    assert.deepEqual(Object.keys(ok('ubuntu').spans), ['path']);
  });
});

describe('ports', () => {
  test('a port needs digits; its range is not checked (Go does not)', () => {
    assert.equal(ok('registry:5000/app').domain, 'registry:5000');
    assert.equal(ok('registry:99999999/app', 'strict').domain, 'registry:99999999');
    failsAt('registry:50a0/app', 'port', '50a0');
    failsAt('registry:/app', 'port', ':');
    failsAt('foo.com:http/bar', 'port', 'http', undefined, 'strict');
  });

  test('without a slash, host:digits is a name and a tag', () => {
    const r = ok('test.com:5000', 'strict');
    assert.deepEqual([r.domain, r.path, r.tag], [null, 'test.com', '5000']);
    assert.equal(ok('localhost:5000').path, 'library/localhost');
  });

  test('a URL is refused for its scheme', () => {
    failsAt('https://ghcr.io/owner/app', 'scheme', 'https://');
  });
});

describe('IPv6 registries', () => {
  test('bracketed addresses, with or without a port', () => {
    const r = ok('[::1]:5000/app:v1');
    assert.deepEqual([r.domain, r.path, r.tag], ['[::1]:5000', 'app', 'v1']);
    assert.equal(ok('[2001:db8::1]/repo', 'strict').domain, '[2001:db8::1]');
  });

  test('each IPv6 mistake is named where it is', () => {
    failsAt('[fe80::1%eth0]:5000/app', 'ipv6', '%eth0');
    failsAt('[::1/app', 'ipv6', '[::1');
    failsAt('[]/app', 'ipv6', '[]');
    failsAt('[::1]x/app', 'host', 'x');
    failsAt('[::1]:5000', 'missing-path', '[::1]:5000');
    failsAt('fd00::1:5000/debian', 'ipv6', 'fd00::1:5000');
    failsAt('[2001:db8::192.0.2.33]/app', 'ipv6', '.');
  });
});

describe('repository path', () => {
  test('separators: ".", "_", "__" and any run of "-"', () => {
    for (const name of ['a.b', 'a_b', 'a__b', 'a-b', 'a---b', 'a-b.c_d__e']) assert.equal(ok(name).name, name);
    failsAt('a___b', 'separator', '___');
    failsAt('a..b', 'separator', '..');
    failsAt('a._b', 'separator', '._');
    failsAt('a_-b', 'separator', '_-');
    failsAt('a.-b', 'separator', '.-');
  });

  test('separators may not lead or trail a component', () => {
    failsAt('-a', 'separator-position', '-');
    failsAt('a-', 'separator-position', '-');
    failsAt('a--/b', 'separator-position', '--');
    failsAt('a/_b', 'separator-position', '_');
    failsAt('a/b__', 'separator-position', '__');
    failsAt('a/b.:tag', 'separator-position', '.');
  });

  test('uppercase is named with the letters that are wrong', () => {
    const e = failsAt('docker/Docker', 'uppercase', 'D', 7);
    assert.equal(e.message, 'uppercase letter in repository name');
    failsAt('Uppercase:tag', 'uppercase', 'U', 0, 'strict');
    failsAt('team/myAPPname', 'uppercase', 'APP');
  });

  test('empty components and slashes at the edges', () => {
    failsAt('docker//x', 'empty-component', '//');
    failsAt('docker/', 'empty-component', '/');
    failsAt('/docker', 'empty-component', '/');
    failsAt('docker.io/', 'missing-name', '/');
  });

  test('other characters are named', () => {
    failsAt('aa/asdf$$^/aa', 'invalid-char', '$');
    failsAt('caf\u00e9', 'invalid-char', '\u00e9');
    failsAt('app\u{1f600}', 'invalid-char', '\u{1f600}');
    failsAt('a\u0001b', 'invalid-char', '\u0001');
  });

  test('255 characters of path at most; the domain does not count', () => {
    const longDomain = `${'r'.repeat(300)}.example.com`;
    assert.equal(ok(`${longDomain}/${'a'.repeat(255)}`).path.length, 255);
    const path = 'a'.repeat(256);
    const e = failsAt(`example.com/${path}:v1`, 'name-too-long', path);
    assert.match(e.message, /255 characters \(found 256\)/);
    assert.equal(ok(`team/${'a'.repeat(250)}`).path.length, 255);
    failsAt(`team/${'a'.repeat(251)}`, 'name-too-long', `team/${'a'.repeat(251)}`);
  });

  test('the implied library/ counts toward the 255 (Go parses docker.io/library/<name>)', () => {
    assert.equal(ok('a'.repeat(247)).path.length, 255);
    const e = failsAt('a'.repeat(248), 'name-too-long', 'a'.repeat(248));
    assert.match(e.message, /library/);
    assert.equal(ok('a'.repeat(255), 'strict').path.length, 255);
  });
});

describe('tags', () => {
  test('word character first, then word characters, "." and "-", 128 at most', () => {
    assert.equal(ok('app:v1.0-rc_1').tag, 'v1.0-rc_1');
    assert.equal(ok('app:UPPER').tag, 'UPPER');
    assert.equal(ok('app:_x').tag, '_x');
    const tag = 'x'.repeat(128);
    assert.equal(ok(`app:${tag}`).tag, tag);
    const e = failsAt(`app:${tag}y`, 'tag-too-long', `${tag}y`);
    assert.equal(e.message, 'tag longer than 128 characters (found 129)');
    failsAt('app:-x', 'tag-start', '-');
    failsAt('app:.x', 'tag-start', '.');
    failsAt('app:v~1', 'invalid-char', '~');
  });

  test('stray colons and at signs get their own messages', () => {
    failsAt(':tag', 'missing-name', ':');
    failsAt('app:', 'empty-tag', ':');
    failsAt('app:@sha256:x', 'empty-tag', ':');
    failsAt('app::1', 'stray-colon', ':', 4);
    failsAt('app:1:2', 'stray-colon', ':', 5);
    failsAt(':', 'missing-name', ':');
    failsAt('@', 'missing-name', '@');
    failsAt('app@', 'empty-digest', '@');
    failsAt('app@@x', 'stray-at', '@', 4);
    failsAt(`app@sha256:${HEX64}@x`, 'stray-at', '@', 75);
    failsAt('app/b:c/d', 'invalid-char', '/', 7);
  });
});

describe('digests', () => {
  test('sha256, sha384 and sha512, with their lengths', () => {
    for (const [algorithm, length] of [['sha256', 64], ['sha384', 96], ['sha512', 128]] as const) {
      const digest = `${algorithm}:${'0123456789abcdef'.repeat(8).slice(0, length)}`;
      assert.equal(ok(`app@${digest}`).digest, digest);
      const short = `${algorithm}:${'a'.repeat(length - 1)}`;
      const e = failsAt(`app@${short}`, 'digest-length', 'a'.repeat(length - 1));
      assert.equal(e.message, `${algorithm} digest needs ${length} hex characters, found ${length - 1}`);
      failsAt(`app@${algorithm}:${'a'.repeat(length + 1)}`, 'digest-length', 'a'.repeat(length + 1));
    }
  });

  test('the sha512 vector Go rejects only for its test binary is valid here (ambiguity #1)', () => {
    const r = ok(`validname@sha512:${'f'.repeat(128)}`, 'strict');
    assert.equal(r.digest, `sha512:${'f'.repeat(128)}`);
  });

  test('tag and digest together', () => {
    const r = ok(`busybox:latest@sha256:${HEX64}`);
    assert.deepEqual([r.tag, r.digest, r.familiar], ['latest', `sha256:${HEX64}`, `busybox:latest@sha256:${HEX64}`]);
  });

  test('each digest mistake is named where it is', () => {
    failsAt(`app@md5:${HEX64}`, 'digest-algorithm', 'md5');
    const e = failsAt(`app@SHA256:${HEX64}`, 'digest-algorithm', 'SHA256');
    assert.match(e.message, /lowercase/);
    failsAt(`app@sha256:${HEX64.slice(0, 10)}ABC${HEX64.slice(13)}`, 'digest-hex', 'ABC');
    failsAt(`app@sha256:${HEX64.slice(0, 10)}g${HEX64.slice(11)}`, 'digest-hex', 'g');
    failsAt('app@sha256', 'digest-format', 'sha256');
    failsAt(`app@:${HEX64}`, 'digest-format', ':');
    failsAt('app@sha256:', 'digest-length', ':');
    failsAt(`@sha256:${HEX64}`, 'missing-name', '@');
  });
});

describe('whitespace and variables', () => {
  test('leading, trailing, inner and only whitespace', () => {
    failsAt(' ubuntu', 'whitespace', ' ');
    failsAt('ubuntu\n', 'whitespace', '\n');
    failsAt('ubuntu \t', 'whitespace', ' \t');
    failsAt('ubu ntu', 'whitespace', ' ');
    failsAt('ubuntu:\u00a01', 'whitespace', '\u00a0');
    const e = failsAt('   ', 'whitespace', '   ');
    assert.equal(e.message, 'reference is blank');
    failsAt('', 'empty', '');
  });

  test('${VAR} and $VAR are errors with the variable as the span; callers decide whether to report', () => {
    failsAt('${REGISTRY}/app:${TAG}', 'variable', '${REGISTRY}');
    failsAt('app:${TAG}', 'variable', '${TAG}');
    failsAt('app:$TAG', 'variable', '$TAG');
    failsAt('${REGISTRY:-docker.io}/app', 'variable', '${REGISTRY:-docker.io}');
    failsAt('team/${APP}', 'variable', '${APP}');
    failsAt('app@${DIGEST}', 'variable', '${DIGEST}');
    failsAt('${A:-${B}}/app', 'variable', '${A:-${B}}');
    const e = failsAt('app:${TAG', 'variable', '${TAG');
    assert.match(e.message, /unclosed/);
  });
});
