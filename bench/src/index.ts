/**
 * pnpm bench [sql|gateway|events|embedded|limits|privacy|geo|trainers|soak ...]: runs the named parts (all but soak by default) and writes
 * bench/results/latest.json and latest.md.
 */
import { benchEmbedded } from './embedded';
import { benchEvents } from './events';
import { benchGateway } from './gateway';
import { benchSoak } from './soak';
import { benchSql } from './sql';
import { benchLimits } from './limits';
import { benchPrivacy } from './privacy';
import { benchGeo } from './geo';
import { benchTrainerSearch } from './trainer-search';
import { log } from './results';

const PARTS: Record<string, () => Promise<void>> = {
  sql: benchSql,
  gateway: benchGateway,
  events: benchEvents,
  embedded: benchEmbedded,
  limits: benchLimits,
  privacy: benchPrivacy,
  geo: benchGeo,
  trainers: benchTrainerSearch,
  soak: benchSoak,
};
// The soak takes ten minutes and measures memory, not speed: it runs only when named.
const DEFAULT_PARTS = ['sql', 'gateway', 'events', 'embedded', 'limits', 'privacy', 'geo', 'trainers'];

async function main() {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((p) => !PARTS[p]);
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}`);
  const started = performance.now();
  for (const part of asked.length ? asked : DEFAULT_PARTS) {
    log(`== ${part}`);
    await PARTS[part]!();
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s; results in bench/results/latest.md`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  },
);
