/** The key an SSH host presents, as ssh would show it before recording it in known_hosts. */
export interface HostKeyOffer {
  /** The endpoint asked about. */
  readonly url: string;
  /** The name ssh looks the key up by: `host`, or `[host]:port` off port 22 (HostKeyAlias when set). */
  readonly knownHostsName: string;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  readonly keyType: string;
  /** The key blob, base64, as known_hosts stores it. */
  readonly key: string;
  /** `SHA256:…`, as ssh and `ssh-keygen -l` print it. */
  readonly fingerprint: string;
  /**
   * `known`: already recorded; `unknown`: in no known_hosts file (the user may accept it);
   * `changed`: known_hosts holds another key for this host (never accepted here).
   */
  readonly state: 'known' | 'unknown' | 'changed';
  /** Where ssh records a new key: the first UserKnownHostsFile. */
  readonly knownHostsFile: string;
  /** Whether ssh hashes host names in known_hosts (HashKnownHosts). */
  readonly hashNames: boolean;
}
