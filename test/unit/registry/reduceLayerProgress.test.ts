import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reduceLayerProgress } from '../../../src/engine/registry/reduceLayerProgress';
import { EMPTY_TRANSFER, type ProgressMessage, type TransferState } from '../../../src/engine/registry/TransferState';

/** Lines as Engine 20.10 sent them for a push of two tags to 127.0.0.1:5000 (captured, progress bars trimmed). */
const PUSH_TWO_TAGS = `
{"status":"The push refers to repository [127.0.0.1:5000/exp/amwzoipmm]"}
{"status":"Preparing","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Preparing","progressDetail":{},"id":"617cfefc3727"}
{"status":"Pushing","progressDetail":{"current":33792,"total":1982256},"id":"617cfefc3727"}
{"status":"Pushing","progressDetail":{"current":512,"total":3216},"id":"a0c1ed242129"}
{"status":"Pushing","progressDetail":{"current":138752,"total":3216},"id":"a0c1ed242129"}
{"status":"Pushed","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Pushing","progressDetail":{"current":1984512,"total":1982256},"id":"617cfefc3727"}
{"status":"Pushed","progressDetail":{},"id":"617cfefc3727"}
{"status":"v1: digest: sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd size: 736"}
{"progressDetail":{},"aux":{"Tag":"v1","Digest":"sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd","Size":736}}
{"status":"Preparing","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Preparing","progressDetail":{},"id":"617cfefc3727"}
{"status":"Layer already exists","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Layer already exists","progressDetail":{},"id":"617cfefc3727"}
{"status":"v2: digest: sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd size: 736"}
{"progressDetail":{},"aux":{"Tag":"v2","Digest":"sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd","Size":736}}`;

const PUSH_MOUNTED = `
{"status":"The push refers to repository [127.0.0.1:5000/exp/pullmwzoqpbu]"}
{"status":"Preparing","progressDetail":{},"id":"72cb687f6112"}
{"status":"Preparing","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Preparing","progressDetail":{},"id":"617cfefc3727"}
{"status":"Pushing","progressDetail":{"current":33280,"total":3145728},"id":"72cb687f6112"}
{"status":"Mounted from exp/mountmwzoiwfv","progressDetail":{},"id":"a0c1ed242129"}
{"status":"Mounted from exp/mountmwzoiwfv","progressDetail":{},"id":"617cfefc3727"}`;

const PULL = `
{"status":"Pulling from exp/pullmwzoqpbu","id":"v1"}
{"status":"Already exists","progressDetail":{},"id":"25c1d3105e7d"}
{"status":"Already exists","progressDetail":{},"id":"af7841b9212e"}
{"status":"Pulling fs layer","progressDetail":{},"id":"23289bba94c3"}
{"status":"Downloading","progressDetail":{"current":36445,"total":3146835},"id":"23289bba94c3"}
{"status":"Verifying Checksum","progressDetail":{},"id":"23289bba94c3"}
{"status":"Download complete","progressDetail":{},"id":"23289bba94c3"}
{"status":"Extracting","progressDetail":{"current":32768,"total":3146835},"id":"23289bba94c3"}
{"status":"Extracting","progressDetail":{"current":3146835,"total":3146835},"id":"23289bba94c3"}
{"status":"Pull complete","progressDetail":{},"id":"23289bba94c3"}
{"status":"Digest: sha256:0621aeb10511370e30a9658ad0053ddb459bb019ad41774a4594787f8000c311"}
{"status":"Status: Downloaded newer image for 127.0.0.1:5000/exp/pullmwzoqpbu:v1"}`;

function lines(text: string): ProgressMessage[] {
  return text.trim().split('\n').map((l) => JSON.parse(l) as ProgressMessage);
}

function fold(messages: ProgressMessage[], from: TransferState = EMPTY_TRANSFER): TransferState[] {
  const states: TransferState[] = [];
  let s = from;
  for (const m of messages) states.push((s = reduceLayerProgress(s, m)));
  return states;
}

test('a push of two tags: layers prepare, push with bytes, are pushed, then already exist for the second tag', () => {
  const states = fold(lines(PUSH_TWO_TAGS));
  assert.deepEqual(states[2].layers, [
    { id: 'a0c1ed242129', phase: 'preparing' },
    { id: '617cfefc3727', phase: 'preparing' },
  ]);
  assert.deepEqual(states[3].layers[1], { id: '617cfefc3727', phase: 'pushing', current: 33792, total: 1982256 });
  assert.deepEqual(states[6].layers[0], { id: 'a0c1ed242129', phase: 'pushed' });
  const end = states.at(-1)!;
  assert.deepEqual(end.layers, [
    { id: 'a0c1ed242129', phase: 'exists' },
    { id: '617cfefc3727', phase: 'exists' },
  ]);
  assert.deepEqual(end.pushed, [
    { tag: 'v1', digest: 'sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd', size: 736 },
    { tag: 'v2', digest: 'sha256:32c420feb2f7c1ca69af7f6828625b6984e710e8d417b78dd1fa1e5936287fdd', size: 736 },
  ]);
  assert.equal(end.error, undefined);
});

test('layers the registry mounts from another repository say where from', () => {
  const end = fold(lines(PUSH_MOUNTED)).at(-1)!;
  assert.deepEqual(end.layers, [
    { id: '72cb687f6112', phase: 'pushing', current: 33280, total: 3145728 },
    { id: 'a0c1ed242129', phase: 'mounted', from: 'exp/mountmwzoiwfv' },
    { id: '617cfefc3727', phase: 'mounted', from: 'exp/mountmwzoiwfv' },
  ]);
});

test('a pull: layers that exist, download, verify, extract, complete; digest and closing status kept', () => {
  const states = fold(lines(PULL));
  assert.deepEqual(states[0], EMPTY_TRANSFER, 'the "Pulling from" line (id = tag) is not a layer');
  assert.deepEqual(states[4].layers[2], { id: '23289bba94c3', phase: 'downloading', current: 36445, total: 3146835 });
  assert.equal(states[5].layers[2].phase, 'verifying');
  assert.equal(states[6].layers[2].phase, 'downloaded');
  assert.deepEqual(states[7].layers[2], { id: '23289bba94c3', phase: 'extracting', current: 32768, total: 3146835 });
  const end = states.at(-1)!;
  assert.deepEqual(
    end.layers.map((l) => [l.id, l.phase]),
    [
      ['25c1d3105e7d', 'exists'],
      ['af7841b9212e', 'exists'],
      ['23289bba94c3', 'pulled'],
    ],
  );
  assert.equal(end.digest, 'sha256:0621aeb10511370e30a9658ad0053ddb459bb019ad41774a4594787f8000c311');
  assert.equal(end.status, 'Downloaded newer image for 127.0.0.1:5000/exp/pullmwzoqpbu:v1');
});

test('an error line ends in the state as the engine said it', () => {
  const end = fold(
    lines(`
{"status":"Preparing","progressDetail":{},"id":"a0c1ed242129"}
{"errorDetail":{"message":"no basic auth credentials"},"error":"no basic auth credentials"}`),
  ).at(-1)!;
  assert.equal(end.error, 'no basic auth credentials');
  assert.equal(end.layers.length, 1);
});

test('waiting and retrying layers; a line that changes nothing returns the same state object', () => {
  let s = reduceLayerProgress(undefined, { status: 'Waiting', id: 'aaaaaaaaaaaa', progressDetail: {} });
  assert.deepEqual(s.layers, [{ id: 'aaaaaaaaaaaa', phase: 'waiting' }]);
  const same = reduceLayerProgress(s, { status: 'Waiting', id: 'aaaaaaaaaaaa', progressDetail: {} });
  assert.equal(same, s);
  s = reduceLayerProgress(s, { status: 'Retrying in 5 seconds', id: 'aaaaaaaaaaaa', progressDetail: {} });
  assert.equal(s.layers[0].phase, 'retrying');
  assert.equal(reduceLayerProgress(s, { status: 'The push refers to repository [x]' }), s);
});

test('the reducer never changes the state it is given', () => {
  const before = fold(lines(PUSH_MOUNTED)).at(-1)!;
  const snapshot = JSON.stringify(before);
  reduceLayerProgress(before, { status: 'Pushed', id: '72cb687f6112', progressDetail: {} });
  reduceLayerProgress(before, { aux: { Tag: 'v9', Digest: 'sha256:0', Size: 1 } });
  assert.equal(JSON.stringify(before), snapshot);
});
