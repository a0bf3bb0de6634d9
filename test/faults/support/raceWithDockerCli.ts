import { readFileSync, writeFileSync } from 'node:fs';
import type { Engine } from '../../../src/engine/Engine';
import { login } from '../../../src/engine/registry/login';
import { logout } from '../../../src/engine/registry/logout';
import { dockerCli, tempDockerConfig, type RegistryAccount } from '../../integration/registry/registryTestKit';
import { seededRandom } from '../../support/seededRandom';

/** What one run of rounds counted; Stowage's figures beside the docker CLI's own, same file, same moments. */
export interface RaceFigures {
  readonly rounds: number;
  /** Stowage logins that reported success. */
  stowageLogins: number;
  /** ...whose entry was not in config.json once both writers were done. */
  stowageLoginsLost: number;
  /** Stowage logins that said plainly they could not make the entry stick. */
  stowageLoginsRefused: number;
  /** Stowage logouts that reported success (erased or nothing to erase). */
  stowageLogouts: number;
  /** ...after which the password was back in config.json. */
  stowageLogoutsResurrected: number;
  /** Stowage logouts that said plainly they could not make it stick. */
  stowageLogoutsRefused: number;
  cliLogins: number;
  cliLoginsLost: number;
  cliLogouts: number;
  cliLogoutsResurrected: number;
  /** Rounds after which a key Stowage never touches was gone or changed (must stay 0). */
  otherKeysLost: number;
  /** Anything else that failed, in a word (never a secret). */
  readonly errors: string[];
}

/** Keys neither writer touches: both must keep them. */
const OTHER_KEYS = {
  psFormat: 'table {{.ID}}\\t{{.Names}}',
  proxies: { default: { httpProxy: 'http://proxy.invalid:3128' } },
  auths: { 'other.example.com': { auth: Buffer.from('someone:else').toString('base64') } },
};

/** How far apart the two writers may start: about the span of a `docker login` here (50–160 ms), so each lands inside the other's read-to-write window about as often as not. */
const LOGIN_SPREAD_MS = 80;
const LOGOUT_SPREAD_MS = 40;

/**
 * Stowage (login/logout of the registry as `127.0.0.1:5000`) and the real docker
 * CLI (`docker login`/`docker logout` of the same registry as `localhost:5000`, so a
 * different key in the same file) write one config.json at the same moments, each
 * starting after a random delay (seeded, so a run can be repeated). A round pairs
 * every action of one with every action of the other: 2 logins and 2 logouts each.
 * After each pairing, once both are done, the file is read: a login that reported
 * success must be there, a logout that reported success must have left no password.
 */
export async function raceWithDockerCli(engine: Engine, account: RegistryAccount, rounds: number, seed = 1): Promise<RaceFigures> {
  const cfg = tempDockerConfig(OTHER_KEYS);
  const random = seededRandom(seed);
  const cliKey = `localhost:${account.registry.split(':')[1]}`;
  const secret = Buffer.from(`${account.username}:${account.password}`).toString('base64');
  const figures: RaceFigures = {
    rounds,
    stowageLogins: 0,
    stowageLoginsLost: 0,
    stowageLoginsRefused: 0,
    stowageLogouts: 0,
    stowageLogoutsResurrected: 0,
    stowageLogoutsRefused: 0,
    cliLogins: 0,
    cliLoginsLost: 0,
    cliLogouts: 0,
    cliLogoutsResurrected: 0,
    otherKeysLost: 0,
    errors: [],
  };
  const stowage = (action: 'login' | 'logout', spread: number) =>
    after<unknown>(random() * spread, () =>
      action === 'login' ? login(engine, { server: account.registry, username: account.username, password: account.password }, cfg.options) : logout(account.registry, cfg.options),
    ).then(
      () => 'ok' as const,
      (err: Error) => err,
    );
  const cli = (action: 'login' | 'logout', spread: number) =>
    after(random() * spread, () =>
      action === 'login' ? dockerCli(['login', '--username', account.username, '--password-stdin', cliKey], cfg.env, `${account.password}\n`) : dockerCli(['logout', cliKey], cfg.env),
    );
  /** Both start (each after its own random delay); once both are done, the file is judged. */
  const phase = async (ours: 'login' | 'logout', theirs: 'login' | 'logout') => {
    const spread = ours === 'login' || theirs === 'login' ? LOGIN_SPREAD_MS : LOGOUT_SPREAD_MS;
    const [s, c] = await Promise.all([stowage(ours, spread), cli(theirs, spread)]);
    const text = readFileSync(cfg.file, 'utf8');
    const file = JSON.parse(text) as { auths?: Record<string, { auth?: string }>; [key: string]: unknown };
    const entry = file.auths?.[account.registry];
    if (s !== 'ok') {
      if (/could not make|kept (re)?writing/i.test(s.message)) figures[ours === 'login' ? 'stowageLoginsRefused' : 'stowageLogoutsRefused']++;
      else figures.errors.push(`${ours}: ${s.message}`);
    } else if (ours === 'login') {
      figures.stowageLogins++;
      if (entry?.auth !== secret) figures.stowageLoginsLost++;
    } else {
      figures.stowageLogouts++;
      if (entry !== undefined && JSON.stringify(entry).includes(secret)) figures.stowageLogoutsResurrected++;
    }
    if (c.code !== 0) figures.errors.push(`docker ${theirs}: ${c.stderr.trim().split('\n').pop()}`);
    else if (theirs === 'login') {
      figures.cliLogins++;
      if (!file.auths?.[cliKey]?.auth) figures.cliLoginsLost++;
    } else {
      figures.cliLogouts++;
      if (file.auths?.[cliKey] !== undefined) figures.cliLogoutsResurrected++;
    }
    if (!keepsOtherKeys(file)) figures.otherKeysLost++;
  };
  try {
    for (let round = 0; round < rounds; round++) {
      writeFileSync(cfg.file, JSON.stringify(OTHER_KEYS, null, '\t'), { mode: 0o600 });
      // Every pairing of the two writers' actions: each round is 2 logins and 2 logouts of each.
      await phase('login', 'login');
      await phase('logout', 'login');
      await phase('login', 'logout');
      await phase('logout', 'logout');
    }
    return figures;
  } finally {
    cfg.remove();
  }
}

function keepsOtherKeys(file: Record<string, unknown> & { auths?: Record<string, unknown> }): boolean {
  return (
    file.psFormat === OTHER_KEYS.psFormat &&
    JSON.stringify(file.proxies) === JSON.stringify(OTHER_KEYS.proxies) &&
    JSON.stringify(file.auths?.['other.example.com']) === JSON.stringify(OTHER_KEYS.auths['other.example.com'])
  );
}

function after<T>(ms: number, fn: () => Promise<T>): Promise<T> {
  return new Promise<void>((resolve) => setTimeout(resolve, ms)).then(fn);
}

