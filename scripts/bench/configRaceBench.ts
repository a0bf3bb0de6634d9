import { registryAccount } from '../../test/integration/registry/registryTestKit';
import { raceWithDockerCli } from '../../test/faults/support/raceWithDockerCli';
import { testEngine } from '../../test/support/testEngine';

/**
 * Concurrent writers of config.json: Stowage logs in and out of the local registry
 * while the real docker CLI logs in and out of it (under another name) at the same
 * moments, ROUNDS times. Reports how many of Stowage's reported logins were lost and
 * how many of its reported logouts had the password back afterwards, beside the same
 * figures for the docker CLI's own logins and logouts in the same run (the reference:
 * the CLI does not lock the file either).
 */
const ROUNDS = Number(process.env.STOWAGE_BENCH_ROUNDS ?? 50);
const SEED = Number(process.env.STOWAGE_BENCH_SEED ?? 1);

async function main(): Promise<void> {
  const started = Date.now();
  const f = await raceWithDockerCli(testEngine(), registryAccount(), ROUNDS, SEED);
  const seconds = (Date.now() - started) / 1000;
  console.log(`config.json race, ${ROUNDS} rounds (seed ${SEED}), ${seconds.toFixed(1)} s`);
  console.log(`Stowage logins lost:            ${f.stowageLoginsLost} of ${f.stowageLogins} reported logged in (${f.stowageLoginsRefused} said plainly they could not store)`);
  console.log(`Stowage logouts resurrected:    ${f.stowageLogoutsResurrected} of ${f.stowageLogouts} reported logged out (${f.stowageLogoutsRefused} said plainly they could not make it stick)`);
  console.log(`docker CLI logins lost:         ${f.cliLoginsLost} of ${f.cliLogins}`);
  console.log(`docker CLI logouts resurrected: ${f.cliLogoutsResurrected} of ${f.cliLogouts}`);
  console.log(`rounds that lost other keys:    ${f.otherKeysLost}`);
  if (f.errors.length) console.log(`errors: ${f.errors.length}: ${[...new Set(f.errors)].slice(0, 5).join(' | ')}`);
  console.log(`BENCH ${JSON.stringify({ bench: 'configRace', seed: SEED, seconds, ...f, errors: f.errors.length })}`);
  if (f.otherKeysLost || f.errors.length) process.exitCode = 1;
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
