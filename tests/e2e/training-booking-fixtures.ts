import type { TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';
import type { TestTrainer } from './training-fixtures';

export const BOOK_TRAINING = `mutation($i: BookTrainingInput!) { bookTraining(input: $i) { id status startTime endTime priceSnapshotCents currency } }`;
export const ACCEPT = `mutation($id: ID!) { acceptTrainingBooking(id: $id) { id status } }`;
export const COMPLETE = `mutation($id: ID!) { completeTrainingBooking(id: $id) { id status completedAt } }`;
export const CANCEL = `mutation($id: ID!, $r: String!) { cancelTrainingBooking(id: $id, reason: $r) { id status cancellationReason cancelledBy } }`;

type Errors = { errors?: readonly { extensions?: Record<string, unknown> }[] };
export const codeOf = (res: Errors) => res.errors?.[0]?.extensions?.code;
export const refusal = (res: Errors) => res.errors?.[0]?.extensions;

/** An owner with one dog, copied into training (registerPet waits for the copies). */
export async function ownerWithDog(stack: TestStack, subject: string, pet: Record<string, unknown> = {}): Promise<{ owner: TestOwner; dogId: string }> {
  const owner = await createOwner(stack, subject);
  const dogId = await registerPet(stack, owner, { species: 'DOG', ...pet });
  return { owner, dogId };
}

/** Books the trainer's service for the dog at `startTime`; must succeed. Returns the booking's id. */
export async function book(stack: TestStack, trainer: TestTrainer, owner: TestOwner, dogId: string, startTime: string): Promise<string> {
  const { bookTraining } = await must(stack, BOOK_TRAINING, { i: { trainerId: trainer.id, serviceId: trainer.serviceId, dogId, startTime } }, owner.token);
  return bookTraining.id;
}

/**
 * Moves a booking's session `days` days back by SQL, keeping its length: the set-up for completing it, since a
 * session is completed only once it has started and a booking is only made for the future.
 */
export async function moveSessionIntoPast(stack: TestStack, bookingId: string, days = 2): Promise<void> {
  await stack.subgraphs.training!.sql.query(
    `update training.bookings set start_time = start_time - make_interval(days => $2), end_time = end_time - make_interval(days => $2) where id = $1`,
    [bookingId, days],
  );
}

/** A booking accepted by the trainer, its session moved into the past (SQL, see moveSessionIntoPast) and completed. */
export async function completedBooking(stack: TestStack, trainer: TestTrainer, owner: TestOwner, dogId: string, startTime: string): Promise<string> {
  const id = await book(stack, trainer, owner, dogId, startTime);
  await must(stack, ACCEPT, { id }, trainer.token);
  await moveSessionIntoPast(stack, id);
  await must(stack, COMPLETE, { id }, trainer.token);
  return id;
}
