import { core } from '@psa/core';
import { healthcare } from '@psa/healthcare';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, readTopics } from './helpers';

/**
 * When a division cannot apply one of core's events (here: a check constraint added to its copy table refuses
 * the pet), the projector sets the event aside on its dead-letter topic and the copy stays stale. A test's
 * settle() then times out, and its error says why, not only that the copies differ.
 */
let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, healthcare]);
}, 180_000);
afterAll(() => stack?.close());

it("settle() that times out names the event a projection set aside and the database's reason", async () => {
  await stack.subgraphs.healthcare!.sql.query(`alter table healthcare.pet_copies add constraint no_poison check (name is distinct from 'Poison')`);
  const owner = await createOwner(stack, 'settle-dead-letter');
  await must(
    stack,
    `mutation { registerPet(input: { name: "Poison", species: DOG, sex: MALE, birthDate: "2020-01-01", weight: 20 }) { id } }`,
    {},
    owner.token,
  );
  const error = (await stack.settle(5_000).then(
    () => null,
    (e: Error) => e,
  )) as Error | null;
  expect(error?.message).toMatch(/healthcare\.pet: .*missing 1/);
  expect(error?.message).toMatch(/healthcare projector of core events: 1 event\(s\) set aside on its dead-letter topic, the latest because: .*no_poison/);
  // The letter carries the database's reason, not the failed statement with the event's data as its parameters.
  const [letter] = await readTopics(stack, ['healthcare.dead-letter']);
  const { reason, topic } = JSON.parse(letter!.value!.toString()) as { reason: string; topic: string };
  expect(topic).toBe('core.pet');
  expect(reason).toBe('new row for relation "pet_copies" violates check constraint "no_poison"');
}, 60_000);
