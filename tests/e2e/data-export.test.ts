import { core } from '@psa/core';
import { licensure } from '@psa/licensure';
import { healthcare } from '@psa/healthcare';
import { training } from '@psa/training';
import { LocalTransport, type EventTransport } from '@psa/events';
import { startWorkers, type RunningWorkers } from '@psa/subgraph-kit';
import { startTestStack, type ResponseTree, type TestStack } from '@psa/testing';
import { createOwner, issueLicence, must, registerPet, type TestOwner } from './helpers';

/**
 * An owner's export: core asks every subgraph, each answers from what it declares (`ownerData`), and the export is
 * one JSON document grouped by division once all have. On Kafka and on the in-process transport; a division that
 * is down when the request comes answers when it is back.
 */
const REQUEST = `mutation($o: ID) { requestDataExport(ownerId: $o) { id status } }`;
const READ = `query($id: ID!) { dataExport(id: $id) { id ownerId status waitingFor completedAt document } }`;

async function completed(stack: TestStack, id: string, token: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { dataExport } = await must(stack, READ, { id }, token);
    if (dataExport.status === 'COMPLETE') return dataExport;
    if (Date.now() > deadline) throw new Error(`export ${id} not complete after ${timeoutMs} ms: waiting for ${dataExport.waitingFor.join(', ')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface World {
  stack: TestStack;
  owner: TestOwner;
  other: TestOwner;
  pets: string[];
  admin: string;
}

/** An owner with two pets, one registered and licensed, a household; and another owner with a pet. */
async function world(stack: TestStack, prefix: string): Promise<World> {
  const owner = await createOwner(stack, `${prefix}-owner`);
  const other = await createOwner(stack, `${prefix}-other`);
  const registrar = await stack.token(`${prefix}-registrar`, ['registrar']);
  const admin = await stack.token(`${prefix}-admin`, ['admin']);
  const pets = [await registerPet(stack, owner, { name: 'Biscuit' }), await registerPet(stack, owner, { name: 'Pepper' })];
  await registerPet(stack, other, { name: 'Stranger' });
  await must(stack, `mutation { createHousehold(name: "${prefix} home") { id } }`, {}, owner.token);
  await must(stack, `mutation($p: ID!) { registerPetInRegistry(input: { petId: $p }) { id } }`, { p: pets[0] }, registrar);
  await issueLicence(stack, pets[0]!, `${prefix}-LIC-1`, registrar);
  return { stack, owner, other, pets, admin };
}

function checkDocument(document: ResponseTree, { owner, other, pets }: World) {
  expect(Object.keys(document.divisions).sort()).toEqual(['core', 'healthcare', 'licensure', 'training']);
  // Healthcare answers too: its copies of the owner's pets (no visits booked here).
  expect(document.divisions.healthcare.pet_copies.map((r: { id: string }) => r.id).sort()).toEqual([...pets].sort());
  expect(document.divisions.training.pet_copies.map((r: { id: string }) => r.id).sort()).toEqual([...pets].sort());
  const { core: held, licensure: licensed } = document.divisions;
  expect(held.owners).toEqual([expect.objectContaining({ id: owner.id, email: `${owner.clerkId}@example.com` })]);
  expect(held.pets.map((p: { id: string }) => p.id).sort()).toEqual([...pets].sort());
  expect(held.households).toHaveLength(1);
  expect(held.household_members).toEqual([expect.objectContaining({ ownerId: owner.id, role: 'PRIMARY' })]);
  // The owner's own changes, from core's audit log.
  expect(held.audit_log.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['createOwner', 'registerPet', 'createHousehold']));
  expect(licensed.pet_registry.map((r: { petId: string }) => r.petId)).toEqual([pets[0]]);
  expect(licensed.municipal_licenses).toEqual([expect.objectContaining({ petId: pets[0], feeCents: 3500 })]);
  expect(licensed.pet_copies.map((r: { id: string }) => r.id).sort()).toEqual([...pets].sort());
  // Nothing of anyone else.
  const text = JSON.stringify(document);
  expect(text).not.toContain(other.id);
  expect(text).not.toContain(other.clerkId);
}

describe('on Kafka', () => {
  let w: World;
  beforeAll(async () => {
    w = await world(await startTestStack([core, licensure, healthcare, training]), 'export');
  });
  afterAll(() => w?.stack.close());

  it('the signed-in owner exports their data: one document, grouped by division, with every table that holds them', async () => {
    const { requestDataExport } = await must(w.stack, REQUEST, {}, w.owner.token);
    expect(requestDataExport.status).toBe('PENDING');
    const done = await completed(w.stack, requestDataExport.id, w.owner.token);
    expect(done).toMatchObject({ ownerId: w.owner.id, waitingFor: [], completedAt: expect.any(String) });
    checkDocument(done.document, w);
  });

  it('an export larger than the broker takes in one message (1 MB) arrives whole, in parts', async () => {
    // Seeded straight into licensure: 2,000 vaccinations of one pet, each with a 1 KB note, about 3 MB as JSON.
    await w.stack.subgraphs.licensure!.sql.query(
      `insert into licensure.vaccinations (pet_id, registry_id, vaccine_name, vaccine_type, administered_date, administered_by)
       select r.pet_id, r.id, 'Bulk ' || g, 'CORE', '2026-02-01', repeat('x', 1000) from licensure.pet_registry r, generate_series(1, 2000) g
       where r.pet_id = $1`,
      [w.pets[0]],
    );
    const { requestDataExport } = await must(w.stack, REQUEST, {}, w.owner.token);
    const done = await completed(w.stack, requestDataExport.id, w.owner.token);
    const bulk = done.document.divisions.licensure.vaccinations.filter((v: { vaccineName: string }) => v.vaccineName.startsWith('Bulk '));
    expect(bulk).toHaveLength(2000);
    const { rows } = await w.stack.subgraphs.core!.sql.query('select count(*)::int as n from core.data_export_parts where export_id = $1 and subgraph = $2', [
      requestDataExport.id,
      'licensure',
    ]);
    expect(rows[0].n).toBeGreaterThan(4);
  });

  it('another owner neither sees the export nor starts one for this owner; an admin does both', async () => {
    const { requestDataExport } = await must(w.stack, REQUEST, {}, w.owner.token);
    expect((await must(w.stack, READ, { id: requestDataExport.id }, w.other.token)).dataExport).toBeNull();
    const refused = await w.stack.query(REQUEST, { o: w.owner.id }, w.other.token);
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    const byAdmin = (await must(w.stack, REQUEST, { o: w.owner.id }, w.admin)).requestDataExport;
    checkDocument((await completed(w.stack, byAdmin.id, w.admin)).document, w);
    expect((await w.stack.query(READ, { id: 'not-an-id' }, w.admin)).data?.dataExport).toBeNull();
    expect((await w.stack.query(REQUEST, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('on the in-process transport, with a division down when the request comes', () => {
  let w: World;
  let transport: EventTransport;
  let licensureWorkers: RunningWorkers | null = null;
  beforeAll(async () => {
    transport = new LocalTransport();
    w = await world(await startTestStack([core, licensure, healthcare, training], { transport }), 'local-export');
  });
  afterAll(async () => {
    await licensureWorkers?.stop();
    await w?.stack.close();
  });

  it('the export waits for licensure, and completes when licensure is back', async () => {
    // Licensure's workers stop as a crashed process's would; core's keep running.
    const running = w.stack.subgraphs.licensure!;
    await w.stack.stopWorkers('licensure');
    const { requestDataExport } = await must(w.stack, REQUEST, {}, w.owner.token);
    await new Promise((r) => setTimeout(r, 500));
    const waiting = (await must(w.stack, READ, { id: requestDataExport.id }, w.owner.token)).dataExport;
    expect(waiting).toMatchObject({ status: 'PENDING', waitingFor: ['licensure'], document: null });
    licensureWorkers = await startWorkers(licensure, { database: running.database, transport, log: () => undefined });
    checkDocument((await completed(w.stack, requestDataExport.id, w.owner.token)).document, w);
  });
});
