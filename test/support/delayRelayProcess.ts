import { createConnection, createServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

// The relay behind startDelayProxy, in a process of its own: its work then never takes the
// event loop or the CPU time of the client it is measured against, as a network's would not.
// argv: target host:port, round trip in ms. Tells its port to the parent over IPC, and when
// asked, how many connections it has accepted.

const [target, roundTrip] = process.argv.slice(2);
const oneWayMs = Number(roundTrip) / 2;
const [host, port] = target.split(':');

/**
 * `from`'s bytes to `to`, each chunk `oneWayMs` after it arrived (as a link's latency holds it,
 * without one chunk waiting on the one before), and its end after the last chunk.
 */
function delayed(from: Socket, to: Socket): void {
  // Timers of equal duration fire in the order they were set: chunks keep their order.
  from.on('data', (chunk) => setTimeout(() => to.write(chunk), oneWayMs));
  from.on('end', () => setTimeout(() => to.end(), oneWayMs));
}

let connections = 0;
const server = createServer((client) => {
  connections++;
  const upstream = createConnection({ host, port: Number(port) });
  client.setNoDelay(true);
  upstream.setNoDelay(true);
  delayed(client, upstream);
  delayed(upstream, client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', () => setTimeout(close, oneWayMs));
  upstream.on('close', () => setTimeout(close, oneWayMs));
});
server.listen(0, '127.0.0.1', () => process.send?.({ port: (server.address() as AddressInfo).port }));
process.on('message', (m: { ask?: string }) => {
  if (m.ask === 'connections') process.send?.({ connections });
});
process.on('disconnect', () => process.exit(0));
