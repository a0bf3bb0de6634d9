import { InputError } from '../../engine/images/InputError';
import { splitWords } from './splitWords';

/** What the engine's create call takes for `-p`: exposed ports and their host bindings. */
export interface PortSpec {
  readonly exposedPorts: Record<string, Record<string, never>>;
  readonly portBindings: Record<string, { HostIp: string; HostPort: string }[]>;
}

const FIELD = 'published port';

/**
 * `-p` specs, separated by spaces or commas: `80`, `8080:80`, `127.0.0.1:8080:80/tcp`,
 * `[::1]:8080:80`, `:80` (any host port), ranges `8000-8010:8000-8010` or a host range
 * for one container port `8000-8010:80` (the engine picks a free one).
 */
export function parsePorts(input: string): PortSpec {
  const exposedPorts: Record<string, Record<string, never>> = {};
  const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const word of splitWords(input.replace(/,/g, ' '), FIELD)) {
    const err = (problem: string, from = 0, to = word.text.length) => new InputError(FIELD, input, `${problem} in "${word.text}"`, word.start + from, word.start + to);
    let rest = word.text;
    let proto = 'tcp';
    const slash = rest.lastIndexOf('/');
    if (slash >= 0) {
      proto = rest.slice(slash + 1).toLowerCase();
      if (!['tcp', 'udp', 'sctp'].includes(proto)) throw err('the protocol is tcp, udp or sctp', slash + 1);
      rest = rest.slice(0, slash);
    }
    let hostIp = '';
    let offset = 0;
    if (rest.startsWith('[')) {
      const close = rest.indexOf(']');
      if (close < 0 || rest[close + 1] !== ':') throw err('an IPv6 host address is written [address]:hostPort:containerPort', 0, Math.max(close, 1));
      hostIp = rest.slice(1, close);
      offset = close + 2;
    }
    const parts = rest.slice(offset).split(':');
    if (parts.length > 3 || (offset && parts.length !== 2)) throw err('too many ":"; the form is [host address:][host port:]container port');
    if (parts.length === 3) {
      hostIp = parts[0];
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(hostIp) || hostIp.split('.').some((o) => Number(o) > 255)) throw err(`"${hostIp}" is not an IPv4 address`, 0, hostIp.length);
      offset = hostIp.length + 1;
      parts.shift();
    }
    const containerText = parts[parts.length - 1];
    const hostText = parts.length === 2 ? parts[0] : '';
    const hostStart = offset;
    const containerStart = offset + (parts.length === 2 ? hostText.length + 1 : 0);
    const container = range(containerText, () => err('the container port is a number from 1 to 65535 or a range like 8000-8010', containerStart, containerStart + Math.max(containerText.length, 1)));
    const host = hostText ? range(hostText, () => err('the host port is a number from 1 to 65535 or a range like 8000-8010', hostStart, hostStart + hostText.length)) : undefined;
    const count = container[1] - container[0] + 1;
    if (host && host[1] - host[0] + 1 !== count && count !== 1) throw err(`the host range has ${host[1] - host[0] + 1} ports and the container range ${count}`, hostStart);
    for (let i = 0; i < count; i++) {
      const key = `${container[0] + i}/${proto}`;
      exposedPorts[key] = {};
      const hostPort = !host ? '' : count === 1 ? (host[0] === host[1] ? `${host[0]}` : `${host[0]}-${host[1]}`) : `${host[0] + i}`;
      (portBindings[key] ??= []).push({ HostIp: hostIp, HostPort: hostPort });
    }
  }
  return { exposedPorts, portBindings };
}

function range(text: string, fail: () => InputError): [number, number] {
  const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(text);
  if (!m) throw fail();
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  if (from < 1 || to > 65535 || to < from) throw fail();
  return [from, to];
}
