import { and, desc, eq, gt, lt, notExists, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { locations, trainerAvailability, trainers, type LocationRow, type TrainerRow } from './tables';

type PlaceValues = Pick<LocationRow, 'address' | 'city' | 'state' | 'zipCode' | 'latitude' | 'longitude'>;

/**
 * Holds the trainer's row until the transaction ends: writers of one trainer's windows take turns, so the overlap
 * check and the insert after it see every window the others added.
 */
export async function lockTrainer(db: Db, trainerId: string): Promise<void> {
  await db.select({ id: trainers.id }).from(trainers).where(eq(trainers.id, trainerId)).for('update');
}

/** One of the trainer's windows on that day sharing any minute with [startTime, endTime), if there is one. */
export async function overlappingWindow(db: Db, trainerId: string, window: { dayOfWeek: number; startTime: string; endTime: string }) {
  const [other] = await db
    .select()
    .from(trainerAvailability)
    .where(
      and(
        eq(trainerAvailability.trainerId, trainerId),
        eq(trainerAvailability.dayOfWeek, window.dayOfWeek),
        lt(trainerAvailability.startTime, window.endTime),
        gt(trainerAvailability.endTime, window.startTime),
      ),
    )
    .orderBy(trainerAvailability.startTime)
    .limit(1);
  return other ?? null;
}

/** A user's own saved place: the newest of their locations that is not a trainer's base. */
export async function savedPlaceOf(db: Db, userId: string): Promise<LocationRow | null> {
  const [place] = await db
    .select()
    .from(locations)
    .where(
      and(
        eq(locations.userId, userId),
        notExists(
          db
            .select({ one: sql`1` })
            .from(trainers)
            .where(eq(trainers.locationId, locations.id)),
        ),
      ),
    )
    .orderBy(desc(locations.updatedAt), desc(locations.id))
    .limit(1);
  return place ?? null;
}

/** Saves the user's place: one per user, replaced by the next save. */
export async function saveUserPlace(db: Db, userId: string, values: PlaceValues): Promise<LocationRow> {
  // Two saves of one user at once would both find nothing and insert two rows: they take turns on the user's key.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`training.locations:${userId}`}))`);
  const existing = await savedPlaceOf(db, userId);
  if (existing) {
    const [updated] = await db.update(locations).set(values).where(eq(locations.id, existing.id)).returning();
    return updated!;
  }
  const [inserted] = await db
    .insert(locations)
    .values({ userId, ...values })
    .returning();
  return inserted!;
}

/** Moves the trainer's base (their own row of locations, created with the first one). */
export async function saveTrainerPlace(db: Db, trainer: TrainerRow, values: PlaceValues): Promise<void> {
  if (trainer.locationId) {
    await db.update(locations).set(values).where(eq(locations.id, trainer.locationId));
    return;
  }
  const [place] = await db
    .insert(locations)
    .values({ userId: trainer.userId, ...values })
    .returning();
  await db.update(trainers).set({ locationId: place!.id }).where(eq(trainers.id, trainer.id));
}
