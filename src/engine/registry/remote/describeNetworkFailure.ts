import { connect } from 'node:tls';
import type { RegistryErrorReason } from '../RegistryError';

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  'ERR_SSL_WRONG_VERSION_NUMBER',
]);

/**
 * A connection that failed, in words: nothing answering, or a TLS failure with
 * the subject of the certificate the server showed (read by a second handshake
 * that checks nothing and sends nothing), and where the engine looks for a CA.
 */
export async function describeNetworkFailure(err: NodeJS.ErrnoException, url: URL): Promise<{ reason: RegistryErrorReason; message: string }> {
  const code = err.code ?? '';
  if (url.protocol === 'https:' && (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(err.message))) {
    const subject = await certificateSubject(url).catch(() => undefined);
    const host = url.port ? `${url.hostname}:${url.port}` : url.hostname;
    return {
      reason: 'tls',
      message: `the TLS connection to ${url.origin} failed (${code || err.message})${subject ? `: its certificate is for ${subject}` : ''}. A registry with its own CA needs it in /etc/docker/certs.d/${host}/ca.crt.`,
    };
  }
  const why: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'no such host',
    EAI_AGAIN: 'the name does not resolve',
    ETIMEDOUT: 'no answer in time',
    ECONNRESET: 'the connection was dropped',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
  };
  return { reason: 'unreachable', message: `nothing answers at ${url.origin} (${why[code] ?? (code || err.message)}).` };
}

function certificateSubject(url: URL): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 443), servername: url.hostname, rejectUnauthorized: false, timeout: 5000 }, () => {
      const cert = socket.getPeerCertificate();
      socket.destroy();
      const parts = cert?.subject ? Object.entries(cert.subject).map(([k, v]) => `${k}=${String(v)}`) : [];
      const alt = cert?.subjectaltname ? ` (${cert.subjectaltname})` : '';
      resolve(parts.length ? `"${parts.join(', ')}"${alt}` : undefined);
    });
    socket.on('error', reject);
    socket.on('timeout', () => socket.destroy(new Error('timeout')));
  });
}
