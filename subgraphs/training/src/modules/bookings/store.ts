import { and, asc, eq, gt, inArray, lt, ne, sql } from 'drizzle-orm';
import { conflict } from '@psa/subgraph-kit';
import type { Db } from '@psa/db';
import type { PetGone } from '@psa/events';
import { trainerAvailability, trainers, trainerServices } from '../trainers/tables';
import { assertBookingTransition } from './rules';
import { bookings, bookingStatusHistory, type BookingStatus, type TrainingBookingRow } from './tables';

/**
 * Holds the trainer's row until the transaction ends: whatever must not race for one trainer (accepting
 * overlapping sessions, recomputing the rating) takes this lock first, so those changes happen one at a time.
 */
export async function lockTrainer(tx: Db, trainerId: string): Promise<void> {
  await tx.execute(sql`select id from training.trainers where id = ${trainerId} for update`);
}

/** The trainer's service by id, or null. */
export async function serviceById(db: Db, serviceId: string) {
  const [service] = await db.select().from(trainerServices).where(eq(trainerServices.id, serviceId)).limit(1);
  return service ?? null;
}

/**
 * Whether [start, end) lies inside one of the trainer's weekly windows, read on the trainer's own clock (its
 * timezone, daylight saving included): the window's day is the local day the session starts, and the session
 * ends on that day no later than the window does.
 */
export async function insideAvailability(db: Db, trainerId: string, start: Date, end: Date): Promise<boolean> {
  const local = (instant: Date) => sql`(${instant.toISOString()}::timestamptz at time zone ${trainers.timezone})`;
  const [row] = await db
    .select({ id: trainerAvailability.id })
    .from(trainerAvailability)
    .innerJoin(trainers, eq(trainers.id, trainerAvailability.trainerId))
    .where(
      and(
        eq(trainerAvailability.trainerId, trainerId),
        sql`${trainerAvailability.dayOfWeek} = extract(dow from ${local(start)})`,
        sql`${local(start)}::time >= ${trainerAvailability.startTime}`,
        sql`${local(end)} <= ${local(start)}::date + ${trainerAvailability.endTime}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** An ACCEPTED booking of the trainer overlapping [start, end), other than `except`; null when there is none. */
export async function acceptedOverlap(db: Db, trainerId: string, start: Date, end: Date, except?: string): Promise<TrainingBookingRow | null> {
  const [row] = await db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.trainerId, trainerId),
        eq(bookings.status, 'ACCEPTED'),
        lt(bookings.startTime, end),
        gt(bookings.endTime, start),
        except ? ne(bookings.id, except) : undefined,
      ),
    )
    .orderBy(asc(bookings.startTime))
    .limit(1);
  return row ?? null;
}

/** A new PENDING booking with its first history row (from nothing to PENDING, by whom). */
export async function insertBooking(tx: Db, values: typeof bookings.$inferInsert, by: string): Promise<TrainingBookingRow> {
  const [booking] = await tx
    .insert(bookings)
    .values({ ...values, status: 'PENDING' })
    .returning();
  await tx.insert(bookingStatusHistory).values({ bookingId: booking!.id, fromStatus: null, toStatus: 'PENDING', changedBy: by, reason: 'booked' });
  return booking!;
}

/**
 * The one way a booking's status changes: along the flow (BAD_USER_INPUT naming `field` otherwise), only from the
 * status the caller read (a change in between is CONFLICT), always with its history row in the same transaction.
 */
export async function changeStatus(
  tx: Db,
  field: string,
  booking: TrainingBookingRow,
  next: BookingStatus,
  /** A token subject; null when the system changed it (a pet gone). */
  by: string | null,
  reason: string | null,
  changes: Partial<typeof bookings.$inferInsert> = {},
): Promise<TrainingBookingRow> {
  assertBookingTransition(field, booking.id, booking.status, next);
  const [updated] = await tx
    .update(bookings)
    .set({ ...changes, status: next })
    .where(and(eq(bookings.id, booking.id), eq(bookings.status, booking.status)))
    .returning();
  if (!updated) throw conflict(field, `booking ${booking.id} changed meanwhile; read it again`);
  await tx.insert(bookingStatusHistory).values({ bookingId: booking.id, fromStatus: booking.status, toStatus: next, changedBy: by, reason });
  return updated;
}

/**
 * A gone pet's sessions that have not started are cancelled, PENDING or ACCEPTED, by no one (the system), with the
 * reason in the booking and its history. Sessions already begun stay for the trainer to complete. Runs in
 * core.pet's projection (see petsGone); returns the bookings cancelled.
 */
export async function cancelGonePetBookings(tx: Db, gone: PetGone[]): Promise<TrainingBookingRow[]> {
  if (gone.length === 0) return [];
  const reasonOf = new Map(gone.map((g) => [g.petId, g.reason]));
  const open = await tx
    .select()
    .from(bookings)
    .where(and(inArray(bookings.dogId, [...reasonOf.keys()]), inArray(bookings.status, ['PENDING', 'ACCEPTED']), gt(bookings.startTime, sql`now()`)))
    .orderBy(asc(bookings.id))
    .for('update');
  const cancelled: TrainingBookingRow[] = [];
  for (const booking of open) {
    const why = reasonOf.get(booking.dogId)!;
    cancelled.push(await changeStatus(tx, 'id', booking, 'CANCELLED', null, why, { cancellationReason: why, cancelledBy: null }));
  }
  return cancelled;
}

/** The trainer profile a token subject signs in as, or null. */
export async function trainerOfSubject(db: Db, subject: string) {
  const [trainer] = await db.select().from(trainers).where(eq(trainers.userId, subject)).limit(1);
  return trainer ?? null;
}

/** A trainer's bookings, soonest first, optionally of one status. */
export function bookingsOfTrainer(db: Db, trainerId: string, status?: BookingStatus | null): Promise<TrainingBookingRow[]> {
  return db
    .select()
    .from(bookings)
    .where(and(eq(bookings.trainerId, trainerId), status ? eq(bookings.status, status) : undefined))
    .orderBy(asc(bookings.startTime), asc(bookings.id));
}
