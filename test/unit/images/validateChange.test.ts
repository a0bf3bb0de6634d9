import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateChange } from '../../../src/engine/commit/validateChange';

function ok(line: string, instruction: string): void {
  const check = validateChange(line);
  assert.equal(check.error, undefined, `${line}: ${check.error?.message}`);
  assert.equal(check.instruction, instruction, line);
}

/** `marked` is the bad part of `line` (its first occurrence): the error's span must be exactly it. */
function bad(line: string, marked: string, message: RegExp, instruction?: string): void {
  const check = validateChange(line);
  assert.ok(check.error, `${line} should be refused`);
  assert.match(check.error.message, message, line);
  const at = line.indexOf(marked);
  assert.ok(at >= 0, `test bug: "${marked}" is not in "${line}"`);
  assert.deepEqual([check.error.start, check.error.end], [at, at + marked.length], `${line}: span of "${line.slice(check.error.start, check.error.end)}"`);
  if (instruction !== undefined) assert.equal(check.instruction, instruction);
}

test('the article example and every commit instruction in its good forms', () => {
  ok('CMD ["/bin/httpd","-f","-h","/data/html"]', 'CMD');
  ok('CMD /bin/httpd -f -h /data/html', 'CMD');
  ok('cmd []', 'CMD');
  ok('  ENTRYPOINT ["/bin/sh", "-c"]  ', 'ENTRYPOINT');
  ok('ENTRYPOINT exec /app --port 80', 'ENTRYPOINT');
  ok('CMD ["say \\"hi\\"", "tab\\tend", "\\u00e9"]', 'CMD');
  ok('ENV PATH=/usr/local/bin:/usr/bin', 'ENV');
  ok('ENV A=1 B="two words" C=\'three\' D=a\\ b', 'ENV');
  ok('ENV LEGACY some value with spaces', 'ENV');
  ok('ENV EMPTY=', 'ENV');
  ok('LABEL org.opencontainers.image.title="My app" version=1.0', 'LABEL');
  ok('LABEL "quoted key"=value', 'LABEL');
  ok('EXPOSE 80', 'EXPOSE');
  ok('EXPOSE 80/tcp 53/udp 9000/sctp 8000-8010 7000-7001/UDP', 'EXPOSE');
  ok('EXPOSE $PORT', 'EXPOSE');
  ok('USER nobody', 'USER');
  ok('USER 1000:1000', 'USER');
  ok('WORKDIR /data/html', 'WORKDIR');
  ok('WORKDIR /path with spaces', 'WORKDIR');
  ok('VOLUME /data', 'VOLUME');
  ok('VOLUME /data /logs', 'VOLUME');
  ok('VOLUME ["/data", "/logs"]', 'VOLUME');
  ok('ONBUILD RUN make', 'ONBUILD');
  ok('ONBUILD COPY --chown=1:1 . /src', 'ONBUILD');
  ok('ONBUILD CMD ["/app"]', 'ONBUILD');
  ok('ONBUILD HEALTHCHECK --interval=5s CMD wget -q localhost', 'ONBUILD');
  ok('ONBUILD SHELL ["/bin/sh", "-c"]', 'ONBUILD');
  ok('ONBUILD ARG VERSION=1', 'ONBUILD');
});

test('empty lines, comments and line breaks are refused', () => {
  bad('', '', /empty change/, '');
  const blank = validateChange('   ');
  assert.match(blank.error!.message, /empty change/);
  assert.deepEqual([blank.error!.start, blank.error!.end], [0, 3]);
  bad('# CMD x', '# CMD x', /comment/);
  bad('CMD a\nRUN rm -rf /', '\n', /single line/);
  bad('ENV A=1\r', '\r', /single line/);
  bad('CMD echo \\', '\\', /join it to the next change/);
});

test('instructions a commit cannot apply, and unknown ones, point at the word', () => {
  bad('RUN apt-get update', 'RUN', /RUN cannot be applied by a commit; allowed: CMD, ENTRYPOINT/, '');
  bad('FROM busybox', 'FROM', /FROM cannot be applied/);
  bad('COPY . /app', 'COPY', /COPY cannot be applied/);
  bad('HEALTHCHECK NONE', 'HEALTHCHECK', /HEALTHCHECK cannot be applied/);
  bad('  MAINTAINER me', 'MAINTAINER', /MAINTAINER cannot be applied/);
  bad('CMDX /bin/sh', 'CMDX', /unknown instruction "CMDX"/);
  bad('CMD["/bin/sh"]', '[', /put a space after CMD/);
});

test('instructions without arguments are refused at the instruction', () => {
  for (const i of ['CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'LABEL', 'USER', 'VOLUME', 'WORKDIR']) {
    bad(`${i}   `, i, new RegExp(`${i} needs an argument`), i);
  }
  bad('ONBUILD', 'ONBUILD', /ONBUILD needs an argument/, 'ONBUILD');
});

test('options are refused where the engine would refuse them', () => {
  bad('CMD --verbose run', '--verbose', /CMD takes no options.*use the JSON form/);
  bad('WORKDIR --x /a', '--x', /WORKDIR takes no options/);
});

test('CMD and ENTRYPOINT: text that starts with [ must be a JSON array of strings', () => {
  bad("CMD ['/bin/sh']", "'", /double quotes/);
  bad('CMD [/bin/sh]', '/bin/sh', /must be strings in double quotes, found \/bin\/sh/);
  bad('CMD ["a", 1]', '1', /must be strings.*found 1/);
  bad('ENTRYPOINT ["a", "b",]', ']', /trailing comma/);
  bad('CMD ["a" "b"]', '"b"', /expected , or \] after an array element, found "/);
  bad('CMD ["a", "b"', '[', /JSON array opened here is not closed: expected \]/);
  bad('CMD ["unterminated]', '"', /JSON string is not closed/);
  bad('CMD ["bad \\x escape"]', '\\x', /invalid escape \\x/);
  bad('CMD ["a"] extra', 'extra', /unexpected text after the JSON array/);
});

test('ENV and LABEL: KEY=VALUE pairs with quotes, or the legacy KEY VALUE', () => {
  bad('ENV A=1 B', 'B', /expected KEY=VALUE, found "B" with no =/, 'ENV');
  bad('LABEL =x', '=', /LABEL needs a name before =/);
  bad('ENV A="unclosed', '"', /unclosed " quote/);
  bad("LABEL a='x", "'", /unclosed ' quote/);
  bad('ENV ALONE', 'ALONE', /ENV needs KEY=VALUE \(or the legacy form ENV KEY VALUE\)/);
  bad('LABEL A=1 "b c"', '"b c"', /no =/);
});

test('EXPOSE: ports, ranges and protocols, each checked where it is', () => {
  bad('EXPOSE 80 http', 'http', /expected port\[\/tcp\|udp\|sctp\] or a range/);
  bad('EXPOSE 70000', '70000', /port 70000 is out of range \(1-65535\)/);
  bad('EXPOSE 0', '0', /out of range/);
  bad('EXPOSE 8000-99999', '99999', /port 99999 is out of range/);
  bad('EXPOSE 90-80/tcp', '90-80', /runs backwards/);
  bad('EXPOSE 80/icmp', 'icmp', /unknown protocol "icmp": use tcp, udp or sctp/);
  bad('EXPOSE 127.0.0.1:80:80', '127.0.0.1:80:80', /expected port/);
});

test('USER, WORKDIR and VOLUME', () => {
  bad('USER nobody nogroup', ' nogroup', /USER takes one user\[:group\]/);
  bad('USER :staff', ':', /USER needs a user before :group/);
  bad('VOLUME []', '[]', /VOLUME needs at least one path/);
  bad('VOLUME ["/data", ""]', '["/data", ""]', /VOLUME path 2 is empty/);
  bad('VOLUME ["/data", /logs]', '/logs', /must be strings/);
});

test('ONBUILD wraps one other instruction, checked in place', () => {
  const chained = validateChange('ONBUILD ONBUILD RUN x');
  assert.match(chained.error!.message, /ONBUILD cannot wrap ONBUILD/);
  assert.deepEqual([chained.error!.start, chained.error!.end], [8, 15]);
  bad('ONBUILD FROM busybox', 'FROM', /ONBUILD cannot wrap FROM/, 'ONBUILD');
  bad('ONBUILD MAINTAINER me', 'MAINTAINER', /ONBUILD cannot wrap MAINTAINER/);
  bad('ONBUILD BOGUS x', 'BOGUS', /unknown instruction "BOGUS"/, 'ONBUILD');
  bad("ONBUILD CMD ['x']", "'", /double quotes/, 'ONBUILD');
  bad('ONBUILD EXPOSE 99999', '99999', /out of range/);
  bad('ONBUILD COPY onlyone', 'onlyone', /COPY needs a source and a destination/);
  bad('ONBUILD SHELL /bin/sh', '/bin/sh', /SHELL needs the JSON form/);
  bad('ONBUILD HEALTHCHECK wget x', 'wget', /HEALTHCHECK needs CMD <command> or NONE/);
  bad('ONBUILD STOPSIGNAL SIGTERM now', ' now', /STOPSIGNAL takes one signal/);
  bad('ONBUILD ENV A=1 Z', 'Z', /no =/);
});
