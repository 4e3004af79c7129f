import { randomUUID } from 'node:crypto';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { training } from '../src';

/** training's notes, in process: no gateway, no broker, a throwaway PGlite. */
let subject: SubgraphUnderTest;
const staff = { subject: 'staff-1', roles: ['training_staff'] };
const petId = randomUUID();
const ADD = `mutation($i: AddTrainingNoteInput!) { addTrainingNote(input: $i) { id text author } }`;
const NOTES = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Pet { trainingNotes { text } } } }`;

beforeAll(async () => {
  subject = await subgraphUnderTest(training);
  // What the projector would have copied from core: a live pet.
  await subject.db.execute(
    `insert into training.pet_copies (id, version, owner_id, name, status) values ('${petId}', 1, '${randomUUID()}', 'Rex', 'ACTIVE')` as never,
  );
}, 60_000);
afterAll(() => subject?.close());

it("staff write a note; the owner reads it with core's grant for them and this pet", async () => {
  const added = await subject.run(ADD, { i: { petId, text: '  Calm on the table  ' } }, staff);
  expect(added.errors).toBeUndefined();
  expect(added.data.addTrainingNote).toMatchObject({ text: 'Calm on the table', author: 'staff-1' });
  const read = await subject.run(
    NOTES,
    { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'owner-1') }] },
    { subject: 'owner-1' },
  );
  expect(read.errors).toBeUndefined();
  expect(read.data._entities[0].trainingNotes).toEqual([{ text: 'Calm on the table' }]);
});

it("without core's grant for the viewer and this pet, the notes are FORBIDDEN", async () => {
  const read = await subject.run(
    NOTES,
    { r: [{ __typename: 'Pet', id: petId, viewerAccess: subject.grant('Pet', petId, 'someone-else') }] },
    { subject: 'owner-1' },
  );
  expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
});

it('an owner may not write notes, and a blank note is BAD_USER_INPUT naming input.text', async () => {
  const owner = await subject.run(ADD, { i: { petId, text: 'mine' } }, { subject: 'owner-1' });
  expect(owner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const blank = await subject.run(ADD, { i: { petId, text: '   ' } }, staff);
  expect(blank.errors?.[0]).toMatchObject({
    message: 'input.text: is required and must not be blank',
    extensions: { code: 'BAD_USER_INPUT', field: 'input.text' },
  });
});

it('a note for a pet core does not have is NOT_FOUND', async () => {
  const res = await subject.run(ADD, { i: { petId: randomUUID(), text: 'who?' } }, staff);
  expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
});
