import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { CORE_TOPICS, DIVISIONS, ownerPersonalTopic } from '@psa/events';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, readTopics, tablesHolding, type TestOwner } from './helpers';

/**
 * Consent decides what each division holds: Owner.dataSharing[division]. Core puts no personal data on
 * core.owner; each division's own topic carries the owner's names and contact details only while they consent,
 * and the division's copy is filled or emptied accordingly. Checked the strict way: every table of the division's
 * database is searched for the owner's email, names and phone, and every message on the topics is read.
 */
let stack: TestStack;
let owner: TestOwner;
const personal = { email: 'consent.owner@example.com', firstName: 'Philippa', lastName: 'Quennell', phone: '+15557654321', street1: '9 Elm Row' };

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'consent-owner');
  await share({ ...personal, dataSharing: { licensure: true } });
});
afterAll(() => stack?.close());

async function share(input: Record<string, unknown>): Promise<void> {
  await must(stack, `mutation($id: ID!, $i: UpdateOwnerInput!) { updateOwner(id: $id, input: $i) { id } }`, { id: owner.id, i: input }, owner.token);
  await stack.settle();
}

/** The tables of a subgraph's database holding any of the owner's personal values, in any column. */
const tablesHoldingPersonalData = (subgraph: string) => tablesHolding(stack, subgraph, Object.values(personal));

async function licensureCopy() {
  const { rows } = await stack.subgraphs.licensure!.sql.query(
    'select version, shared, email, first_name, last_name, phone, street1 from licensure.owner_personal_copies where id = $1',
    [owner.id],
  );
  return rows[0];
}

async function coreVersion(): Promise<number> {
  const { rows } = await stack.subgraphs.core!.sql.query<{ version: number }>('select version from core.owners where id = $1', [owner.id]);
  return rows[0]!.version;
}

it('with consent, licensure holds the personal data in its personal copy and nowhere else', async () => {
  expect(await licensureCopy()).toEqual({
    version: await coreVersion(),
    shared: true,
    email: personal.email,
    first_name: personal.firstName,
    last_name: personal.lastName,
    phone: personal.phone,
    street1: personal.street1,
  });
  expect(await tablesHoldingPersonalData('licensure')).toEqual(['licensure.owner_personal_copies']);
});

it('withdrawn, licensure holds none of it, in any table; granted again, the copy is filled again', async () => {
  await share({ dataSharing: { licensure: false } });
  expect(await licensureCopy()).toEqual({
    version: await coreVersion(),
    shared: false,
    email: null,
    first_name: null,
    last_name: null,
    phone: null,
    street1: null,
  });
  expect(await tablesHoldingPersonalData('licensure')).toEqual([]);

  // A change made while consent is withdrawn reaches licensure once it is granted again: the copy is the latest.
  await share({ phone: '+15550001111' });
  await share({ dataSharing: { licensure: true, care: false } });
  expect(await licensureCopy()).toMatchObject({ version: await coreVersion(), shared: true, email: personal.email, phone: '+15550001111' });
  await share({ phone: personal.phone });
  expect(await tablesHoldingPersonalData('licensure')).toEqual(['licensure.owner_personal_copies']);
});

it('on the broker, the personal data travels only on the topics of divisions the owner consented to at the time', async () => {
  const topics = [CORE_TOPICS.owner, ...DIVISIONS.map(ownerPersonalTopic)];
  const messages = (await readTopics(stack, topics)).filter((m) => m.key === owner.id);
  const carrying = new Set(messages.filter((m) => m.value?.toString().includes(personal.email)).map((m) => m.topic));
  expect([...carrying]).toEqual([ownerPersonalTopic('licensure')]);
  // Every division heard of every change, each with the owner's version: withheld or shared, never silence.
  const version = await coreVersion();
  for (const topic of topics) {
    const versions = messages.filter((m) => m.topic === topic).map((m) => JSON.parse(m.value!.toString()).version as number);
    expect(Math.max(...versions)).toBe(version);
  }
});

it('a consent for a division that does not exist, or not true/false, is BAD_USER_INPUT naming it', async () => {
  const update = `mutation($id: ID!, $i: UpdateOwnerInput!) { updateOwner(id: $id, input: $i) { id } }`;
  const unknown = await stack.query(update, { id: owner.id, i: { dataSharing: { vetclinic: true } } }, owner.token);
  expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(unknown.errors?.[0]?.message).toMatch(/^input\.dataSharing\.vetclinic: is not a division \(the divisions are licensure, healthcare/);
  const notBoolean = await stack.query(update, { id: owner.id, i: { dataSharing: { care: 'yes' } } }, owner.token);
  expect(notBoolean.errors?.[0]?.message).toMatch(/^input\.dataSharing\.care: must be true or false/);
});
