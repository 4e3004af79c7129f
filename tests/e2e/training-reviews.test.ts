import { core } from '@psa/core';
import { training } from '@psa/training';
import { eraseOwnerData } from '@psa/subgraph-kit';
import { startTestStack, type TestStack } from '@psa/testing';
import { must } from './helpers';
import { seedTrainer, tomorrowAt } from './training-fixtures';
import { book, codeOf, completedBooking, ownerWithDog, refusal } from './training-booking-fixtures';

/** Reviews of completed training sessions and the trainer's rating, through the gateway, on PostgreSQL and Kafka. */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, training]);
}, 180_000);
afterAll(() => stack?.close());

const REVIEW = `mutation($i: ReviewTrainingBookingInput!) { reviewTrainingBooking(input: $i) { id rating comment status trainer { id } } }`;
const HIDE = `mutation($id: ID!) { hideTrainerReview(id: $id, reason: "names a neighbour") { id status } }`;
const SHOW = `mutation($id: ID!) { showTrainerReview(id: $id) { id status } }`;

/** The trainer's figures as stored, and as recomputed from their published reviews. */
async function ratingOf(trainerId: string) {
  const { rows } = await stack.subgraphs.training!.sql.query(
    `select t.total_reviews as total, t.average_rating as average,
       (select count(*)::int from training.reviews r where r.trainer_id = t.id and r.status = 'PUBLISHED') as published,
       (select coalesce(avg(r.rating)::float8, 0) from training.reviews r where r.trainer_id = t.id and r.status = 'PUBLISHED') as expected
     from training.trainers t where t.id = $1`,
    [trainerId],
  );
  return rows[0] as { total: number; average: number; published: number; expected: number };
}

it("10 concurrent reviews of one trainer's sessions: 10 reviews, their average; hiding one moves both, showing it moves them back", async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tr-crowd');
  const ids: string[] = [];
  // One session an hour from 06:00: none overlaps another, so all ten are accepted.
  for (let i = 0; i < 10; i++) ids.push(await completedBooking(stack, trainer, owner, dogId, tomorrowAt(6 + i)));
  const ratings = [5, 4, 3, 5, 2, 1, 4, 5, 3, 4];
  const answers = await Promise.all(ids.map((bookingId, i) => stack.query(REVIEW, { i: { bookingId, rating: ratings[i] } }, owner.token)));
  expect(answers.map((a) => a.errors)).toEqual(Array(10).fill(undefined));
  const mean = ratings.reduce((a, b) => a + b, 0) / ratings.length;
  const after = await ratingOf(trainer.id);
  expect(after.total).toBe(10);
  expect(after.average).toBeCloseTo(mean, 10);
  expect(after.average).toBeCloseTo(after.expected, 10);

  const support = await stack.token('tr-support', ['support']);
  const lowest = answers[ratings.indexOf(1)]!.data.reviewTrainingBooking.id;
  for (const token of [owner.token, trainer.token]) expect(codeOf(await stack.query(HIDE, { id: lowest }, token))).toBe('FORBIDDEN');
  expect((await must(stack, HIDE, { id: lowest }, support)).hideTrainerReview).toEqual({ id: lowest, status: 'HIDDEN' });
  const hidden = await ratingOf(trainer.id);
  expect(hidden.total).toBe(9);
  expect(hidden.average).toBeCloseTo((mean * 10 - 1) / 9, 10);
  const { rows } = await stack.subgraphs.training!.sql.query(`select moderated_by, moderation_reason from training.reviews where id = $1`, [lowest]);
  expect(rows).toEqual([{ moderated_by: 'tr-support', moderation_reason: 'names a neighbour' }]);
  const LIST = `query($t: ID!) { trainer(id: $t) { reviews(first: 50) { id rating } } }`;
  const listed = (await must(stack, LIST, { t: trainer.id }, await stack.token('tr-reader'))).trainer.reviews;
  expect(listed).toHaveLength(9);
  expect(listed.map((r: { id: string }) => r.id)).not.toContain(lowest);
  const first3 = await must(stack, `query($t: ID!) { trainer(id: $t) { reviews(first: 3) { id } } }`, { t: trainer.id }, owner.token);
  expect(first3.trainer.reviews).toHaveLength(3);
  expect(refusal(await stack.query(`query($t: ID!) { trainer(id: $t) { reviews(first: 0) { id } } }`, { t: trainer.id }, owner.token))).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'first',
  });

  const admin = await stack.token('tr-admin', ['admin']);
  await must(stack, SHOW, { id: lowest }, admin);
  const shown = await ratingOf(trainer.id);
  expect(shown.total).toBe(10);
  expect(shown.average).toBeCloseTo(mean, 10);
  expect(codeOf(await stack.query(SHOW, { id: '00000000-0000-4000-8000-000000000000' }, admin))).toBe('NOT_FOUND');
}, 240_000);

it('one review per completed booking, by its owner, rated 1 to 5', async () => {
  const trainer = await seedTrainer(stack);
  const { owner, dogId } = await ownerWithDog(stack, 'tr-rules');
  const stranger = await ownerWithDog(stack, 'tr-rules-stranger');
  const pending = await book(stack, trainer, owner, dogId, tomorrowAt(16));
  expect(refusal(await stack.query(REVIEW, { i: { bookingId: pending, rating: 5 } }, owner.token))).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'input.bookingId',
  });
  const bookingId = await completedBooking(stack, trainer, owner, dogId, tomorrowAt(8));
  for (const rating of [0, 6]) {
    expect(refusal(await stack.query(REVIEW, { i: { bookingId, rating } }, owner.token))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rating' });
  }
  expect(codeOf(await stack.query(REVIEW, { i: { bookingId, rating: 1 } }, stranger.owner.token))).toBe('FORBIDDEN');
  expect(codeOf(await stack.query(REVIEW, { i: { bookingId, rating: 5 } }, trainer.token))).toBe('FORBIDDEN');
  const { reviewTrainingBooking } = await must(stack, REVIEW, { i: { bookingId, rating: 4, comment: '  Patient and clear.  ' } }, owner.token);
  expect(reviewTrainingBooking).toMatchObject({ rating: 4, comment: 'Patient and clear.', status: 'PUBLISHED', trainer: { id: trainer.id } });
  expect(refusal(await stack.query(REVIEW, { i: { bookingId, rating: 2 } }, owner.token))).toMatchObject({ code: 'CONFLICT', field: 'input.bookingId' });
  expect(await ratingOf(trainer.id)).toMatchObject({ total: 1, average: 4 });
  // The review is read through its booking: the owner and the trainer, nobody else.
  const READ = `query($id: ID!) { trainingBooking(id: $id) { review { id rating } } }`;
  expect((await must(stack, READ, { id: bookingId }, trainer.token)).trainingBooking.review).toEqual({ id: reviewTrainingBooking.id, rating: 4 });
  const otherTrainer = await seedTrainer(stack);
  for (const outsider of [stranger.owner.token, otherTrainer.token]) expect(codeOf(await stack.query(READ, { id: bookingId }, outsider))).toBe('FORBIDDEN');
}, 120_000);

it("an owner's erasure takes their reviews out of the trainers' ratings, and leaves the others' reviews counted", async () => {
  const trainer = await seedTrainer(stack);
  const leaving = await ownerWithDog(stack, 'tr-erased-reviewer');
  const staying = await ownerWithDog(stack, 'tr-staying-reviewer');
  const review = async ({ owner, dogId }: typeof leaving, hour: number, rating: number) =>
    must(stack, REVIEW, { i: { bookingId: await completedBooking(stack, trainer, owner, dogId, tomorrowAt(hour)), rating } }, owner.token);
  await review(leaving, 6, 1);
  await review(leaving, 7, 2);
  await review(staying, 8, 5);
  expect(await ratingOf(trainer.id)).toMatchObject({ total: 3, published: 3 });

  // What the erasure notice runs in training after the grace period (tests/e2e/erasure.test.ts runs the whole path).
  const keys = { ownerId: leaving.owner.id, clerkId: leaving.owner.clerkId, petIds: [leaving.dogId] };
  const erased = await eraseOwnerData(stack.subgraphs.training!.database.db, training.ownerData!, keys);
  expect(erased.deleted['reviews']).toBe(2);
  const after = await ratingOf(trainer.id);
  expect(after).toMatchObject({ total: 1, published: 1, average: 5 });
  expect(after.average).toBeCloseTo(after.expected, 10);
}, 120_000);
