import { notify } from '@psa/subgraph-kit';
import { subgraphUnderTest, type SubgraphUnderTest } from '@psa/testing';
import { training } from '../src';
import { notifications } from '../src/notifications';

/** The kit's notifications as training serves them, in process: each user reads and marks only their own. */
let subject: SubgraphUnderTest;
const READ = `query($u: Boolean) { trainingNotifications(unreadOnly: $u) { id type message isRead division } }`;
const MARK = `mutation($ids: [ID!]!) { markTrainingNotificationsRead(ids: $ids) }`;

beforeAll(async () => {
  subject = await subgraphUnderTest(training);
  await notify(subject.db, notifications, [
    { userId: 'owner-1', type: 'BOOKING_ACCEPTED', message: 'Your booking was accepted' },
    { userId: 'owner-1', type: 'BOOKING_COMPLETED', message: 'Your session is complete' },
    { userId: 'trainer-1', type: 'BOOKING_REQUESTED', message: 'A new booking request' },
  ]);
}, 60_000);
afterAll(() => subject?.close());

it("a user reads their own notifications, newest first, and nobody else's", async () => {
  const owner = await subject.run(READ, {}, { subject: 'owner-1' });
  expect(owner.errors).toBeUndefined();
  expect(owner.data.trainingNotifications.map((n: { type: string }) => n.type).sort()).toEqual(['BOOKING_ACCEPTED', 'BOOKING_COMPLETED']);
  expect(owner.data.trainingNotifications.every((n: { division: string }) => n.division === 'training')).toBe(true);
  const stranger = await subject.run(READ, {}, { subject: 'someone-else' });
  expect(stranger.data.trainingNotifications).toEqual([]);
  const anonymous = await subject.run(READ, {}, { subject: null });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

it("marking read changes only the caller's own; another's id changes nothing", async () => {
  const trainerOwn = (await subject.run(READ, {}, { subject: 'trainer-1' })).data.trainingNotifications;
  const ownerOwn = (await subject.run(READ, {}, { subject: 'owner-1' })).data.trainingNotifications;
  const byStranger = await subject.run(MARK, { ids: [trainerOwn[0].id] }, { subject: 'owner-1' });
  expect(byStranger.data.markTrainingNotificationsRead).toBe(0);
  const marked = await subject.run(MARK, { ids: [ownerOwn[0].id, 'not-a-uuid'] }, { subject: 'owner-1' });
  expect(marked.data.markTrainingNotificationsRead).toBe(1);
  const unread = await subject.run(READ, { u: true }, { subject: 'owner-1' });
  expect(unread.data.trainingNotifications).toHaveLength(1);
  expect((await subject.run(READ, { u: true }, { subject: 'trainer-1' })).data.trainingNotifications).toHaveLength(1);
});

it('an oversized list is BAD_USER_INPUT naming ids', async () => {
  const res = await subject.run(MARK, { ids: Array.from({ length: 201 }, () => '00000000-0000-4000-8000-000000000000') }, { subject: 'owner-1' });
  expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'ids' });
});
