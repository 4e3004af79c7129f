import { eq, sql } from 'drizzle-orm';
import type { Db } from '@psa/db';
import { lockTrainer } from '../bookings/store';
import { trainers } from '../trainers/tables';
import { trainerReviews, type TrainerReviewRow } from './tables';

/**
 * Sets the trainer's average_rating and total_reviews from their PUBLISHED reviews, under the trainer's row
 * lock, so concurrent reviews of one trainer each recompute after the one before has committed: the figures
 * always equal the published reviews, never one review short.
 */
async function recomputeRating(tx: Db, trainerId: string): Promise<void> {
  await tx
    .update(trainers)
    .set({
      averageRating: sql`coalesce((select avg(r.rating)::float8 from ${trainerReviews} r where r.trainer_id = ${trainerId} and r.status = 'PUBLISHED'), 0)`,
      totalReviews: sql`(select count(*)::int from ${trainerReviews} r where r.trainer_id = ${trainerId} and r.status = 'PUBLISHED')`,
    })
    .where(eq(trainers.id, trainerId));
}

/**
 * After an owner's reviews are erased: each trainer they reviewed gets the rating of the reviews left. Trainers are
 * locked in id order, so two erasures that share trainers wait for each other instead of deadlocking.
 */
export async function recomputeRatingsAfterErasure(tx: Db, erased: Record<string, unknown>[]): Promise<void> {
  for (const trainerId of [...new Set(erased.map((review) => (review as TrainerReviewRow).trainerId))].sort()) {
    await lockTrainer(tx, trainerId);
    await recomputeRating(tx, trainerId);
  }
}

/** A new published review and the trainer's new rating, or null when the booking already has its review. */
export async function insertReview(tx: Db, values: typeof trainerReviews.$inferInsert): Promise<TrainerReviewRow | null> {
  await lockTrainer(tx, values.trainerId);
  const [review] = await tx.insert(trainerReviews).values(values).onConflictDoNothing({ target: trainerReviews.bookingId }).returning();
  if (!review) return null;
  await recomputeRating(tx, review.trainerId);
  return review;
}

/** Hides or shows a review and recomputes its trainer's rating; null when there is no such review. */
export async function moderateReview(
  tx: Db,
  id: string,
  change: Pick<typeof trainerReviews.$inferInsert, 'status' | 'moderatedBy' | 'moderationReason'>,
): Promise<TrainerReviewRow | null> {
  const [current] = await tx.select({ trainerId: trainerReviews.trainerId }).from(trainerReviews).where(eq(trainerReviews.id, id)).limit(1);
  if (!current) return null;
  await lockTrainer(tx, current.trainerId);
  const [review] = await tx.update(trainerReviews).set(change).where(eq(trainerReviews.id, id)).returning();
  await recomputeRating(tx, current.trainerId);
  return review!;
}
