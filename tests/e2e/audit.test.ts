import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { startTestStack, type TestStack } from '@psa/testing';
import { createOwner, must, registerPet, type TestOwner } from './helpers';

/**
 * The audit log every subgraph keeps by declaration: one row per mutation, written in the change's own
 * transaction (a change never commits without its row), none for a refusal; one client request's rows share its
 * request id across divisions; admins read it through the gateway, nobody else.
 */
let stack: TestStack;
let owner: TestOwner;
let admin: string;
let registrar: string;

beforeAll(async () => {
  stack = await startTestStack([core, licensure]);
  owner = await createOwner(stack, 'audit-owner');
  admin = await stack.token('audit-admin', ['admin']);
  registrar = await stack.token('audit-registrar', ['registrar']);
});
afterAll(() => stack?.close());

const ENTRY = 'at actor roles action entityType entityId requestId division';
type Entry = {
  at: string;
  actor: string | null;
  roles: string[];
  action: string;
  entityType: string | null;
  entityId: string | null;
  requestId: string | null;
  division: string;
};

async function log(division: 'core' | 'licensure', entityId: string): Promise<Entry[]> {
  const field = `${division}AuditLog`;
  const data = await must(stack, `query($e: ID!) { ${field}(entityId: $e) { ${ENTRY} } }`, { e: entityId }, admin);
  return data[field];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

it('each mutation writes one row: who, what, which entity, which request; newest first', async () => {
  const petId = await registerPet(stack, owner, { name: 'Audited' });
  await must(stack, `mutation($p: ID!) { updatePet(id: $p, input: { weight: 41 }) { id } }`, { p: petId }, owner.token);
  const entries = await log('core', petId);
  expect(entries.map(({ at: _at, requestId: _r, ...rest }) => rest)).toEqual([
    { actor: 'audit-owner', roles: [], action: 'updatePet', entityType: 'Pet', entityId: petId, division: 'core' },
    { actor: 'audit-owner', roles: [], action: 'registerPet', entityType: 'Pet', entityId: petId, division: 'core' },
  ]);
  expect(entries.every((e) => UUID.test(e.requestId ?? ''))).toBe(true);
  expect(entries[0]!.requestId).not.toBe(entries[1]!.requestId);
  expect(Date.parse(entries[0]!.at)).toBeGreaterThanOrEqual(Date.parse(entries[1]!.at));
});

it("one request's changes in two divisions share its request id", async () => {
  const petId = await registerPet(stack, owner, { name: 'Two Divisions' });
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: petId }, registrar);
  const both = await must(
    stack,
    `mutation($p: ID!, $v: AddVaccinationInput!) { updatePet(id: $p, input: { weight: 12 }) { id } addVaccination(input: $v) { id } }`,
    { p: petId, v: { petId, vaccineName: 'Rabies', vaccineType: 'CORE', administeredDate: '2026-02-01', administeredBy: 'Dr. Ames' } },
    admin,
  );
  const [update] = await log('core', petId);
  const [vaccination] = await log('licensure', both.addVaccination.id);
  expect(update).toMatchObject({ actor: 'audit-admin', roles: ['admin'], action: 'updatePet', entityId: petId, division: 'core' });
  expect(vaccination).toMatchObject({ actor: 'audit-admin', roles: ['admin'], action: 'addVaccination', entityType: 'Vaccination', division: 'licensure' });
  expect(vaccination!.requestId).toBe(update!.requestId);
});

it('a change never commits without its row: when the row cannot be written, the change and its event are rolled back', async () => {
  const petId = await registerPet(stack, owner, { name: 'Atomic' });
  const sql = stack.subgraphs.core!.sql;
  const pet = async () => (await sql.query(`select weight::float as weight, version from core.pets where id = $1`, [petId])).rows[0];
  const outbox = async () => (await sql.query<{ n: number }>(`select count(*)::int as n from core.outbox where key = $1`, [petId])).rows[0]!.n;
  const [before, eventsBefore] = [await pet(), await outbox()];
  await sql.query(`alter table core.audit_log add constraint audit_refuses_update check (action <> 'updatePet' or entity_id <> '${petId}')`);
  try {
    const res = await stack.query(`mutation($p: ID!) { updatePet(id: $p, input: { weight: 99 }) { id } }`, { p: petId }, owner.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
  } finally {
    await sql.query(`alter table core.audit_log drop constraint audit_refuses_update`);
  }
  expect([await pet(), await outbox()]).toEqual([before, eventsBefore]);
  expect((await log('core', petId)).map((e) => e.action)).toEqual(['registerPet']);
});

it('a refusal writes no row', async () => {
  const petId = await registerPet(stack, owner, { name: 'Not Yours' });
  const stranger = await createOwner(stack, 'audit-stranger');
  const res = await stack.query(`mutation($p: ID!) { updatePet(id: $p, input: { weight: 1 }) { id } }`, { p: petId }, stranger.token);
  expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect((await log('core', petId)).map((e) => e.action)).toEqual(['registerPet']);
});

it('only admins read it, and the limit is checked', async () => {
  const asOwner = await stack.query(`{ coreAuditLog { action } }`, {}, owner.token);
  expect(asOwner.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const tooMany = await stack.query(`{ licensureAuditLog(limit: 1001) { action } }`, {}, admin);
  expect(tooMany.errors?.[0]).toMatchObject({ message: 'limit: must be 1 to 1000, got 1001', extensions: { code: 'BAD_USER_INPUT', field: 'limit' } });
  await createOwner(stack, 'audit-newcomer');
  const byActor = await must(stack, `{ coreAuditLog(actor: "audit-newcomer", limit: 5) { action actor entityType } }`, {}, admin);
  expect(byActor.coreAuditLog).toEqual([{ action: 'createOwner', actor: 'audit-newcomer', entityType: 'Owner' }]);
});
