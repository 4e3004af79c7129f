import { badInput } from '@psa/subgraph-kit';

/** Trainer.reviews lists at most this many, and 20 when not asked. */
export const MAX_REVIEWS_LISTED = 50;
export const DEFAULT_REVIEWS_LISTED = 20;

/** A review's rating: a whole number from 1 to 5 (BAD_USER_INPUT naming input.rating otherwise). */
export function reviewRating(value: number): number {
  if (!Number.isInteger(value) || value < 1 || value > 5) throw badInput('input.rating', `must be a whole number from 1 to 5, got ${value}`);
  return value;
}

/** How many reviews Trainer.reviews lists (BAD_USER_INPUT naming first beyond 1..50). */
export function reviewsListed(first: number | null | undefined): number {
  const limit = first ?? DEFAULT_REVIEWS_LISTED;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_REVIEWS_LISTED) throw badInput('first', `must be from 1 to ${MAX_REVIEWS_LISTED}, got ${limit}`);
  return limit;
}
