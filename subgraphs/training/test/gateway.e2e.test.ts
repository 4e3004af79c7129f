import { core } from '@psa/core';
import { startTestStack, type TestStack } from '@psa/testing';
import { training } from '../src';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack([core, training]);
}, 120_000);
afterAll(() => stack?.close());

async function must(query: string, variables: Record<string, unknown>, token: string) {
  const res = await stack.query(query, variables, token);
  if (res.errors) throw new Error(query + ': ' + JSON.stringify(res.errors));
  return res.data;
}

async function ownerWithPet(subject: string, petName: string): Promise<{ token: string; petId: string }> {
  const token = await stack.token(subject);
  await must(
    'mutation($i: CreateOwnerInput!) { createOwner(input: $i) { id } }',
    { i: { email: subject + '@example.com', firstName: 'Test', lastName: subject } },
    token,
  );
  const { registerPet } = await must(
    'mutation($i: RegisterPetInput!) { registerPet(input: $i) { id } }',
    { i: { name: petName, species: 'DOG', sex: 'MALE', birthDate: '2020-01-01', weight: 30 } },
    token,
  );
  await stack.settle();
  return { token, petId: registerPet.id };
}

it('keeps its copy of the pet current from core events', async () => {
  const owner = await ownerWithPet('training-renamer', 'Before');
  await must('mutation($p: ID!) { updatePet(id: $p, input: { name: "After" }) { id } }', { p: owner.petId }, owner.token);
  await stack.settle();
  const { rows } = await stack.subgraphs.training!.sql.query('select name, deleted from training.pet_copies where id = $1', [owner.petId]);
  expect(rows).toEqual([{ name: 'After', deleted: false }]);
});

it("copies what a trainer reads of a dog from core: its size and care notes (core's additive pet fields)", async () => {
  const owner = await ownerWithPet('training-sizer', 'Rex');
  const update = `mutation($p: ID!, $i: UpdatePetInput!) { updatePet(id: $p, input: $i) { size notes } }`;
  const updated = await must(update, { p: owner.petId, i: { size: 'LARGE', notes: '  Nervous around bikes  ' } }, owner.token);
  expect(updated.updatePet).toEqual({ size: 'LARGE', notes: 'Nervous around bikes' });
  await stack.settle();
  const { rows } = await stack.subgraphs.training!.sql.query('select size, notes from training.pet_copies where id = $1', [owner.petId]);
  expect(rows).toEqual([{ size: 'LARGE', notes: 'Nervous around bikes' }]);
  const tooLong = await stack.query(update, { p: owner.petId, i: { notes: 'x'.repeat(2001) } }, owner.token);
  expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.notes' });
  const unknownSize = await stack.query(update, { p: owner.petId, i: { size: 'HUGE' } }, owner.token);
  expect(unknownSize.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
