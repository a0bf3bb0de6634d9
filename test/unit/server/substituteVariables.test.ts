import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractDockerfile } from '../../../src/server/extract/extractDockerfile';
import { heredocNames } from '../../../src/server/extract/heredocNames';
import { splitWords } from '../../../src/server/extract/splitWords';
import { MAX_SUBSTITUTED_LENGTH, substituteVariables } from '../../../src/server/extract/substituteVariables';

const VARS = new Map<string, string | undefined>([
  ['V', 'alpine'],
  ['EMPTY', ''],
  ['UNSET', undefined],
  ['PATHV', 'docker.io/library/debian:bookworm-slim'],
  ['VER', '3.19.1'],
]);

/** `value` when known, `?` + the unknown variables when not, `!` + the problem when the builder refuses the word. */
function read(word: string, vars: ReadonlyMap<string, string | undefined> = VARS, escape = '\\'): string {
  const s = substituteVariables(word, vars, escape);
  if (s.known) return s.value;
  return s.problem ? `!${s.problem}` : `?${s.unresolved.join(',')}`;
}

test('substitution: each ${…} form reads as BuildKit reads it', () => {
  const cases: Array<[string, string]> = [
    ['$V', 'alpine'],
    ['${V}:3', 'alpine:3'],
    ['$V$V', 'alpinealpine'],
    ['${V:-x}', 'alpine'],
    ['${EMPTY:-busybox}', 'busybox'],
    ['${EMPTY-busybox}', ''],
    ['${NOPE-busybox}', 'busybox'],
    ['${UNSET:-busybox}', 'busybox'],
    ['${V:+":$VER"}', ':3.19.1'],
    ["${V:+'x y'}", 'x y'],
    ['${EMPTY:+x}', ''],
    ['${EMPTY+x}', 'x'],
    ['${UNSET+x}', '?UNSET'],
    ['${V:?must be set}', 'alpine'],
    ['${EMPTY:?must be set}', '?'],
    ['${EMPTY?must be set}', ''],
    ['${UNSET?must be set}', '?UNSET'],
    ['${PATHV#*/}', 'library/debian:bookworm-slim'],
    ['${PATHV##*/}', 'debian:bookworm-slim'],
    ['${PATHV%:*}', 'docker.io/library/debian'],
    ['${PATHV%%/*}', 'docker.io'],
    ['${VER%.*}', '3.19'],
    ['${VER%%.*}', '3'],
    ['${VER#?.}', '19.1'],
    ['${VER#x*}', '3.19.1'],
    ['${V#\\*}', 'alpine'],
    ['${V/p/P}', 'alPine'],
    ['${PATHV//i/I}', 'docker.Io/lIbrary/debIan:bookworm-slIm'],
    ['${UNSET#x}', '?UNSET'],
    ['"$V:3"', 'alpine:3'],
    ["'$V:3'", '$V:3'],
    ['a\\$V', 'a$V'],
    ['$', '$'],
    ['$1', '?1'],
    ['${V:0:3}', '!unsupported modifier (:0) in ${V…}'],
    ['${V:#x}', '!unsupported modifier (:#) in ${V…}'],
    ['${V', "!no closing '}'"],
    ['${}', '!bad substitution'],
    ['"open', '!no closing double quote'],
    ['${V#\\a}', '!invalid pattern (\\a) in substitution'],
  ];
  for (const [word, expected] of cases) assert.equal(read(word), expected, word);
});

test('substitution: the escape directive`s backtick escapes, the backslash is then plain', () => {
  assert.equal(read('a`$V', VARS, '`'), 'a$V');
  assert.equal(read('a\\b', VARS, '`'), 'a\\b');
});

test('substitution: a value past the bound is never built, however it grows', () => {
  const vars = new Map<string, string | undefined>([['x', 'x'.repeat(MAX_SUBSTITUTED_LENGTH)]]);
  const s = substituteVariables('$x$x', vars);
  assert.equal(s.known, false);
  assert.match(s.problem ?? '', /longer than 4096 characters/);

  const lines = ['ARG a0=x', ...Array.from({ length: 40 }, (_, i) => `ARG a${i + 1}=\${a${i}}\${a${i}}`), 'FROM busybox:$a40', 'FROM busybox:${a40%%x*}1'];
  const sites = extractDockerfile(lines.join('\n')).sites;
  assert.deepEqual(
    sites.map((s) => [s.role, s.variables]),
    [
      ['unresolved', ['a40 (longer than 4096 characters)']],
      ['unresolved', ['a40 (longer than 4096 characters)']],
    ],
  );
});

test('templates: one word however many spaces it holds, and never checked', () => {
  assert.deepEqual(
    splitWords('buildpack-deps:{{ env.codename }}-curl AS {% raw %}x'),
    [
      { text: 'buildpack-deps:{{ env.codename }}-curl', start: 0 },
      { text: 'AS', start: 39 },
      { text: '{% raw %}x', start: 42 },
    ],
  );
  const { sites } = extractDockerfile('FROM buildpack-deps:{{ env.codename }}-curl\nFROM python:1-${templateOption:imageVariant}\nFROM {{ .Image }} AS b\n');
  assert.deepEqual(
    sites.map((s) => [s.role, s.value, s.variables]),
    [
      ['unresolved', 'buildpack-deps:{{ env.codename }}-curl', ['{{ env.codename }}']],
      ['unresolved', 'python:1-${templateOption:imageVariant}', ['${templateOption:imageVariant}']],
      ['unresolved', '{{ .Image }}', ['{{ .Image }}']],
    ],
  );
});

test('heredocs: only a whole word starting with << opens one, several per line', () => {
  assert.deepEqual(heredocNames('RUN echo "a<<b"'), []);
  assert.deepEqual(heredocNames("RUN echo 'a<<b' a<<b cat<<EOF"), []);
  assert.deepEqual(heredocNames('RUN <<EOF'), [{ name: 'EOF', chomp: false }]);
  assert.deepEqual(heredocNames('RUN <<-"EOT" cat && cat <<\'END\' && x 2<<ERR'), [
    { name: 'EOT', chomp: true },
    { name: 'END', chomp: false },
    { name: 'ERR', chomp: false },
  ]);
  assert.deepEqual(heredocNames('COPY <<A << B /dest/'), [
    { name: 'A', chomp: false },
    { name: 'B', chomp: false },
  ]);
  // An unclosed quote makes BuildKit's lexer fail, and then no heredoc is found.
  assert.deepEqual(heredocNames('RUN echo "oops <<EOF'), []);
});

test('stages: found by name and number among 100,000 of them, first declaration wins', () => {
  const lines: string[] = [];
  for (let i = 0; i < 100_000; i++) lines.push(`FROM alpine:3.19 AS s${i}`);
  lines.push('COPY --from=S99999 / /', 'COPY --from=99999 / /', 'COPY --from=100000 / /', 'FROM s0');
  const { sites, stages } = extractDockerfile(lines.join('\n'));
  assert.equal(stages.length, 100_001);
  assert.deepEqual(
    sites.slice(-4).map((s) => `${s.role}:${s.value}`),
    ['stage:S99999', 'stage:99999', 'image:100000', 'stage:s0'],
  );
});
