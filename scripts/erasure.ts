/**
 * The grace clock of erasures, against core's database. `status` lists the owners whose erasure is pending and
 * when each will be purged. `advance --days N` moves every pending erasure N days closer to its purge (for tests
 * and demos) and sends the purge notice of those now past the 90 days at once; core's running relay publishes it
 * and every subgraph purges. Exit code 0: done; 2: cannot run (usage, database).
 *
 *   DATABASE_URL=postgres://.../core pnpm erasure status
 *   DATABASE_URL=postgres://.../core pnpm erasure advance --days 91
 */
import { openPostgres } from '@psa/db';
import { advanceGraceClock, ERASURE_GRACE_DAYS, issueDueErasures, pendingErasures } from '@psa/core';

function usage(problem: string): number {
  console.error(`${problem}\nusage: DATABASE_URL=postgres://<core's database> pnpm erasure status | advance --days N`);
  return 2;
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  let days = 0;
  if (command === 'advance') {
    const text = rest[0] === '--days' ? rest[1] : undefined;
    days = Number(text);
    if (rest.length !== 2 || !/^\d+$/.test(text ?? '') || days < 1 || days > 3650)
      return usage(`--days must be a whole number of days from 1 to 3650, got ${JSON.stringify(text ?? null)}`);
  } else if (command !== 'status' || rest.length > 0) {
    return usage(command ? `unknown command "${[command, ...rest].join(' ')}"` : 'name a command');
  }
  const url = process.env.DATABASE_URL;
  if (!url) return usage("set DATABASE_URL to core's database (a postgres:// URL)");
  const database = openPostgres(url, { maxConnections: 1 });
  try {
    if (command === 'advance') {
      const moved = await advanceGraceClock(database.db, days);
      console.log(`grace clock moved ${days} day(s) forward for ${moved} pending erasure(s)`);
      const issued = await issueDueErasures(database.db);
      console.log(`purge notice sent for ${issued} owner(s) past their ${ERASURE_GRACE_DAYS}-day grace`);
    }
    const pending = await pendingErasures(database.db);
    console.log(`${pending.length} erasure(s) pending`);
    for (const p of pending) console.log(`  owner ${p.id}: asked ${p.requestedAt?.toISOString()}, purged after ${new Date(p.purgeAfter).toISOString()}`);
    return 0;
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`erasure failed: ${error.message}`);
    process.exit(2);
  },
);
