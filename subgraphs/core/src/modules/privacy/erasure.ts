import { and, asc, eq, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { ownerErasureContract } from '@psa/events';
import { clockWorker, type Worker, type WorkerDeps } from '@psa/subgraph-kit';
import { householdDissolved, ownerErased, petDeleted } from '../../events';
import { households } from '../households/tables';
import { change } from '../../outbox';
import { owners } from '../owners/tables';
import { pets } from '../pets/tables';

/** The seed's grace period between an erasure request and the purge. */
export const ERASURE_GRACE_DAYS = 90;
const DAY_MS = 24 * 3600_000;

export const purgeAfter = (requestedAt: Date) => new Date(requestedAt.getTime() + ERASURE_GRACE_DAYS * DAY_MS);

/**
 * Sends the purge notice for one owner whose grace is over, in one transaction with its events: the notice to
 * every subgraph (core's own purge included), `owner.erased`, `pet.deleted` and `household.dissolved` (those the
 * owner heads) for the copies, and a Kafka
 * tombstone after each so compaction forgets them. Locked and skipped when another replica has it.
 */
async function issueOne(db: Db, ownerId: string): Promise<boolean> {
  return change(db, async (tx, emit) => {
    const [owner] = await tx
      .select()
      .from(owners)
      .where(and(eq(owners.id, ownerId), isNull(owners.erasureIssuedAt)))
      .for('update', { skipLocked: true });
    if (!owner) return false;
    const owned = await tx.select().from(pets).where(eq(pets.ownerId, owner.id));
    const payload = { ownerId: owner.id, clerkId: owner.clerkId, petIds: owned.map((p) => p.id) };
    emit({
      topic: ownerErasureContract.topic,
      key: owner.id,
      envelope: ownerErasureContract.envelope({ type: 'owner.erasure_due', aggregateId: owner.id, version: owner.version + 1, payload }),
    });
    ownerErased(emit, owner);
    for (const pet of owned) petDeleted(emit, pet);
    for (const household of await tx.select().from(households).where(eq(households.primaryOwnerId, owner.id))) householdDissolved(emit, household);
    await tx.update(owners).set({ erasureIssuedAt: new Date() }).where(eq(owners.id, owner.id));
    return true;
  });
}

/** Sends the notice for every owner whose grace period is over; returns how many. */
export async function issueDueErasures(db: Db, now = new Date()): Promise<number> {
  const due = await db
    .select({ id: owners.id })
    .from(owners)
    .where(
      and(
        isNotNull(owners.erasureRequestedAt),
        isNull(owners.erasureIssuedAt),
        lte(owners.erasureRequestedAt, new Date(now.getTime() - ERASURE_GRACE_DAYS * DAY_MS)),
      ),
    )
    .orderBy(asc(owners.erasureRequestedAt))
    .limit(500);
  let issued = 0;
  for (const { id } of due) if (await issueOne(db, id)) issued++;
  return issued;
}

/** Owners whose erasure is asked for and not yet issued, with when it will be. */
export async function pendingErasures(db: Db) {
  return db
    .select({
      id: owners.id,
      requestedAt: owners.erasureRequestedAt,
      purgeAfter: sql<Date>`${owners.erasureRequestedAt} + make_interval(days => ${ERASURE_GRACE_DAYS})`,
    })
    .from(owners)
    .where(and(isNotNull(owners.erasureRequestedAt), isNull(owners.erasureIssuedAt)))
    .orderBy(asc(owners.erasureRequestedAt));
}

/** Checks for owners past their grace period every ERASURE_CHECK_MS (default a minute) and sends their notice. */
export function erasureWorker({ database, log }: WorkerDeps): Worker {
  return clockWorker({
    name: 'erasure grace clock',
    everyMs: Number(process.env.ERASURE_CHECK_MS ?? 60_000),
    round: () => issueDueErasures(database.db),
    did: (n) => `erasure: purge notice sent for ${n} owner(s) past their ${ERASURE_GRACE_DAYS}-day grace`,
    log,
  });
}

/** Moves every pending erasure `days` closer to its purge (tests and demos: `pnpm erasure advance`). */
export async function advanceGraceClock(db: Db, days: number): Promise<number> {
  const moved = await db
    .update(owners)
    .set({ erasureRequestedAt: sql`${owners.erasureRequestedAt} - make_interval(days => ${days})` })
    .where(and(isNotNull(owners.erasureRequestedAt), isNull(owners.erasureIssuedAt)))
    .returning({ id: owners.id });
  // A pet's erasureRequestedAt only hides it; the owner's is the clock.
  return moved.length;
}
